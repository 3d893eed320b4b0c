package com.computebilling.invoicing;

import com.computebilling.money.Rounding;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Currency;

/**
 * One invoice per account, billing month and currency. Its usage amount is the sum of its usage lines and its
 * subscription amount the sum of its other lines, each rounded once to the currency's minor units.
 */
public record Invoice(String invoiceId, String accountId, YearMonth month, Currency currency,
                      BigDecimal subscriptionAmount, BigDecimal usageAmount, BigDecimal totalAmount, long lineCount,
                      InvoiceStatus status) {

    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

    public static String idOf(String accountId, YearMonth month, Currency currency) {
        // Printed for every resource's lines: four-digit years by hand, any other year as the formatter prints it, in
        // one builder (a + concatenation links through method handles that run slowly until compiled).
        StringBuilder id = new StringBuilder(accountId.length() + 12).append(accountId).append('-');
        int year = month.getYear();
        if (year >= 1000 && year <= 9999) {
            id.append(year).append(month.getMonthValue() < 10 ? "0" : "").append(month.getMonthValue());
        } else {
            id.append(YYYYMM.format(month));
        }
        return id.append('-').append(currency.getCurrencyCode()).toString();
    }

    public static Invoice from(InvoiceTotals t, InvoiceStatus status) {
        BigDecimal subscription = Rounding.toMinorUnits(t.subscriptionLines(), t.currency());
        BigDecimal usage = Rounding.toMinorUnits(t.usageLines(), t.currency());
        return new Invoice(idOf(t.accountId(), t.month(), t.currency()), t.accountId(), t.month(), t.currency(),
                subscription, usage, subscription.add(usage), t.lineCount(), status);
    }
}
