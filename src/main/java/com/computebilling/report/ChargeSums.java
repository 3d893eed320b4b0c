package com.computebilling.report;

import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import com.computebilling.time.ProcessedPeriod;
import com.computebilling.time.Timestamps;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of {@code charges.csv} summed as its rows go by: what {@link ChargeFigures#read} does with the file,
 * done by the run on the rows it is writing into it, so that the file is not read back (500 MB at 1,000,000 rows).
 * Not thread-safe: one thread adds at a time.
 */
public final class ChargeSums {

    private final BillingZone zone;
    private final ChargeFigures.Grain grain;
    private final boolean severalMonths;
    private final List<Interval> ranges;
    private final TreeMap<Instant, ChargeFigures.Slot> axis = new TreeMap<>();
    private final Map<String, Map<Instant, BigDecimal>> sums = new TreeMap<>();
    private final Map<String, long[]> counts = new HashMap<>();
    private long lineNumber = 1;   // the header's

    public ChargeSums(ProcessedPeriod period) {
        this.zone = period.zone();
        this.grain = period.kind() == ProcessedPeriod.Kind.DAY ? ChargeFigures.Grain.HOUR : ChargeFigures.Grain.DAY;
        this.severalMonths = period.months().size() > 1;
        this.ranges = period.ranges();
        if (grain == ChargeFigures.Grain.HOUR) {
            for (Interval range : ranges) {
                for (Instant h = range.start(); h.isBefore(range.end()); h = zone.nextHour(h)) {
                    axis.put(h, ChargeFigures.hour(zone, h));
                }
            }
        } else {
            for (LocalDate d : period.days()) {
                axis.put(zone.startOf(d), ChargeFigures.day(zone, zone.startOf(d), severalMonths));
            }
        }
    }

    /**
     * Rows of {@code charges.csv} as they are written, in UTF-8: whole records, each ending in a line break (a
     * quoted field may hold line breaks of its own).
     */
    public void addRows(byte[] utf8) throws IOException {
        String rows = new String(utf8, StandardCharsets.UTF_8);
        int from = 0;
        // the first quote at or after `from`, found once and moved forward only when passed: looking back from each
        // row's end for one (lastIndexOf) scanned the whole batch before it, row after row
        int quote = rows.indexOf('"');
        while (from < rows.length()) {
            int end = rows.indexOf('\n', from);
            if (end < 0) {
                throw new IOException("charges.csv, record " + (lineNumber + 1) + ": no line break at its end");
            }
            if (quote >= 0 && quote < end) {
                while (ChargeFigures.quotes(rows, from, end) % 2 != 0) {   // a line break inside a quoted field
                    end = rows.indexOf('\n', end + 1);
                    if (end < 0) {
                        throw new IOException("charges.csv ends inside a quoted field");
                    }
                }
            }
            add(rows.substring(from, end));
            from = end + 1;
            if (quote >= 0 && quote < from) {
                quote = rows.indexOf('"', from);
            }
        }
    }

    /** One record, without its line break. */
    void add(String record) throws IOException {
        lineNumber++;
        int[] commas = ChargeFigures.lastCommas(record);
        if (commas == null) {
            throw new IOException("charges.csv, record " + lineNumber + ": fewer than " + ChargeFigures.TAIL_COLUMNS
                    + " columns");
        }
        String currencyCode = record.substring(commas[0] + 1);
        BigDecimal amount = new BigDecimal(record.substring(commas[1] + 1, commas[0]));
        Instant at = Timestamps.parse(record.substring(commas[ChargeFigures.TAIL_COLUMNS - 1] + 1, commas[ChargeFigures.TAIL_COLUMNS - 2]),
                zone.id());
        Instant slot = ChargeFigures.slotOf(at, ranges, axis, zone, grain, severalMonths);
        sums.computeIfAbsent(currencyCode, c -> new HashMap<>()).merge(slot, amount, BigDecimal::add);
        counts.computeIfAbsent(currencyCode, c -> new long[1])[0]++;
    }

    /** The rows summed so far. */
    public long lineCount() {
        return lineNumber - 1;
    }

    /**
     * What has been summed, as text: one line per currency and slot ({@code currency TAB slot's epoch second TAB
     * amount}) and one per currency's row count ({@code currency TAB count}), in a fixed order. A run that summed
     * {@code charges.csv} in one step keeps it there for the step that writes {@code report.html}
     * ({@code job/WriteChargesTasklet}); {@link #restored} reads it back.
     */
    public String state() {
        StringBuilder sb = new StringBuilder();
        sums.forEach((code, bySlot) -> {
            new TreeMap<>(bySlot).forEach((slot, amount) -> sb.append(code).append('\t').append(slot.getEpochSecond())
                    .append('\t').append(amount.toPlainString()).append('\n'));
            sb.append(code).append('\t').append(counts.get(code)[0]).append('\n');
        });
        return sb.toString();
    }

    /** The sums of {@link #state}, for the same period. */
    public static ChargeSums restored(ProcessedPeriod period, String state) {
        ChargeSums restored = new ChargeSums(period);
        for (String line : state.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length == 3) {
                restored.sums.computeIfAbsent(f[0], c -> new HashMap<>())
                        .put(Instant.ofEpochSecond(Long.parseLong(f[1])), new BigDecimal(f[2]));
            } else if (f.length == 2) {
                long n = Long.parseLong(f[1]);
                restored.counts.put(f[0], new long[] {n});
                restored.lineNumber += n;
            } else {
                throw new IllegalArgumentException("not a line of summed charges: " + line);
            }
        }
        return restored;
    }

    ChargeFigures figures() {
        List<ChargeFigures.Slot> slots = List.copyOf(axis.values());
        Map<String, ChargeFigures.CurrencyCharges> perCurrency = new LinkedHashMap<>();
        sums.forEach((code, bySlot) -> {
            List<BigDecimal> series = new ArrayList<>(slots.size());
            BigDecimal sum = BigDecimal.ZERO;
            for (ChargeFigures.Slot b : slots) {
                BigDecimal v = bySlot.getOrDefault(b.start(), BigDecimal.ZERO);
                series.add(v);
                sum = sum.add(v);
            }
            perCurrency.put(code, new ChargeFigures.CurrencyCharges(counts.get(code)[0], sum, List.copyOf(series)));
        });
        return new ChargeFigures(grain, slots, perCurrency);
    }
}
