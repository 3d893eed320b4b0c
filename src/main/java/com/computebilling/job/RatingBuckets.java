package com.computebilling.job;

import java.util.ArrayList;
import java.util.List;

/**
 * Resources are spread over a fixed number of rating buckets by their id, at load time; a rating partition takes
 * every bucket {@code b} with {@code b mod partitions == p}. The bucket count never changes with the partition count,
 * so a run restarted with another number of workers still finds every resource exactly once. (Not to be confused with
 * the six node-second buckets of SPEC's conservation, {@code NodeSeconds.Bucket}: in this package "bucket" is always
 * a rating bucket.)
 */
final class RatingBuckets {

    static final int COUNT = 64;

    private RatingBuckets() {
    }

    /** {@link String#hashCode()} is specified by the language, so the same id gets the same bucket everywhere. */
    static int of(String resourceId) {
        return Math.floorMod(resourceId.hashCode(), COUNT);
    }

    static List<Integer> ofPartition(int partition, int partitions) {
        List<Integer> buckets = new ArrayList<>();
        for (int b = partition; b < COUNT; b += partitions) {
            buckets.add(b);
        }
        return buckets;
    }
}
