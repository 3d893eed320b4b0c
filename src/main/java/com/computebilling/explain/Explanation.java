package com.computebilling.explain;

import com.computebilling.catalog.CatalogPrice;
import com.computebilling.orders.Order;
import com.computebilling.rating.ChargeLine;
import com.computebilling.usage.UsageRecord;

import java.math.BigDecimal;
import java.util.List;

/**
 * Where one charge line comes from: the line as the job rated it again from the inputs, the usage records with the
 * seconds each contributes (usage lines), the order behind it (none for a public pool), the price row, and the exact
 * product the amount was kept from.
 */
public record Explanation(ChargeLine line, List<Contribution> records, Order order, CatalogPrice price,
                          BigDecimal exactAmount) {

    /** A usage record and the seconds of it that fall into the line. */
    public record Contribution(UsageRecord record, long seconds) {
    }

    public long contributedSeconds() {
        return records.stream().mapToLong(Contribution::seconds).sum();
    }
}
