package com.computebilling.rating;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where every node-second of usage went. Conservation: {@code input} equals the sum of the six buckets.
 */
public record NodeSeconds(long input, long billed, long covered, long withoutOrder, long quantityExcess,
                          long noPrice, long outOfPeriod) {

    /** The six buckets of SPEC §3's conservation, by the names {@code summary.json} gives them, in its order. */
    public enum Bucket {
        BILLED("billed"), COVERED("covered"), WITHOUT_ORDER("without_order"), QUANTITY_EXCESS("quantity_excess"),
        NO_PRICE("no_price"), OUT_OF_PERIOD("out_of_period");

        private final String key;

        Bucket(String key) {
            this.key = key;
        }

        /** The name in {@code summary.json}'s {@code node_seconds}. */
        public String key() {
            return key;
        }
    }

    public long in(Bucket bucket) {
        return switch (bucket) {
            case BILLED -> billed;
            case COVERED -> covered;
            case WITHOUT_ORDER -> withoutOrder;
            case QUANTITY_EXCESS -> quantityExcess;
            case NO_PRICE -> noPrice;
            case OUT_OF_PERIOD -> outOfPeriod;
        };
    }

    /** {@code input}, then the six buckets, by their {@code summary.json} names. */
    public Map<String, Long> byName() {
        Map<String, Long> named = new LinkedHashMap<>();
        named.put("input", input);
        for (Bucket b : Bucket.values()) {
            named.put(b.key(), in(b));
        }
        return named;
    }

    public NodeSeconds plus(NodeSeconds o) {
        return new NodeSeconds(input + o.input, billed + o.billed, covered + o.covered,
                withoutOrder + o.withoutOrder, quantityExcess + o.quantityExcess, noPrice + o.noPrice,
                outOfPeriod + o.outOfPeriod);
    }

    public long bucketSum() {
        long sum = 0;
        for (Bucket b : Bucket.values()) {
            sum += in(b);
        }
        return sum;
    }
}
