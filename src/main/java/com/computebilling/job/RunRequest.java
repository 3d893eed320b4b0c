package com.computebilling.job;

import java.nio.file.Path;

/** One {@code billing run}: what the operator asked for, checked. {@code period} is null for "months of usage". */
public record RunRequest(Path inputDir, Path outputDir, String period, String zone, String inputDigest,
                         boolean rerun, long skipLimit) {
}
