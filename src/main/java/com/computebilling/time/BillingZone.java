package com.computebilling.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The zone whose clock defines billing hours, days and months. Everything else in the product is an
 * {@link Instant}; this is the one place that converts to local time, to find boundaries or to print.
 */
public final class BillingZone {

    private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final ZoneId zone;
    /**
     * The month {@link #monthOf} found last. Threads share a zone: one may replace what another just stored, which
     * costs a recomputation, never a wrong month (a record's fields are final, so it is seen whole or not at all).
     */
    private MonthSpan lastMonth;
    /** The span of one offset found last, for {@link #offsetAt}; shared as {@link #lastMonth} is. */
    private OffsetSpan lastOffset;
    /** The day {@link #format} printed last; shared as {@link #lastMonth} is. */
    private PrintedDay lastDay;

    public BillingZone(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone);
    }

    public static BillingZone of(String id) {
        return new BillingZone(ZoneId.of(id));
    }

    public ZoneId id() {
        return zone;
    }

    /**
     * Start of the hourly period holding {@code t}: the local full hour at or before it. Truncating the local
     * time keeps the offset in force at {@code t}, so in a repeated autumn hour the second 01:00 is its own period.
     */
    public Instant hourStart(Instant t) {
        // Rating asks this for every piece of usage: the usual case is worked out from the offset, and taken when the
        // full hour found has that same offset (no change of offset between it and t); otherwise the calendar decides.
        int offset = offsetAt(t);
        long local = t.getEpochSecond() + offset;
        Instant start = Instant.ofEpochSecond(local - Math.floorMod(local, 3600) - offset);
        if (offsetAt(start) == offset) {
            return start;
        }
        return hourStartByCalendar(t);
    }

    Instant hourStartByCalendar(Instant t) {
        return ZonedDateTime.ofInstant(t, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    /**
     * The next local full hour after {@code hourStart}: the earliest instant after it at which the zone's clock
     * reads a full hour. Across a spring-forward gap this is one real hour later (01:00 EST then 03:00 EDT);
     * across an autumn overlap 01:00 EDT is followed by 01:00 EST. Half-hour changes give a longer or shorter
     * period (Lord Howe in April: 01:00+11:00 is followed by 02:00+10:30, ninety minutes later), because
     * 01:30+10:30 is not a full hour on anyone's clock.
     */
    public Instant nextHour(Instant hourStart) {
        // The usual case, asked once per charge line: a full hour on the clock, and no change of offset before the
        // same time an hour later.
        OffsetSpan span = offsetSpan(hourStart);
        int offset = span.offset();
        if (Math.floorMod(hourStart.getEpochSecond() + offset, 3600) == 0) {
            // the span ends at the next change of offset after hourStart, if any
            if (span.until() > hourStart.getEpochSecond() + 3600) {
                return hourStart.plusSeconds(3600);
            }
        }
        return nextHourByCalendar(hourStart);
    }

    Instant nextHourByCalendar(Instant hourStart) {
        LocalDateTime local = LocalDateTime.ofInstant(hourStart, zone).truncatedTo(ChronoUnit.HOURS);
        Instant next = null;
        // The same local hour again (second pass of an overlap), the next one, or the one after a gap.
        for (int hours = 0; hours <= 2; hours++) {
            LocalDateTime candidate = local.plusHours(hours);
            for (ZoneOffset offset : zone.getRules().getValidOffsets(candidate)) {
                Instant at = candidate.toInstant(offset);
                if (at.isAfter(hourStart) && (next == null || at.isBefore(next))) {
                    next = at;
                }
            }
        }
        return next != null ? next : hourStart.plusSeconds(3600);
    }

    public LocalDate dayOf(Instant t) {
        // as LocalDate.ofInstant works it out, with the offset of the span found last
        return LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond() + offsetAt(t), 86_400));
    }

    public YearMonth monthOf(Instant t) {
        // Asked for every staged record (twice) and every charge line, nearly always of the month asked last: an
        // instant inside the span found last is answered without working out a date (the offset's search of the
        // zone's transitions was a tenth of a loading thread's samples before offsetSpan). A span is a run of instants of one month under one
        // offset, so within it the local day, worked out as LocalDate.ofInstant does, is in that month.
        long second = t.getEpochSecond();
        MonthSpan last = lastMonth;
        if (last != null && second >= last.from() && second < last.until()) {
            return last.month();
        }
        // the month's part of the span of one offset around t
        OffsetSpan span = offsetSpan(t);
        int offset = span.offset();
        YearMonth month = YearMonth.from(LocalDate.ofEpochDay(Math.floorDiv(second + offset, 86_400)));
        long from = Math.max(month.atDay(1).toEpochDay() * 86_400 - offset, span.from());
        long until = Math.min(month.plusMonths(1).atDay(1).toEpochDay() * 86_400 - offset, span.until());
        lastMonth = new MonthSpan(from, until, month);
        return month;
    }

    /** The zone's offset at {@code t}, in seconds. */
    private int offsetAt(Instant t) {
        return offsetSpan(t).offset();
    }

    /**
     * The run of instants around {@code t} under one offset, bounded by the zone's changes of offset. Rating asks for
     * the offset of every piece of usage and every printed instant, nearly always inside the span found last, and
     * the zone's own answer is a search of its transitions each time. Shared by threads as {@link #lastMonth} is.
     */
    private OffsetSpan offsetSpan(Instant t) {
        long second = t.getEpochSecond();
        OffsetSpan last = lastOffset;
        if (last != null && second >= last.from() && second < last.until()) {
            return last;
        }
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition before = rules.previousTransition(t.plusNanos(1));   // one at t itself counts as before
        ZoneOffsetTransition after = rules.nextTransition(t);
        OffsetSpan span = new OffsetSpan(before == null ? Long.MIN_VALUE : before.getInstant().getEpochSecond(),
                after == null ? Long.MAX_VALUE : after.getInstant().getEpochSecond(),
                rules.getOffset(t).getTotalSeconds());
        lastOffset = span;
        return span;
    }

    /**
     * Instants {@code [from, until)} in epoch seconds under one offset (whole seconds: changes fall on them), and the
     * offset as printed ({@code Z}, {@code +08:00}), null for an offset with seconds, which only the formatter prints.
     */
    private record OffsetSpan(long from, long until, int offset, String suffix) {

        OffsetSpan(long from, long until, int offset) {
            this(from, until, offset, suffixOf(offset));
        }

        private static String suffixOf(int offset) {
            if (offset == 0) {
                return "Z";
            }
            if (offset % 60 != 0) {
                return null;
            }
            StringBuilder sb = new StringBuilder(6).append(offset < 0 ? '-' : '+');
            two(sb, Math.abs(offset) / 3600).append(':');
            return two(sb, Math.abs(offset) / 60 % 60).toString();
        }
    }

    /** Instants {@code [from, until)} in epoch seconds, all of one local month under one offset. */
    private record MonthSpan(long from, long until, YearMonth month) {
    }

    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    public Instant startOf(YearMonth month) {
        return startOf(month.atDay(1));
    }

    public Interval dayInterval(LocalDate day) {
        return new Interval(startOf(day), startOf(day.plusDays(1)));
    }

    public Interval monthInterval(YearMonth month) {
        return new Interval(startOf(month), startOf(month.plusMonths(1)));
    }

    /** Calendar arithmetic in the zone: 31 January plus one month is 28 February, same local time. */
    public Instant plusMonths(Instant t, int months) {
        return ZonedDateTime.ofInstant(t, zone).plusMonths(months).toInstant();
    }

    /**
     * ISO-8601 at second precision with the zone's offset at that instant ({@code Z} for UTC), as
     * {@code uuuu-MM-dd'T'HH:mm:ssXXX} prints it. Charge rows print four instants each, millions of times a run, so
     * the usual shape is written by hand; anything unusual (a year outside 1000-9999, an offset with seconds) goes
     * to the formatter. A test holds the two to the same output.
     */
    public String format(Instant t) {
        return format(t, new StringBuilder(25)).toString();
    }

    /** {@link #format(Instant)} appended to {@code to}, which is returned. */
    public StringBuilder format(Instant t, StringBuilder to) {
        OffsetSpan span = offsetSpan(t);
        long local = t.getEpochSecond() + span.offset();
        long day = Math.floorDiv(local, 86_400);
        // The date part is that of the day printed last on most calls: remembered, like the spans.
        PrintedDay printed = lastDay;
        if (printed == null || printed.day() != day) {
            LocalDate date = LocalDate.ofEpochDay(day);
            if (date.getYear() < 1000 || date.getYear() > 9999) {
                return to.append(formatWithFormatter(t));
            }
            StringBuilder sb = new StringBuilder(11).append(date.getYear()).append('-');
            two(sb, date.getMonthValue()).append('-');
            two(sb, date.getDayOfMonth()).append('T');
            printed = new PrintedDay(day, sb.toString());
            lastDay = printed;
        }
        if (span.suffix() == null) {
            return to.append(formatWithFormatter(t));   // an offset with seconds
        }
        int secondOfDay = (int) (local - day * 86_400);
        to.append(printed.text());
        two(to, secondOfDay / 3600).append(':');
        two(to, secondOfDay / 60 % 60).append(':');
        two(to, secondOfDay % 60);
        return to.append(span.suffix());
    }

    /** A local day's printed date and the {@code T} after it. */
    private record PrintedDay(long day, String text) {
    }

    String formatWithFormatter(Instant t) {
        return PRINTED.format(ZonedDateTime.ofInstant(t, zone));
    }

    private static StringBuilder two(StringBuilder sb, int n) {
        return sb.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    @Override
    public String toString() {
        return zone.getId();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BillingZone other && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return zone.hashCode();
    }
}
