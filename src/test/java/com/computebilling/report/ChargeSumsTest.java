package com.computebilling.report;

import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run sums charges.csv's rows as it writes them; the report must get the figures reading the file would give. */
class ChargeSumsTest {

    private static final ProcessedPeriod APRIL_IN_SHANGHAI =
            ProcessedPeriod.month(YearMonth.of(2023, 4), BillingZone.of("Asia/Shanghai"));
    private static final ProcessedPeriod APRIL_IN_UTC =
            ProcessedPeriod.month(YearMonth.of(2023, 4), BillingZone.of("UTC"));

    @TempDir
    Path dir;

    @Test
    void the_samples_rows_handed_over_in_pieces_sum_to_what_reading_the_file_gives() throws IOException {
        String file = Files.readString(Path.of("output-samples/charges.csv"));
        String[] rows = file.substring(file.indexOf('\n') + 1).split("(?<=\n)");
        ChargeSums sums = new ChargeSums(APRIL_IN_SHANGHAI);
        // as the run hands them over: a few rows at a time (here one, then the rest)
        sums.addRows(rows[0].getBytes(StandardCharsets.UTF_8));
        sums.addRows(String.join("", Arrays.copyOfRange(rows, 1, rows.length)).getBytes(StandardCharsets.UTF_8));

        ChargeFigures summed = sums.figures();

        assertThat(summed).isEqualTo(ChargeFigures.read(Path.of("output-samples/charges.csv"), APRIL_IN_SHANGHAI));
        // and the figures are the samples' (ReportPageTest derives them): 17 lines; JPY on 04-04 1800 + 600 = 2400
        assertThat(summed.lines()).isEqualTo(17);
        assertThat(summed.currency().get("JPY").perSlot().get(3)).isEqualByComparingTo("2400");
    }

    @Test
    void a_line_break_inside_a_quoted_id_does_not_end_its_row() throws IOException {
        String rows = new HandMadeOutputs(dir, "2023-04", "UTC")
                .usage("acme, \"the\"\nco", "r,1", "2023-04-10T10:00:00Z", "1.50000000", "USD")
                .usage("plain", "r-2", "2023-04-10T11:00:00Z", "2.25000000", "USD").chargeRows();
        ChargeSums sums = new ChargeSums(APRIL_IN_UTC);

        sums.addRows(rows.getBytes(StandardCharsets.UTF_8));

        // two lines, 1.50 + 2.25 = 3.75 on 04-10 (the tenth slot)
        assertThat(sums.figures().lines()).isEqualTo(2);
        assertThat(sums.figures().currency().get("USD").perSlot().get(9)).isEqualByComparingTo(new BigDecimal("3.75"));
    }

    @Test
    void quoted_rows_between_plain_ones_in_one_batch_each_end_at_their_own_closing_quote() throws IOException {
        String rows = new HandMadeOutputs(dir, "2023-04", "UTC")
                .usage("plain", "r-1", "2023-04-10T10:00:00Z", "1.00000000", "USD")
                .usage("acme\nco", "r-2", "2023-04-10T11:00:00Z", "2.00000000", "USD")
                .usage("plain", "r-3", "2023-04-11T10:00:00Z", "4.00000000", "USD")
                .usage("plain", "r,\"4\"\n", "2023-04-11T11:00:00Z", "8.00000000", "USD")
                .usage("plain", "r-5", "2023-04-12T10:00:00Z", "16.00000000", "USD").chargeRows();
        ChargeSums sums = new ChargeSums(APRIL_IN_UTC);

        sums.addRows(rows.getBytes(StandardCharsets.UTF_8));

        // five lines: 1 + 2 = 3 on 04-10, 4 + 8 = 12 on 04-11, 16 on 04-12 (slots 9, 10, 11)
        assertThat(sums.figures().lines()).isEqualTo(5);
        assertThat(sums.figures().currency().get("USD").perSlot().subList(9, 12))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("3"), new BigDecimal("12"), new BigDecimal("16"));
    }

    @Test
    void rows_that_stop_inside_a_quoted_field_or_without_a_line_break_are_refused() {
        ChargeSums sums = new ChargeSums(APRIL_IN_UTC);

        assertThatThrownBy(() -> sums.addRows("CL1,\"open\nfield,".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("inside a quoted field");
        assertThatThrownBy(() -> sums.addRows("CL1,a,b".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("no line break");
    }

    @Test
    void sums_kept_as_text_and_read_back_give_the_same_figures() throws IOException {
        String file = Files.readString(Path.of("output-samples/charges.csv"));
        ChargeSums sums = new ChargeSums(APRIL_IN_SHANGHAI);
        sums.addRows(file.substring(file.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8));

        ChargeSums restored = ChargeSums.restored(APRIL_IN_SHANGHAI, sums.state());

        assertThat(restored.figures()).isEqualTo(sums.figures());
        assertThat(restored.lineCount()).isEqualTo(17);
        // the samples' JPY on 04-04: 1800 + 600 = 2400, its scale kept as summed
        assertThat(restored.figures().currency().get("JPY").perSlot().get(3)).isEqualByComparingTo("2400");
        assertThat(restored.state()).isEqualTo(sums.state());
    }

    @Test
    void a_line_of_kept_sums_that_is_neither_a_sum_nor_a_count_is_refused() {
        assertThatThrownBy(() -> ChargeSums.restored(APRIL_IN_UTC, "USD\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a line of summed charges");
    }
}
