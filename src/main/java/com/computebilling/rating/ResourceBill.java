package com.computebilling.rating;

import com.computebilling.reconciliation.Finding;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One resource rated for the processed period: its charge lines in {@link ChargeLine#OUTPUT_ORDER}, findings and
 * node-second buckets. A line id digests the resource id among other things, so ids can only collide within one
 * resource: checking here is checking the whole run.
 */
public record ResourceBill(String resourceId, List<ChargeLine> lines, List<Finding> findings, NodeSeconds nodeSeconds) {

    public ResourceBill {
        lines = lines.stream().sorted(ChargeLine.OUTPUT_ORDER).toList();
        findings = List.copyOf(findings);
        Set<String> ids = new HashSet<>();
        for (ChargeLine line : lines) {
            if (!ids.add(line.lineId())) {
                throw new IllegalStateException("two charge lines of resource " + resourceId + " share the id "
                        + line.lineId() + ": " + line);
            }
        }
    }
}
