package com.computebilling.catalog;

/** A subscription term: {@code length} months or years. A year is 12 months. */
public record TermLength(int length, PriceUnit unit) {

    public TermLength {
        if (length < 1) {
            throw new IllegalArgumentException("term length must be at least 1");
        }
        if (unit != PriceUnit.MONTH && unit != PriceUnit.YEAR) {
            throw new IllegalArgumentException("term unit must be MONTH or YEAR, not " + unit);
        }
    }

    public int months() {
        return unit == PriceUnit.YEAR ? length * 12 : length;
    }
}
