package com.computebilling.invoicing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Currency;

/** The exact (8-decimal) sums of one invoice's stored lines, before rounding to money. */
public record InvoiceTotals(String accountId, YearMonth month, Currency currency, BigDecimal subscriptionLines,
                            BigDecimal usageLines, long lineCount) {

    /** The same invoice's lines from another run (a month's days can be owned by several day runs). */
    public InvoiceTotals plus(InvoiceTotals other) {
        if (!accountId.equals(other.accountId) || !month.equals(other.month) || !currency.equals(other.currency)) {
            throw new IllegalArgumentException("not the same invoice: " + this + " and " + other);
        }
        return new InvoiceTotals(accountId, month, currency, subscriptionLines.add(other.subscriptionLines),
                usageLines.add(other.usageLines), lineCount + other.lineCount);
    }
}
