package com.computebilling.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval {@code [start, end)}: touching intervals do not overlap. */
public record Interval(Instant start, Instant end) {

    /** Stands for "open-ended": a pay-as-you-go state nobody has released yet. */
    public static final Instant OPEN_END = Instant.parse("9999-12-31T23:59:59Z");

    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("interval end " + end + " is not after start " + start);
        }
    }

    public static Interval of(String start, String end) {
        return new Interval(Instant.parse(start), Instant.parse(end));
    }

    public long seconds() {
        return Duration.between(start, end).getSeconds();
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public boolean overlaps(Interval other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
