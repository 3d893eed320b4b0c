package com.computebilling.rating;

import com.computebilling.reconciliation.Finding;

import java.util.List;

/** What rating one resource's usage gives: its hourly usage lines, the findings and the node-second buckets. */
public record RatedUsage(List<ChargeLine> lines, List<Finding> findings, NodeSeconds nodeSeconds) {
}
