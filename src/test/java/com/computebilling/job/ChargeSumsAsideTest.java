package com.computebilling.job;

import com.computebilling.report.ChargeSums;
import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChargeSumsAsideTest {

    private static final ProcessedPeriod APRIL_IN_SHANGHAI =
            ProcessedPeriod.month(YearMonth.of(2023, 4), BillingZone.of("Asia/Shanghai"));

    @Test
    void rows_summed_on_the_side_give_the_sums_of_all_rows_handed_over() throws IOException {
        String file = Files.readString(Path.of("output-samples/charges.csv"));
        String rows = file.substring(file.indexOf('\n') + 1);
        ChargeSums direct = new ChargeSums(APRIL_IN_SHANGHAI);
        direct.addRows(rows.getBytes(StandardCharsets.UTF_8));

        ChargeSums aside;
        try (ChargeSumsAside sums = new ChargeSumsAside(new ChargeSums(APRIL_IN_SHANGHAI))) {
            // the samples' 17 rows, 2,000 times over, a row at a time: many batches, more than are let in hand at once
            for (int i = 0; i < 2_000; i++) {
                for (String row : rows.split("(?<=\n)")) {
                    sums.add(row.getBytes(StandardCharsets.UTF_8));
                }
            }
            aside = sums.finish();
        }

        // 17 lines x 2,000
        assertThat(aside.lineCount()).isEqualTo(34_000);
        assertThat(direct.lineCount()).isEqualTo(17);
    }

    @Test
    void a_row_the_summing_thread_cannot_read_fails_the_writing_of_the_outputs() throws IOException {
        try (ChargeSumsAside sums = new ChargeSumsAside(new ChargeSums(APRIL_IN_SHANGHAI))) {
            sums.add("not a charges row\n".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(sums::finish).isInstanceOf(IOException.class).hasMessageContaining("record 2");
        }
    }
}
