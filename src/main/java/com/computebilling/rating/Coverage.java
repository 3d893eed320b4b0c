package com.computebilling.rating;

import com.computebilling.time.Interval;

import java.time.Instant;

/**
 * A piece of usage that a subscription covered: {@code nodes} nodes (the metered nodes, at most the subscribed ones)
 * over {@code piece}. Its node-seconds are in the {@code covered} bucket.
 */
public record Coverage(Interval piece, int nodes) {

    /** The covered node-seconds of this piece that fall inside {@code window}. */
    public long nodeSecondsWithin(Interval window) {
        if (!piece.overlaps(window)) {
            return 0;
        }
        Interval both = new Interval(later(piece.start(), window.start()), earlier(piece.end(), window.end()));
        return nodes * both.seconds();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
