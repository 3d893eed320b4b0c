package com.computebilling.output;

import com.computebilling.money.Rounding;

import java.math.BigDecimal;
import java.util.Currency;

/** How numbers are printed: plain decimals, no grouping. */
public final class Amounts {

    private Amounts() {
    }

    /** A charge line amount: always 8 places ({@code 32.85000000}). */
    public static String line(BigDecimal amount) {
        return amount.setScale(Rounding.LINE_SCALE).toPlainString();
    }

    /** An invoice amount at the currency's minor units ({@code 47865.40}, JPY {@code 1200}). */
    public static String money(BigDecimal amount, Currency currency) {
        return amount.setScale(Rounding.minorUnits(currency)).toPlainString();
    }

    /**
     * A unit price as the catalog gave it, with at least the currency's minor units
     * ({@code 0.73}, {@code 23932.70}, JPY {@code 9800}, {@code 0.000125}).
     */
    public static String unitPrice(BigDecimal price, Currency currency) {
        BigDecimal p = price.stripTrailingZeros();
        int minor = Rounding.minorUnits(currency);
        return (p.scale() < minor ? p.setScale(minor) : p).toPlainString();
    }
}
