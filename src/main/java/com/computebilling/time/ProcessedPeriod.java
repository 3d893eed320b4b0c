package com.computebilling.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one run bills: a local day (the nightly case), a local month, or, without {@code --period}, every whole
 * month some usage lies in. Usage and charges outside it belong to another run.
 */
public final class ProcessedPeriod {

    public enum Kind { DAY, MONTH, MONTHS_OF_USAGE }

    /** How a run without {@code --period} is named wherever it is shown: it covers every month its usage touches. */
    public static final String MONTHS_OF_USAGE = "months of usage";

    private final Kind kind;
    private final BillingZone zone;
    private final LocalDate day;
    private final SortedSet<YearMonth> months;
    private final List<Interval> ranges;

    private ProcessedPeriod(Kind kind, BillingZone zone, LocalDate day, SortedSet<YearMonth> months) {
        this.kind = kind;
        this.zone = zone;
        this.day = day;
        this.months = months;
        this.ranges = new ArrayList<>();
        if (kind == Kind.DAY) {
            ranges.add(zone.dayInterval(day));
        } else {
            months.forEach(m -> ranges.add(zone.monthInterval(m)));
        }
    }

    public static ProcessedPeriod day(LocalDate day, BillingZone zone) {
        return new ProcessedPeriod(Kind.DAY, zone, day, new TreeSet<>(List.of(YearMonth.from(day))));
    }

    public static ProcessedPeriod month(YearMonth month, BillingZone zone) {
        return new ProcessedPeriod(Kind.MONTH, zone, null, new TreeSet<>(List.of(month)));
    }

    public static ProcessedPeriod monthsOfUsage(SortedSet<YearMonth> months, BillingZone zone) {
        return new ProcessedPeriod(Kind.MONTHS_OF_USAGE, zone, null, new TreeSet<>(months));
    }

    /** Parses {@code YYYY-MM} or {@code YYYY-MM-DD}; empty when the text is neither (an impossible period). */
    public static Optional<ProcessedPeriod> parse(String text, BillingZone zone) {
        try {
            if (text.matches("\\d{4}-\\d{2}")) {
                return Optional.of(month(YearMonth.parse(text), zone));
            }
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Optional.of(day(LocalDate.parse(text), zone));
            }
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public Kind kind() {
        return kind;
    }

    public BillingZone zone() {
        return zone;
    }

    /** As given on the command line; empty when the run covers the months of its usage. */
    public Optional<String> label() {
        return switch (kind) {
            case DAY -> Optional.of(day.toString());
            case MONTH -> Optional.of(months.first().toString());
            case MONTHS_OF_USAGE -> Optional.empty();
        };
    }

    public boolean contains(Instant t) {
        for (Interval range : ranges) {
            if (range.contains(t)) {
                return true;
            }
        }
        return false;
    }

    public List<Interval> ranges() {
        return List.copyOf(ranges);
    }

    /** The billing months whose invoices this run writes. */
    public SortedSet<YearMonth> months() {
        return new TreeSet<>(months);
    }

    /** Every local day whose stored charges this run replaces. */
    public List<LocalDate> days() {
        if (kind == Kind.DAY) {
            return List.of(day);
        }
        List<LocalDate> days = new ArrayList<>();
        for (YearMonth m : months) {
            for (LocalDate d = m.atDay(1); !d.isAfter(m.atEndOfMonth()); d = d.plusDays(1)) {
                days.add(d);
            }
        }
        return days;
    }

    /** A month run closes its invoices; a day run only brings the month to date. */
    public boolean closesMonths() {
        return kind != Kind.DAY;
    }

    /** Where the period ends (the epoch for a run whose input had no usage, and so no month). */
    public Instant end() {
        return ranges.isEmpty() ? Instant.EPOCH : ranges.get(ranges.size() - 1).end();
    }

    @Override
    public String toString() {
        return label().orElse(MONTHS_OF_USAGE + " " + months);
    }
}
