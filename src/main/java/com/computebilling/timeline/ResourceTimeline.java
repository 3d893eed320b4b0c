package com.computebilling.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The billing state of one resource at every instant: non-overlapping segments in time order, the subscription
 * charges its orders (and auto-renewals) raised, and the orders it refused.
 */
public final class ResourceTimeline {

    private final List<Segment> segments;
    private final List<SubscriptionCharge> charges;
    private final List<OrderFinding> findings;

    ResourceTimeline(List<Segment> segments, List<SubscriptionCharge> charges, List<OrderFinding> findings) {
        this.segments = List.copyOf(segments);
        this.charges = List.copyOf(charges);
        this.findings = List.copyOf(findings);
    }

    public List<Segment> segments() {
        return segments;
    }

    public List<SubscriptionCharge> charges() {
        return charges;
    }

    public List<OrderFinding> findings() {
        return findings;
    }

    /** The state in force at {@code t}, if any. */
    public Optional<Segment> at(Instant t) {
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Segment s = segments.get(mid);
            if (t.isBefore(s.interval().start())) {
                hi = mid - 1;
            } else if (!t.isBefore(s.interval().end())) {
                lo = mid + 1;
            } else {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The first instant after {@code t} where the state changes (a segment starts or ends). */
    public Optional<Instant> nextChangeAfter(Instant t) {
        for (Segment s : segments) {
            if (s.interval().start().isAfter(t)) {
                return Optional.of(s.interval().start());
            }
            if (s.interval().end().isAfter(t)) {
                return Optional.of(s.interval().end());
            }
        }
        return Optional.empty();
    }
}
