package com.computebilling.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

/**
 * The only place where amounts lose precision. Charge lines keep 8 decimal places, as the clouds keep hourly
 * bills precise; money is rounded once, per invoice sum, to the currency's minor units. Both round half-up.
 */
public final class Rounding {

    public static final int LINE_SCALE = 8;
    public static final RoundingMode MODE = RoundingMode.HALF_UP;

    private Rounding() {
    }

    /** An exact product (price × nodes × units) kept at line precision. */
    public static BigDecimal line(BigDecimal exact) {
        return exact.setScale(LINE_SCALE, MODE);
    }

    /** {@code numerator ÷ divisor}, e.g. price × nodes × seconds ÷ seconds-per-unit, kept at line precision. */
    public static BigDecimal line(BigDecimal numerator, long divisor) {
        return numerator.divide(BigDecimal.valueOf(divisor), LINE_SCALE, MODE);
    }

    /** Places a quantity keeps when its quotient does not end (FOCUS {@code PricingQuantity}, SPEC §6). */
    public static final int QUANTITY_SCALE = 12;

    /** The prime factors of ten: a reduced fraction ends in decimals when its divisor has no others. */
    private static final List<BigInteger> TENS_FACTORS = List.of(BigInteger.TWO, BigInteger.valueOf(5));

    /**
     * {@code numerator ÷ divisor} as a quantity: exact where the quotient ends (1844 ÷ 60 is not, 2700 ÷ 60 = 45 is),
     * else half-up to {@link #QUANTITY_SCALE} places; no trailing zeros.
     */
    public static BigDecimal quantity(BigDecimal numerator, long divisor) {
        BigDecimal d = BigDecimal.valueOf(divisor);
        // Asked beforehand rather than by catching divide's ArithmeticException: FOCUS asks for every usage line, most
        // quotients by 3,600 do not end, and an exception's stack trace cost more than the row around it.
        return ends(numerator, divisor) ? numerator.divide(d).stripTrailingZeros()
                : numerator.divide(d, QUANTITY_SCALE, MODE);
    }

    /**
     * Whether {@code numerator ÷ divisor} has a finite decimal expansion: once the fraction is reduced, the divisor
     * must have no prime factor but 2 and 5 (the numerator's own power of ten changes nothing). A zero divisor is
     * left to {@code divide}, which refuses it.
     */
    static boolean ends(BigDecimal numerator, long divisor) {
        if (divisor == 0) {
            return true;
        }
        BigInteger rest = BigInteger.valueOf(divisor).abs();
        rest = rest.divide(numerator.unscaledValue().gcd(rest));   // at least 1: rest is not 0
        for (BigInteger factor : TENS_FACTORS) {
            while (rest.mod(factor).signum() == 0) {
                rest = rest.divide(factor);
            }
        }
        return rest.equals(BigInteger.ONE);
    }

    /** A sum of charge lines rounded to what the currency can actually be paid in (USD 2, JPY 0). */
    public static BigDecimal toMinorUnits(BigDecimal amount, Currency currency) {
        return amount.setScale(minorUnits(currency), MODE);
    }

    public static int minorUnits(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException("currency " + currency + " has no minor units");
        }
        return digits;
    }
}
