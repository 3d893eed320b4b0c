package com.computebilling.input;

import com.computebilling.time.Interval;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Reads a {@code usage*.csv} row into a {@link UsageRecord}. */
public final class UsageRows {

    /** Longer than any billing month: an interval beyond it is an export error, not usage. */
    static final Duration LONGEST_INTERVAL = Duration.ofDays(31);

    private UsageRows() {
    }

    public static UsageRecord parse(CsvRecord r, ZoneId zone) {
        Fields f = new Fields(r, zone);
        Instant start = f.instant("start_time");
        Instant end = f.instant("end_time");
        if (!end.isAfter(start)) {
            throw f.bad("end_time is not after start_time");
        }
        if (Duration.between(start, end).compareTo(LONGEST_INTERVAL) > 0) {
            throw f.bad("usage interval longer than 31 days");
        }
        return new UsageRecord(f.text("record_id"), f.text("account_id"), f.text("resource_id"),
                f.enumeration("resource_class", ResourceClass.class), f.text("region"), f.text("sku"),
                f.positiveInt("quantity"), new Interval(start, end), r.source());
    }
}
