package com.computebilling.job;

/** How a run ended, and the one line that says so. */
public record RunOutcome(Result result, long runId, String message) {

    public enum Result { COMPLETED, FAILED, ALREADY_PROCESSED }
}
