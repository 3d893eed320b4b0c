package com.computebilling.rating;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every node-second of usage went. Conservation: {@code input} equals the sum of the six buckets.
 */
public record NodeSeconds(long input, long billed, long covered, long withoutOrder, long quantityExcess,
                          long noPrice, long outOfPeriod) {

    public static final NodeSeconds ZERO = new NodeSeconds(0, 0, 0, 0, 0, 0, 0);

    /** The six buckets by the names {@code summary.json} gives them (SPEC §4), in the order it prints them. */
    public static final List<String> BUCKETS = List.of("billed", "covered", "without_order", "quantity_excess",
            "no_price", "out_of_period");

    /** {@code input}, then the six buckets, by their {@code summary.json} names. */
    public Map<String, Long> byName() {
        Map<String, Long> named = new LinkedHashMap<>();
        named.put("input", input);
        List<Long> values = List.of(billed, covered, withoutOrder, quantityExcess, noPrice, outOfPeriod);
        for (int i = 0; i < BUCKETS.size(); i++) {
            named.put(BUCKETS.get(i), values.get(i));
        }
        return named;
    }

    public NodeSeconds plus(NodeSeconds o) {
        return new NodeSeconds(input + o.input, billed + o.billed, covered + o.covered,
                withoutOrder + o.withoutOrder, quantityExcess + o.quantityExcess, noPrice + o.noPrice,
                outOfPeriod + o.outOfPeriod);
    }

    public long bucketSum() {
        return billed + covered + withoutOrder + quantityExcess + noPrice + outOfPeriod;
    }

    public boolean conserved() {
        return input == bucketSum();
    }
}
