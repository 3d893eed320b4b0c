package com.computebilling.usage;

import com.computebilling.findings.SourceRef;
import com.computebilling.time.Interval;
import com.computebilling.usage.ResourceClass;

/** One metering record: {@code quantity} nodes ran over {@code interval}. */
public record UsageRecord(String recordId, String accountId, String resourceId, ResourceClass resourceClass,
                          String region, String sku, int quantity, Interval interval, SourceRef source) {

    public long nodeSeconds() {
        return quantity * interval.seconds();
    }
}
