package com.computebilling.timeline;

import com.computebilling.findings.Finding;

import java.time.Instant;

/** A finding on an order, reported by the run whose period contains {@code at}. */
public record OrderFinding(Finding finding, Instant at) {
}
