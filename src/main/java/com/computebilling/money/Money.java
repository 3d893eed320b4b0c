package com.computebilling.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** An amount in a currency. Built from strings so that no binary fraction ever enters. */
public record Money(BigDecimal amount, Currency currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currency));
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
        return new Money(amount.add(other.amount), currency);
    }

    public Money roundedToMinorUnits() {
        return new Money(Rounding.toMinorUnits(amount, currency), currency);
    }

    /** Plain decimal, no grouping, at the scale the amount has. */
    public String plain() {
        return amount.toPlainString();
    }
}
