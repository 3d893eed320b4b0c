package com.computebilling.focus;

import com.computebilling.rating.ResourceBill;
import com.computebilling.rating.ResourceRater;
import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import com.computebilling.time.ProcessedPeriod;
import com.computebilling.timeline.SubscriptionCharge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resource's A rows: every term of its timeline that overlaps the processed period, spread over the period's local
 * days ({@link Amortization}), rendered per account (the term's). Each row keeps the instant it starts, by which it
 * takes its place among the resource's U and P rows in {@code focus.csv}.
 */
public final class AmortizationRows {

    /** One rendered row (with its line break) and where its charge period starts. */
    public record Timed(Instant start, String row) {
    }

    private final ProcessedPeriod period;
    private final FocusRows rows;
    /** The period's local days, worked out once for every resource a rating worker bills. */
    private final List<Interval> days = new ArrayList<>();

    public AmortizationRows(ProcessedPeriod period, FocusRows rows) {
        this.period = period;
        this.rows = rows;
        BillingZone zone = period.zone();
        for (LocalDate day : period.days()) {
            days.add(zone.dayInterval(day));
        }
    }

    /** The bill's A rows per account, each account's in start order (a day's Used row before its Unused row). */
    public Map<String, List<Timed>> of(ResourceBill bill) {
        Map<String, List<Timed>> byAccount = new TreeMap<>();
        for (SubscriptionCharge term : bill.terms()) {
            if (period.ranges().stream().noneMatch(r -> r.overlaps(term.term()))) {
                continue;
            }
            String purchase = ResourceRater.purchaseLine(term).lineId();
            for (Amortization.DayShare share : Amortization.of(term.amount(), term.nodes(), term.term(), days,
                    bill.coverage())) {
                String text = rows.amortization(term, purchase, share);
                if (!text.isEmpty()) {
                    byAccount.computeIfAbsent(term.order().accountId(), a -> new ArrayList<>())
                            .add(new Timed(share.piece().start(), text));
                }
            }
        }
        // Terms of a resource never overlap, so ordering by start (stable) keeps each day's Used before its Unused.
        byAccount.values().forEach(list -> list.sort(Comparator.comparing(Timed::start)));
        return byAccount;
    }

    /**
     * Stores timed rows as one text: per row, its start in epoch seconds and its length, then the row. A row may hold
     * a line break inside a quoted field, so lengths, not line breaks, delimit rows.
     */
    public static String encode(List<Timed> rows) {
        StringBuilder sb = new StringBuilder();
        for (Timed t : rows) {
            sb.append(t.start().getEpochSecond()).append(' ').append(t.row().length()).append(' ').append(t.row());
        }
        return sb.toString();
    }

    public static List<Timed> decode(String text) {
        List<Timed> rows = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int space = text.indexOf(' ', at);
            int second = text.indexOf(' ', space + 1);
            long start = Long.parseLong(text, at, space, 10);
            int length = Integer.parseInt(text, space + 1, second, 10);
            rows.add(new Timed(Instant.ofEpochSecond(start), text.substring(second + 1, second + 1 + length)));
            at = second + 1 + length;
        }
        return rows;
    }
}
