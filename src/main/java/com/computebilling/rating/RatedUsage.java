package com.computebilling.rating;

import com.computebilling.findings.Finding;

import java.util.List;

/**
 * What rating one resource's usage gives: its hourly usage lines, the findings, the node-second buckets, and the
 * covered pieces (what the subscriptions' utilization is measured from).
 */
record RatedUsage(List<ChargeLine> lines, List<Finding> findings, NodeSeconds nodeSeconds,
                         List<Coverage> coverage) {
}
