package com.computebilling.invoicing;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.ChargeType;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.rating.ChargeLine;
import com.computebilling.rating.NodeSeconds;
import com.computebilling.rating.ResourceBill;
import com.computebilling.time.BillingZone;
import com.computebilling.usage.ResourceClass;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DayTotalsTest {

    private static final BillingZone SHANGHAI = BillingZone.of("Asia/Shanghai");
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency USD = Currency.getInstance("USD");

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    /** One node of lj-1 pay-as-you-go for {@code minutes} of the hour at 0.73/minute: the amount is minutes × 0.73. */
    private static ChargeLine payg(String account, String hour, int minutes, Currency currency) {
        BigDecimal amount = new BigDecimal("0.73").multiply(BigDecimal.valueOf(minutes)).setScale(8);
        return new ChargeLine(account, "lj-1", ResourceClass.LINGJUN, "cn-shanghai", "ml.gu7xf.8xlarge-gu108",
                ChargeType.USAGE, BillingMode.PAY_AS_YOU_GO, "o-1", at(hour), at(hour).plusSeconds(3600), at(hour),
                at(hour).plusSeconds(60L * minutes), 1, 60L * minutes, "SECOND", new BigDecimal("0.73"),
                PriceUnit.MINUTE, amount, currency);
    }

    /** A month's subscription term of lj-1 starting at {@code start}, charged 23932.70 (SPEC §1's monthly price). */
    private static ChargeLine subscription(String account, String start) {
        Instant from = at(start);
        Instant to = OffsetDateTime.parse(start).plusMonths(1).toInstant();
        return new ChargeLine(account, "lj-1", ResourceClass.LINGJUN, "cn-shanghai", "ml.gu7xf.8xlarge-gu108",
                ChargeType.SUBSCRIPTION, BillingMode.SUBSCRIPTION, "o-2", from, to, from, to, 1, 1, "MONTH",
                new BigDecimal("23932.70"), PriceUnit.MONTH, new BigDecimal("23932.70000000"), CNY);
    }

    private static List<DayTotals> totals(BillingZone zone, ChargeLine... lines) {
        ResourceBill bill = new ResourceBill("lj-1", List.of(lines), List.of(), new NodeSeconds(0, 0, 0, 0, 0, 0, 0));
        return DayTotals.of(bill, zone);
    }

    @Test
    void one_days_lines_of_one_account_and_currency_are_one_total() {
        List<DayTotals> totals = totals(SHANGHAI,
                payg("acct-a", "2023-04-18T15:00:00+08:00", 45, CNY),
                payg("acct-a", "2023-04-18T16:00:00+08:00", 60, CNY),
                payg("acct-a", "2023-04-18T17:00:00+08:00", 10, CNY));

        // 45 + 60 + 10 = 115 minutes × 0.73 = 83.95
        assertThat(totals).containsExactly(new DayTotals("lj-1", LocalDate.parse("2023-04-18"), "acct-a", CNY,
                BigDecimal.ZERO, new BigDecimal("83.95000000"), 3));
    }

    @Test
    void lines_either_side_of_local_midnight_belong_to_two_days_in_the_billing_zone() {
        ChargeLine lateEvening = payg("acct-a", "2023-04-18T23:00:00+08:00", 60, CNY);   // 43.80
        ChargeLine afterMidnight = payg("acct-a", "2023-04-19T00:00:00+08:00", 45, CNY);   // 32.85

        assertThat(totals(SHANGHAI, lateEvening, afterMidnight)).containsExactly(
                new DayTotals("lj-1", LocalDate.parse("2023-04-18"), "acct-a", CNY, BigDecimal.ZERO,
                        new BigDecimal("43.80000000"), 1),
                new DayTotals("lj-1", LocalDate.parse("2023-04-19"), "acct-a", CNY, BigDecimal.ZERO,
                        new BigDecimal("32.85000000"), 1));
        // in UTC both hours (15:00Z and 16:00Z) are on the 18th: 43.80 + 32.85 = 76.65
        assertThat(totals(BillingZone.of("UTC"), lateEvening, afterMidnight)).containsExactly(
                new DayTotals("lj-1", LocalDate.parse("2023-04-18"), "acct-a", CNY, BigDecimal.ZERO,
                        new BigDecimal("76.65000000"), 2));
    }

    @Test
    void each_account_has_its_own_total_and_a_term_counts_as_subscription_on_the_day_it_starts() {
        List<DayTotals> totals = totals(SHANGHAI,
                payg("acct-a", "2023-04-18T15:00:00+08:00", 45, CNY),                 // 32.85
                subscription("acct-b", "2023-04-18T10:00:00+08:00"),                  // 23932.70
                payg("acct-b", "2023-04-18T16:00:00+08:00", 60, CNY));                // 43.80

        assertThat(totals).containsExactly(
                new DayTotals("lj-1", LocalDate.parse("2023-04-18"), "acct-a", CNY, BigDecimal.ZERO,
                        new BigDecimal("32.85000000"), 1),
                new DayTotals("lj-1", LocalDate.parse("2023-04-18"), "acct-b", CNY, new BigDecimal("23932.70000000"),
                        new BigDecimal("43.80000000"), 2));
    }

    @Test
    void a_currency_that_comes_back_later_the_same_day_adds_to_its_first_total() {
        List<DayTotals> totals = totals(SHANGHAI,
                payg("acct-a", "2023-04-18T15:00:00+08:00", 45, CNY),                 // 32.85
                payg("acct-a", "2023-04-18T16:00:00+08:00", 60, USD),                 // 43.80
                payg("acct-a", "2023-04-18T17:00:00+08:00", 10, CNY));                // 7.30

        // CNY: 32.85 + 7.30 = 40.15 over two lines; USD 43.80; in currency order
        assertThat(totals).containsExactly(
                new DayTotals("lj-1", LocalDate.parse("2023-04-18"), "acct-a", CNY, BigDecimal.ZERO,
                        new BigDecimal("40.15000000"), 2),
                new DayTotals("lj-1", LocalDate.parse("2023-04-18"), "acct-a", USD, BigDecimal.ZERO,
                        new BigDecimal("43.80000000"), 1));
    }
}
