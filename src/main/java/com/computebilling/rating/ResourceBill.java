package com.computebilling.rating;

import com.computebilling.reconciliation.Finding;

import java.util.List;

/** One resource rated for the processed period: its charge lines, findings and node-second buckets. */
public record ResourceBill(String resourceId, List<ChargeLine> lines, List<Finding> findings, NodeSeconds nodeSeconds) {
}
