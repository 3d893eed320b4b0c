package com.computebilling.timeline;

import com.computebilling.catalog.BillingMode;
import com.computebilling.orders.Order;
import com.computebilling.time.Interval;

/**
 * A stretch of a resource's timeline in one state: pay-as-you-go for {@code nodes} nodes, or covered by a
 * subscription of {@code nodes} nodes. {@code order} is the order whose terms apply in it.
 */
public record Segment(Interval interval, BillingMode mode, int nodes, Order order) {

    public boolean isPayAsYouGo() {
        return mode == BillingMode.PAY_AS_YOU_GO;
    }
}
