package com.computebilling.report;

import com.computebilling.output.Columns;
import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import com.computebilling.time.ProcessedPeriod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code charges.csv} summed per currency, and per local day of the period (per hourly period for a day run). The
 * file can hold millions of lines, so it is read once, a line at a time, and only the sums are kept.
 *
 * <p>A line counts on the day (hour) of its {@code charge_start}: for a usage line that lies in its hour (the hour of
 * {@code period_start}); for a subscription line it is the instant charged, which decides its billing month (SPEC
 * §3) — its {@code period_start} is the term's start, which for a RENEW is the old term's expiry, often next month.
 *
 * @param grain    days, or hours for a day run
 * @param axis     every time slot of the period in time order (empty ones included), plus any slot outside it that
 *                 a line fell in, so that the slots always add up to the lines
 * @param currency per currency code (in code order), its lines and their sums
 */
record ChargeFigures(Grain grain, List<Slot> axis, Map<String, CurrencyCharges> currency) {

    enum Grain { HOUR, DAY }

    /** One bar: where it starts, its short axis label and its full name. */
    record Slot(Instant start, String label, String title) {
    }

    /** @param perSlot the sum of {@code amount} per slot, in {@code axis} order */
    record CurrencyCharges(long lines, BigDecimal sum, List<BigDecimal> perSlot) {
    }

    long lines() {
        return currency.values().stream().mapToLong(CurrencyCharges::lines).sum();
    }

    /**
     * The last nine columns (charge_start to currency) are instants, numbers, units and a currency code that the
     * product writes and never quotes, so they are found from the end of the line whatever an id before them holds.
     */
    static final int TAIL_COLUMNS = Columns.CHARGES.size() - Columns.CHARGES.indexOf("charge_start");

    static ChargeFigures read(Path file, ProcessedPeriod period) throws IOException {
        ChargeSums sums = new ChargeSums(period);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8), 1 << 16)) {
            String header = in.readLine();
            if (header == null || !header.equals(String.join(",", Columns.CHARGES))) {
                throw new IOException(file.getFileName() + ": header is not " + Columns.CHARGES);
            }
            for (String record; (record = nextRecord(in)) != null; ) {
                sums.add(record);
            }
        }
        return sums.figures();
    }

    /** The slot holding {@code at}: the period's own, or (for a line outside the period) its day or hour. */
    static Instant slotOf(Instant at, List<Interval> ranges, TreeMap<Instant, Slot> axis, BillingZone zone,
                                    Grain grain, boolean severalMonths) {
        for (Interval range : ranges) {
            if (range.contains(at)) {
                return axis.floorKey(at);
            }
        }
        Instant start = grain == Grain.HOUR ? zone.hourStart(at) : zone.startOf(zone.dayOf(at));
        axis.computeIfAbsent(start, s -> grain == Grain.HOUR ? hour(zone, s) : day(zone, s, true));
        return start;
    }

    static Slot hour(BillingZone zone, Instant start) {
        String printed = zone.format(start);
        return new Slot(start, printed.substring(11, 13), printed);
    }

    static Slot day(BillingZone zone, Instant start, boolean withMonth) {
        String date = zone.dayOf(start).toString();
        return new Slot(start, withMonth ? date.substring(5) : String.valueOf(Integer.parseInt(date.substring(8))),
                date);
    }

    /** One CSV record: a physical line, joined with the next while a quoted field is still open. */
    private static String nextRecord(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null || line.indexOf('"') < 0) {
            return line;
        }
        StringBuilder record = new StringBuilder(line);
        while (quotes(record) % 2 != 0) {
            String more = in.readLine();
            if (more == null) {
                throw new IOException("charges.csv ends inside a quoted field");
            }
            record.append('\n').append(more);
        }
        return record.toString();
    }

    private static int quotes(CharSequence s) {
        return quotes(s, 0, s.length());
    }

    static int quotes(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    /** Positions of the last {@code TAIL_COLUMNS} commas, the last one first; null if the record has fewer. */
    static int[] lastCommas(String record) {
        int[] commas = new int[TAIL_COLUMNS];
        int from = record.length();
        for (int i = 0; i < TAIL_COLUMNS; i++) {
            from = record.lastIndexOf(',', from - 1);
            if (from < 0) {
                return null;
            }
            commas[i] = from;
        }
        return commas;
    }
}
