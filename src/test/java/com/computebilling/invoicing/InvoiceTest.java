package com.computebilling.invoicing;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;

class InvoiceTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Test
    void an_invoice_id_is_account_month_and_currency() {
        // SPEC §4: {account_id}-{YYYYMM}-{currency}
        assertThat(Invoice.idOf("acme-ai", YearMonth.of(2023, 4), CNY)).isEqualTo("acme-ai-202304-CNY");
        assertThat(Invoice.idOf("acme-ai", YearMonth.of(2023, 12), CNY)).isEqualTo("acme-ai-202312-CNY");
    }

    @Test
    void the_month_is_printed_as_the_yyyyMM_pattern_prints_it_for_every_year() {
        DateTimeFormatter yyyymm = DateTimeFormatter.ofPattern("yyyyMM");
        for (int year : new int[] {1, 999, 1000, 1999, 2023, 9999, 10000}) {
            for (int month = 1; month <= 12; month++) {
                YearMonth m = YearMonth.of(year, month);
                assertThat(Invoice.idOf("a", m, CNY)).isEqualTo("a-" + yyyymm.format(m) + "-CNY");
            }
        }
    }
}
