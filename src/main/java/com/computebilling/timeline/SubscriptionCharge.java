package com.computebilling.timeline;

import com.computebilling.catalog.ChargeType;
import com.computebilling.catalog.SubscriptionQuote;
import com.computebilling.catalog.TermLength;
import com.computebilling.orders.Order;
import com.computebilling.time.Interval;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A term charged once, at {@code chargedAt}: NEW and CHANGE_TO_SUBSCRIPTION (SUBSCRIPTION), RENEW (RENEWAL), or a
 * term that renewed itself at expiry (AUTO_RENEWAL, charged against the order it renews).
 */
public record SubscriptionCharge(ChargeType type, Order order, Instant chargedAt, Interval term, TermLength length,
                                 int nodes, SubscriptionQuote quote) {

    public BigDecimal amount() {
        return quote.amount(nodes);
    }
}
