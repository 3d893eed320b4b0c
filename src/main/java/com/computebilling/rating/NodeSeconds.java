package com.computebilling.rating;

/**
 * Where every node-second of usage went. Conservation: {@code input} equals the sum of the six buckets.
 */
public record NodeSeconds(long input, long billed, long covered, long withoutOrder, long quantityExcess,
                          long noPrice, long outOfPeriod) {

    public static final NodeSeconds ZERO = new NodeSeconds(0, 0, 0, 0, 0, 0, 0);

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
