package com.computebilling.rating;

import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a usage interval into pieces that each lie in one hourly period, one resource state and one price.
 *
 * <pre>
 *  hours (Asia/Shanghai)   15:00            16:00            17:00
 *                            |                |                |
 *  state                     |    payg        |   payg  | subscription (CHANGE at 16:30:30)
 *  usage              [15:29:16 ---------------------------------------- 17:00:00)
 *  pieces             [15:29:16, 16:00:00)[16:00:00, 16:30:30)[16:30:30, 17:00:00)
 * </pre>
 *
 * Every cut is a half-open boundary: a piece ends exactly where the next begins, so no second is counted twice
 * or lost, and the pieces' seconds add up to the interval's.
 */
final class IntervalSplitter {

    /** A source of cut points: the first boundary strictly after {@code t}, if there is one. */
    @FunctionalInterface
    public interface Boundaries {
        Optional<Instant> nextAfter(Instant t);
    }

    private final BillingZone zone;

    public IntervalSplitter(BillingZone zone) {
        this.zone = zone;
    }

    /** Cuts at every local full hour of the billing zone and at every boundary the others give. */
    public List<Interval> split(Interval interval, Boundaries... others) {
        List<Interval> pieces = new ArrayList<>();
        Instant start = interval.start();
        while (start.isBefore(interval.end())) {
            Instant end = earliest(interval.end(), zone.nextHour(zone.hourStart(start)));
            for (Boundaries b : others) {
                Optional<Instant> next = b.nextAfter(start);
                if (next.isPresent()) {
                    end = earliest(end, next.get());
                }
            }
            pieces.add(new Interval(start, end));
            start = end;
        }
        return pieces;
    }

    private static Instant earliest(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }
}
