package com.computebilling.job;

/** Names of the job and its parameters. */
public final class JobKeys {

    private JobKeys() {
    }

    public static final String JOB = "billingJob";

    /** Identifying: period, zone, input digest and attempt make the job instance. */
    public static final String PERIOD = "period";
    public static final String ZONE = "zone";
    public static final String INPUT_DIGEST = "inputDigest";
    public static final String ATTEMPT = "attempt";

    /**
     * Identifying, and present only on a run with {@code --focus}, which also writes focus.csv (SPEC §6): its value is
     * the file's provider name. Amortization rows are made while rating and the others when the file is written, so a
     * resumed run must carry the name it started with; another name is another run.
     */
    public static final String FOCUS = "focus";

    /** Not identifying: where to read and write, and how many bad rows a kind may have. */
    public static final String INPUT_DIR = "inputDir";
    public static final String OUTPUT_DIR = "outputDir";
    public static final String SKIP_LIMIT = "skipLimit";

    /**
     * The {@code period} value of a run without {@code --period}: the months its usage touches. The value stays "ALL",
     * as job repositories have stored it since the first version: a run keyed so is found again.
     */
    public static final String MONTHS_OF_USAGE = "ALL";
}
