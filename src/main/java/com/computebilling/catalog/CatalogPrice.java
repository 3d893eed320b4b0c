package com.computebilling.catalog;

import com.computebilling.findings.SourceRef;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/** One row of a price list: the price of one node for one price unit, over {@code [from, to)}. */
public record CatalogPrice(String sku, String region, BillingMode mode, PriceUnit unit, BigDecimal unitPrice,
                           Currency currency, Instant effectiveFrom, Instant effectiveTo, boolean inStock,
                           SourceRef source) {

    /** {@code effectiveTo} null means open. */
    public boolean inEffectAt(Instant t) {
        return !t.isBefore(effectiveFrom) && (effectiveTo == null || t.isBefore(effectiveTo));
    }

    boolean overlaps(CatalogPrice other) {
        boolean startsBeforeOtherEnds = other.effectiveTo == null || effectiveFrom.isBefore(other.effectiveTo);
        boolean otherStartsBeforeThisEnds = effectiveTo == null || other.effectiveFrom.isBefore(effectiveTo);
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    /** Two rows that would both answer "what does this cost at t". */
    boolean competesWith(CatalogPrice other) {
        if (!sku.equals(other.sku) || !region.equals(other.region) || mode != other.mode) {
            return false;
        }
        return mode == BillingMode.PAY_AS_YOU_GO || unit == other.unit;
    }
}
