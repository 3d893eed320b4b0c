package com.computebilling.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Chart geometry is exact decimal arithmetic: the same figures always draw the same bytes. */
class ChartTest {

    @Test
    void a_bar_is_its_figure_over_the_largest_times_the_full_length_to_one_place() {
        // the samples' billed node-seconds: 24,374 × 560 ÷ 78,944 = 172.900…, covered 44,970 × 560 ÷ 78,944 = 319.000…
        assertThat(Chart.scale(new BigDecimal("24374"), new BigDecimal("78944"), 560)).isEqualByComparingTo("172.9");
        assertThat(Chart.scale(new BigDecimal("44970"), new BigDecimal("78944"), 560)).isEqualByComparingTo("319.0");
        assertThat(Chart.scale(new BigDecimal("78944"), new BigDecimal("78944"), 560)).isEqualByComparingTo("560");
    }

    @Test
    void nothing_and_negative_figures_draw_nothing() {
        assertThat(Chart.scale(BigDecimal.ZERO, BigDecimal.ZERO, 560)).isEqualByComparingTo("0");
        assertThat(Chart.scale(new BigDecimal("-5"), BigDecimal.TEN, 560)).isEqualByComparingTo("0");
    }

    @Test
    void axis_steps_are_round_numbers_that_cover_the_largest_figure_in_about_four_steps() {
        // 9036.74 ÷ 4 = 2259.19 → 2500 (top 10,000); 3,142,570 ÷ 4 = 785,642.5 → 1,000,000 (top 4,000,000);
        // 48,056.13 ÷ 4 = 12,014.03 → 20,000 (top 60,000)
        assertThat(Chart.niceStep(new BigDecimal("9036.74"), 4)).isEqualByComparingTo("2500");
        assertThat(Chart.niceStep(new BigDecimal("3142570"), 4)).isEqualByComparingTo("1000000");
        assertThat(Chart.niceStep(new BigDecimal("48056.13"), 4)).isEqualByComparingTo("20000");
        assertThat(Chart.niceStep(new BigDecimal("0.36"), 4)).isEqualByComparingTo("0.1");
        assertThat(List.of(Chart.compact(new BigDecimal("2500")), Chart.compact(new BigDecimal("4000000")),
                Chart.compact(new BigDecimal("0.10")))).containsExactly("2.5k", "4M", "0.1");
    }

    @Test
    void a_small_figure_beside_a_large_one_still_shows() {
        // 36.74 beside 9000 on a 920-wide plot would be 0.2 units high: it is drawn 1.5 high, with its exact title
        String svg = Chart.columns("c", List.of(new ChargeFigures.Slot(java.time.Instant.EPOCH, "1", "day 1"),
                        new ChargeFigures.Slot(java.time.Instant.EPOCH.plusSeconds(86_400), "2", "day 2")),
                List.of(new BigDecimal("36.74"), new BigDecimal("9000")), "CNY", "#000");
        assertThat(svg).contains("height=\"1.5\" fill=\"#000\"><title>day 1: CNY 36.74</title>");
    }
}
