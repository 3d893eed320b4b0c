package com.computebilling.job;

/** How a run ended, and the one line that says so. */
public record RunOutcome(Result result, long runId, String message) {

    /** BUSY: another run of the same period and zone holds its lock. */
    public enum Result { COMPLETED, FAILED, ALREADY_PROCESSED, BUSY }
}
