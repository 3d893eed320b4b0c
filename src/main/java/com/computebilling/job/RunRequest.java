package com.computebilling.job;

import java.nio.file.Path;

/**
 * One {@code billing run}: what the operator asked for, checked. {@code period} is null for "months of usage";
 * {@code focusProvider} is null unless the run also writes focus.csv, whose provider name it is.
 */
public record RunRequest(Path inputDir, Path outputDir, String period, String zone, String inputDigest,
                         boolean rerun, long skipLimit, String focusProvider) {

    /** Malformed rows tolerated per input kind unless {@code --skip-limit} says otherwise (SPEC §4). */
    public static final long DEFAULT_SKIP_LIMIT = 1000;

    public RunRequest(Path inputDir, Path outputDir, String period, String zone, String inputDigest, boolean rerun,
                      long skipLimit) {
        this(inputDir, outputDir, period, zone, inputDigest, rerun, skipLimit, null);
    }

    /** The same request, also writing focus.csv with this provider name (null: without focus.csv). */
    public RunRequest withFocus(String provider) {
        return new RunRequest(inputDir, outputDir, period, zone, inputDigest, rerun, skipLimit, provider);
    }

    public boolean focus() {
        return focusProvider != null;
    }
}
