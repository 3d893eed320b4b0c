package com.computebilling.invoicing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Currency;

/** The exact (8-decimal) sums of one invoice's stored lines, before rounding to money. */
public record InvoiceTotals(String accountId, YearMonth month, Currency currency, BigDecimal subscriptionLines,
                            BigDecimal usageLines, long lineCount) {
}
