package com.computebilling.catalog;

import com.computebilling.money.Rounding;

import java.math.BigDecimal;

/**
 * The price of a subscription term: the catalog row used and how many of its units the term is
 * (a 1-year term priced monthly is 12 units).
 */
public record SubscriptionQuote(CatalogPrice price, int units) {

    public BigDecimal amount(int nodes) {
        return Rounding.line(price.unitPrice().multiply(BigDecimal.valueOf(nodes)).multiply(BigDecimal.valueOf(units)));
    }
}
