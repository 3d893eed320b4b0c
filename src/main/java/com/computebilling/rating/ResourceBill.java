package com.computebilling.rating;

import com.computebilling.findings.Finding;
import com.computebilling.timeline.SubscriptionCharge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One resource rated for the processed period: its charge lines in {@link ChargeLine#OUTPUT_ORDER}, findings and
 * node-second buckets; and, for the subscriptions' utilization, every term of its timeline (whichever run charged
 * it) with the pieces of usage they covered. A line id digests the resource id among other things, so ids can only
 * collide within one resource: checking here is checking the whole run.
 */
public record ResourceBill(String resourceId, List<ChargeLine> lines, List<String> lineIds, List<Finding> findings,
                           NodeSeconds nodeSeconds, List<SubscriptionCharge> terms, List<Coverage> coverage) {

    /** Sorts the lines into output order and works out their ids (a digest each) once. */
    public ResourceBill(String resourceId, List<ChargeLine> lines, List<Finding> findings, NodeSeconds nodeSeconds,
                        List<SubscriptionCharge> terms, List<Coverage> coverage) {
        this(resourceId, sorted(lines), null, findings, nodeSeconds, terms, coverage);
    }

    /** A bill without subscription terms. */
    public ResourceBill(String resourceId, List<ChargeLine> lines, List<Finding> findings, NodeSeconds nodeSeconds) {
        this(resourceId, lines, findings, nodeSeconds, List.of(), List.of());
    }

    public ResourceBill {
        if (lineIds == null) {
            List<String> digested = new ArrayList<>(lines.size());
            for (ChargeLine line : lines) {
                digested.add(line.lineId());
            }
            lineIds = digested;
        }
        lineIds = List.copyOf(lineIds);
        if (lineIds.size() != lines.size()) {
            throw new IllegalArgumentException("one id per line: " + lineIds.size() + " ids, " + lines.size() + " lines");
        }
        lines = List.copyOf(lines);
        findings = List.copyOf(findings);
        terms = List.copyOf(terms);
        coverage = List.copyOf(coverage);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0 && ChargeLine.OUTPUT_ORDER.compare(lines.get(i - 1), lines.get(i)) > 0) {
                throw new IllegalArgumentException("lines out of output order at " + lines.get(i));
            }
            if (!ids.add(lineIds.get(i))) {
                throw new IllegalStateException("two charge lines of resource " + resourceId + " share the id "
                        + lineIds.get(i) + ": " + lines.get(i));
            }
        }
    }

    private static List<ChargeLine> sorted(List<ChargeLine> lines) {
        List<ChargeLine> sorted = new ArrayList<>(lines);
        sorted.sort(ChargeLine.OUTPUT_ORDER);
        return sorted;
    }
}
