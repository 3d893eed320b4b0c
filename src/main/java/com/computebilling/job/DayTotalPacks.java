package com.computebilling.job;

import com.computebilling.invoicing.DayTotals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.computebilling.job.StoreKeys.dayKey;
import static com.computebilling.job.StoreKeys.monthKey;

/**
 * What a rated group's resources of one bucket add to each invoice on each local day, in one stored value
 * ({@code charge_total_groups}, V19) instead of a {@code charge_total} row per resource, day, account and currency.
 * Invoices only ever sum day totals by run, month, day, account and currency, so the resource was never read back; a
 * row each cost H2 a tree insert and a walk at commit, which on the one-day benchmark set (about two day totals a
 * resource) was a tenth of the rating threads, and publish then grouped some 190,000 rows again.
 *
 * <p>The bytes: a version byte, the count of totals, then per total its day and month keys, account, currency,
 * subscription and usage sums (exact, as plain decimal text) and line count.
 */
final class DayTotalPacks {

    private static final int VERSION = 1;

    /** The stored scale of day totals: the 8 places a charge line keeps (DECIMAL(38,8) in charge_total). */
    private static final int SCALE = 8;

    /** One day's sums for one invoice (account, currency), as stored. */
    record Entry(int day, int month, String accountId, String currency, BigDecimal subscriptionLines,
                 BigDecimal usageLines, long lineCount) {

        private Entry plus(Entry other) {
            return new Entry(day, month, accountId, currency, subscriptionLines.add(other.subscriptionLines),
                    usageLines.add(other.usageLines), lineCount + other.lineCount);
        }
    }

    /** A group's packed totals with what its row keeps beside them, for reading only the months asked for. */
    record Pack(byte[] bytes, int firstMonth, int lastMonth, long lineCount) {
    }

    private DayTotalPacks() {
    }

    /** The resources' day totals, those of one day and invoice added together. */
    static Pack pack(List<DayTotals> totals) {
        record Key(int day, String accountId, String currency) {
            // written out: a generated record hashCode runs through method handles, slow until compiled
            @Override
            public int hashCode() {
                return (31 * day + accountId.hashCode()) * 31 + currency.hashCode();
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && day == k.day && accountId.equals(k.accountId) && currency.equals(k.currency);
            }
        }
        Map<Key, Entry> merged = new LinkedHashMap<>();
        for (DayTotals t : totals) {
            Entry e = new Entry(dayKey(t.day()), monthKey(YearMonth.from(t.day())), t.accountId(),
                    t.currency().getCurrencyCode(), t.subscriptionLines(), t.usageLines(), t.lineCount());
            merged.merge(new Key(e.day(), e.accountId(), e.currency()), e, Entry::plus);
        }
        PackOutput out = new PackOutput(8 + 64 * merged.size());
        out.writeByte(VERSION);
        out.writeInt(merged.size());
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        long lines = 0;
        for (Entry e : merged.values()) {
            out.writeInt(e.day());
            out.writeInt(e.month());
            out.writeUtf(e.accountId());
            out.writeUtf(e.currency());
            out.writeUtf(e.subscriptionLines().toPlainString());
            out.writeUtf(e.usageLines().toPlainString());
            out.writeLong(e.lineCount());
            first = Math.min(first, e.month());
            last = Math.max(last, e.month());
            lines += e.lineCount();
        }
        return new Pack(out.toByteArray(), first, last, lines);
    }

    /** The totals of a pack, in the order they were packed. */
    static List<Entry> unpack(byte[] bytes) {
        PackInput in = new PackInput(bytes, 2);
        try {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("day totals packed in version " + version + ", not " + VERSION);
            }
            int count = in.readInt();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(new Entry(in.readInt(), in.readInt(), in.readUtf(0), in.readUtf(1), amount(in.readUtf()),
                        amount(in.readUtf()), in.readLong()));
            }
            if (in.hasMore()) {
                throw new IllegalStateException("day totals pack holds bytes after its " + count + " totals");
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("a stored pack of day totals cannot be read", e);
        }
    }

    /**
     * A stored sum at the scale charge_total's column gave it, so that invoices and {@code explain} read the same
     * figures from either table. Never rounds: a line amount has at most 8 places, so a sum of them has too.
     */
    private static BigDecimal amount(String plain) {
        return new BigDecimal(plain).setScale(SCALE, RoundingMode.UNNECESSARY);
    }
}
