package com.computebilling.money;

import com.computebilling.invoicing.Invoice;
import com.computebilling.invoicing.InvoiceStatus;
import com.computebilling.invoicing.InvoiceTotals;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §3: lines are kept at 8 decimal places (half-up); money is rounded once, on the invoice, per sum, to the
 * currency's minor units (USD 2, JPY 0), half-up; the total is the sum of the two rounded amounts.
 */
class RoundingTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final YearMonth APRIL = YearMonth.of(2023, 4);

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static Invoice invoice(Currency currency, String subscriptionLines, String usageLines) {
        return Invoice.from(new InvoiceTotals("acc-1", APRIL, currency, d(subscriptionLines), d(usageLines), 3),
                InvoiceStatus.DRAFT);
    }

    @Test
    void a_quantity_is_exact_where_its_quotient_ends_and_twelve_places_half_up_where_it_does_not() {
        // 2700 node-seconds ÷ 60 = 45 node-minutes exactly; 9 ÷ 3600 = 0.0025 exactly
        assertThat(Rounding.quantity(d("2700"), 60)).hasToString("45");
        assertThat(Rounding.quantity(d("9"), 3600).toPlainString()).isEqualTo("0.0025");
        // 1844 ÷ 60 = 30.7333… → 30.733333333333 ; 5 ÷ 3600 = 0.00138888… → 0.001388888889 (half-up at the 12th place)
        assertThat(Rounding.quantity(d("1844"), 60).toPlainString()).isEqualTo("30.733333333333");
        assertThat(Rounding.quantity(d("5"), 3600).toPlainString()).isEqualTo("0.001388888889");
        assertThat(Rounding.quantity(d("0"), 3600)).isEqualByComparingTo("0");
    }

    @Test
    void whether_a_quantity_ends_is_what_exact_division_says() {
        // the reference: BigDecimal.divide without a scale refuses exactly the quotients that do not end
        for (long divisor : new long[]{1, 3, 7, 60, 3600, 86400, -60}) {
            for (long n = -50; n <= 10_000; n++) {
                BigDecimal numerator = BigDecimal.valueOf(n);
                boolean ends;
                try {
                    numerator.divide(BigDecimal.valueOf(divisor));
                    ends = true;
                } catch (ArithmeticException endless) {
                    ends = false;
                }
                assertThat(Rounding.ends(numerator, divisor)).as("%d ÷ %d", n, divisor).isEqualTo(ends);
            }
        }
        // a numerator with places of its own: 0.9 ÷ 3600 = 0.00025 ends, 0.5 ÷ 3600 does not
        assertThat(Rounding.ends(d("0.9"), 3600)).isTrue();
        assertThat(Rounding.ends(d("0.5"), 3600)).isFalse();
    }

    @Test
    void a_line_keeps_eight_decimal_places_rounded_half_up() {
        // 1 ÷ 3 = 0.333333333… → 0.33333333 ; 2 ÷ 3 = 0.666666666… → 0.66666667
        assertThat(Rounding.line(d("1"), 3)).isEqualByComparingTo("0.33333333").hasToString("0.33333333");
        assertThat(Rounding.line(d("2"), 3)).hasToString("0.66666667");
        // exactly half at the 9th place rounds up: 0.000000005 → 0.00000001
        assertThat(Rounding.line(d("0.000000005")).toPlainString()).isEqualTo("0.00000001");
    }

    @Test
    void a_line_of_0_73_per_minute_for_45_minutes_is_32_85_exactly() {
        // 0.73 USD/min × 1 node × 2700 s ÷ 60 = 1971 ÷ 60 = 32.85
        assertThat(Rounding.line(d("0.73").multiply(d("2700")), 60)).hasToString("32.85000000");
    }

    @Test
    void usd_sums_round_half_up_to_cents() {
        assertThat(Rounding.toMinorUnits(d("0.125"), USD)).hasToString("0.13");
        assertThat(Rounding.toMinorUnits(d("0.12499999"), USD)).hasToString("0.12");
        assertThat(Rounding.toMinorUnits(d("47865.40000000"), USD)).hasToString("47865.40");
    }

    @Test
    void jpy_sums_round_half_up_to_whole_yen() {
        assertThat(Rounding.toMinorUnits(d("1234.50000000"), JPY)).hasToString("1235");
        assertThat(Rounding.toMinorUnits(d("1234.49999999"), JPY)).hasToString("1234");
    }

    @Test
    void three_lines_of_a_third_are_summed_then_rounded_once_to_one_dollar() {
        // three hourly lines of 0.33333333 sum to 0.99999999 → 1.00 on the invoice;
        // rounding each line first would give 0.33 × 3 = 0.99
        BigDecimal sum = d("0.33333333").add(d("0.33333333")).add(d("0.33333333"));
        Invoice inv = invoice(USD, "0", sum.toPlainString());
        assertThat(inv.usageAmount()).hasToString("1.00");
        assertThat(inv.totalAmount()).hasToString("1.00");
    }

    @Test
    void invoice_total_is_the_sum_of_the_two_separately_rounded_amounts() {
        // subscription 10.004 → 10.00, usage 10.004 → 10.00, total 20.00 (not 20.008 → 20.01)
        Invoice inv = invoice(USD, "10.00400000", "10.00400000");
        assertThat(inv.subscriptionAmount()).hasToString("10.00");
        assertThat(inv.usageAmount()).hasToString("10.00");
        assertThat(inv.totalAmount()).hasToString("20.00");
    }

    @Test
    void invoice_in_jpy_has_no_decimals() {
        // subscription 15000.5 → 15001 (half-up), usage 99.49999999 → 99, total 15100
        Invoice inv = invoice(JPY, "15000.50000000", "99.49999999");
        assertThat(inv.subscriptionAmount()).hasToString("15001");
        assertThat(inv.usageAmount()).hasToString("99");
        assertThat(inv.totalAmount()).hasToString("15100");
    }

    @Test
    void invoice_id_is_account_month_and_currency() {
        Invoice inv = invoice(USD, "1", "1");
        assertThat(inv.invoiceId()).isEqualTo("acc-1-202304-USD");
        assertThat(inv.lineCount()).isEqualTo(3);
        assertThat(inv.status()).isEqualTo(InvoiceStatus.DRAFT);
    }

}
