package com.computebilling.job;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What writeInvoices counted survives its execution context, for the writeOutputs of a later attempt. */
class WrittenInvoicesKeptTest {

    @Test
    void totals_and_counts_come_back_as_they_were_kept_whatever_the_file_names_hold() {
        WriteInvoicesTasklet.Written written = new WriteInvoicesTasklet.Written(
                Map.of("USD", new BigDecimal("125404455.11"), "JPY", new BigDecimal("1163695756"),
                        "CNY", new BigDecimal("0.00000001")),
                Map.of("MALFORMED_ROW", 803L, "USAGE_WITHOUT_ORDER", 4969L),
                Map.of("usage.csv", 802L, "usage\tmarch 100%=ok,\"x\".csv", 1L, "orders-日本.csv", 1L));
        ExecutionContext context = new ExecutionContext();

        written.keep(context);

        assertThat(WriteInvoicesTasklet.Written.kept(context)).contains(written);
        WriteInvoicesTasklet.Written back = WriteInvoicesTasklet.Written.kept(context).orElseThrow();
        // 802 + 1: both file names start with "usage"
        assertThat(back.rejected("usage")).isEqualTo(803L);
        assertThat(back.totals().get("CNY")).isEqualByComparingTo("0.00000001");
        assertThat(back.totals().keySet()).as("summary.json lists currencies in code order")
                .containsExactly("CNY", "JPY", "USD");
    }

    @Test
    void a_context_without_them_gives_nothing() {
        assertThat(WriteInvoicesTasklet.Written.kept(new ExecutionContext())).isEmpty();
    }
}
