package com.computebilling.job;

import com.computebilling.invoicing.DayTotals;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DayTotalPacksTest {

    static DayTotals usage(String resource, String day, String account, String currency, String amount, long lines) {
        return new DayTotals(resource, LocalDate.parse(day), account, Currency.getInstance(currency), BigDecimal.ZERO,
                new BigDecimal(amount), lines);
    }

    static DayTotals subscription(String resource, String day, String account, String amount) {
        return new DayTotals(resource, LocalDate.parse(day), account, Currency.getInstance("USD"),
                new BigDecimal(amount), BigDecimal.ZERO, 1);
    }

    @Test
    void two_resources_of_one_account_on_one_day_add_to_one_total() {
        DayTotalPacks.Pack pack = DayTotalPacks.pack(List.of(
                usage("lj-1", "2023-04-18", "acct-1", "USD", "1.25000000", 3),
                usage("lj-2", "2023-04-18", "acct-1", "USD", "0.00000001", 2),
                subscription("lj-2", "2023-04-18", "acct-1", "720.5")));

        // 1.25000000 + 0.00000001 = 1.25000001 usage; 720.5 subscription; 3 + 2 + 1 = 6 lines.
        assertThat(DayTotalPacks.unpack(pack.bytes())).containsExactly(new DayTotalPacks.Entry(20230418, 202304,
                "acct-1", "USD", new BigDecimal("720.50000000"), new BigDecimal("1.25000001"), 6));
        assertThat(pack.lineCount()).isEqualTo(6);
    }

    @Test
    void another_day_account_or_currency_is_another_total_and_the_months_span_them() {
        DayTotalPacks.Pack pack = DayTotalPacks.pack(List.of(
                usage("lj-1", "2023-04-30", "acct-1", "USD", "2", 1),
                usage("lj-1", "2023-05-01", "acct-1", "USD", "3", 1),
                usage("lj-2", "2023-04-30", "acct-2", "USD", "5", 1),
                usage("lj-3", "2023-04-30", "acct-1", "JPY", "7", 1)));

        assertThat(DayTotalPacks.unpack(pack.bytes())).extracting(DayTotalPacks.Entry::day,
                DayTotalPacks.Entry::accountId, DayTotalPacks.Entry::currency).containsExactly(
                tuple(20230430, "acct-1", "USD"),
                tuple(20230501, "acct-1", "USD"),
                tuple(20230430, "acct-2", "USD"),
                tuple(20230430, "acct-1", "JPY"));
        assertThat(pack.firstMonth()).isEqualTo(202304);
        assertThat(pack.lastMonth()).isEqualTo(202305);
        assertThat(pack.lineCount()).isEqualTo(4);
    }

    @Test
    void sums_come_back_exact_at_eight_places_whatever_their_size() {
        // Past a long's range: 10^30 + 0.00000001, as DECIMAL(38,8) holds it.
        String large = "1000000000000000000000000000000.00000001";
        DayTotalPacks.Pack pack = DayTotalPacks.pack(List.of(usage("lj-1", "2023-04-18", "acct-ü,\"1\"", "USD",
                large, 1)));

        DayTotalPacks.Entry e = DayTotalPacks.unpack(pack.bytes()).get(0);
        assertThat(e.usageLines()).isEqualByComparingTo(large);
        assertThat(e.usageLines().scale()).isEqualTo(8);
        assertThat(e.subscriptionLines().toPlainString()).isEqualTo("0.00000000");
        assertThat(e.accountId()).isEqualTo("acct-ü,\"1\"");
    }

    @Test
    void a_cut_pack_is_refused_rather_than_read_short() {
        byte[] bytes = DayTotalPacks.pack(List.of(usage("lj-1", "2023-04-18", "acct-1", "USD", "1", 1))).bytes();

        assertThatThrownBy(() -> DayTotalPacks.unpack(Arrays.copyOf(bytes, bytes.length - 1)))
                .hasMessageContaining("cannot be read");
    }
}
