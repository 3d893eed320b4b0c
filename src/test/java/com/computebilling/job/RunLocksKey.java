package com.computebilling.job;

/** Exposes the advisory-lock key of a period to tests in other packages. */
public final class RunLocksKey {

    private RunLocksKey() {
    }

    public static long of(String period, String zone) {
        return RunLocks.key(period, zone);
    }
}
