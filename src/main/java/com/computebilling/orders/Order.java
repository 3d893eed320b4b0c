package com.computebilling.orders;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.TermLength;
import com.computebilling.findings.SourceRef;
import com.computebilling.usage.ResourceClass;

import java.time.Instant;

/**
 * One row of the order export. {@code billingMode} is the mode the order puts the resource in (given for NEW,
 * implied for the others); {@code term} is null for pay-as-you-go and RELEASE.
 */
public record Order(String orderId, String accountId, String resourceId, ResourceClass resourceClass, String region,
                    String sku, int quantity, OrderType type, BillingMode billingMode, Instant effectiveAt,
                    TermLength term, boolean autoRenew, OrderStatus status, SourceRef source) {

    public boolean isPayAsYouGoPurchase() {
        return type == OrderType.NEW && billingMode == BillingMode.PAY_AS_YOU_GO;
    }
}
