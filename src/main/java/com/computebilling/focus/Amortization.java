package com.computebilling.focus;

import com.computebilling.money.Rounding;
import com.computebilling.rating.Coverage;
import com.computebilling.time.Interval;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Spreads a subscription term's amount over its seconds, one share per local day it overlaps (SPEC §6). The share of
 * piece {@code k}, ending {@code C_k} seconds into a term of {@code T} seconds and amount {@code A}, is
 * {@code round8(A × C_k ÷ T) − round8(A × C_(k−1) ÷ T)}: each boundary is rounded once, so the shares of a whole
 * term telescope to {@code A} exactly, whatever the days' lengths (23 and 25 hours across a DST change).
 */
final class Amortization {

    private Amortization() {
    }

    /**
     * One day's piece of a term: its share {@code E_k}; the subscribed node-seconds {@code S_k}; the covered
     * node-seconds {@code U_k} (capped at {@code S_k}); and the share split into what ran and what was left unused.
     */
    public record DayShare(Interval piece, BigDecimal share, long subscribed, long used, BigDecimal usedCost,
                           BigDecimal unusedCost) {

        public long unused() {
            return subscribed - used;
        }
    }

    /**
     * The shares of a term of {@code amount} for {@code nodes} nodes over {@code term}, on those of {@code days} (local
     * days, in order) that it overlaps, measured against {@code coverage} (the resource's covered pieces).
     */
    public static List<DayShare> of(BigDecimal amount, int nodes, Interval term, List<Interval> days,
                                    List<Coverage> coverage) {
        long total = term.seconds();
        List<DayShare> shares = new ArrayList<>();
        for (Interval day : days) {
            if (!day.overlaps(term)) {
                continue;
            }
            Interval piece = new Interval(later(day.start(), term.start()), earlier(day.end(), term.end()));
            BigDecimal share = boundary(amount, secondsBetween(term.start(), piece.end()), total)
                    .subtract(boundary(amount, secondsBetween(term.start(), piece.start()), total));
            long subscribed = nodes * piece.seconds();
            long covered = 0;
            for (Coverage c : coverage) {
                covered += c.nodeSecondsWithin(piece);
            }
            long used = Math.min(subscribed, covered);
            BigDecimal usedCost = Rounding.line(share.multiply(BigDecimal.valueOf(used)), subscribed);
            shares.add(new DayShare(piece, share, subscribed, used, usedCost, share.subtract(usedCost)));
        }
        return shares;
    }

    /** {@code round8(A × C ÷ T)}: the amount spread over the term's first {@code elapsed} seconds. */
    private static BigDecimal boundary(BigDecimal amount, long elapsed, long total) {
        return Rounding.line(amount.multiply(BigDecimal.valueOf(elapsed)), total);
    }

    private static long secondsBetween(Instant a, Instant b) {
        return Duration.between(a, b).getSeconds();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
