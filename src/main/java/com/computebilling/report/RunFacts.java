package com.computebilling.report;

import com.computebilling.input.InputDirectory;
import com.computebilling.input.InputKind;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the report needs that no output file says: which run and execution this was, where its inputs were and their
 * digest (the run's identity), when the execution started and how long it took until the report was written. The
 * job knows these; everything else on the page is read from the output files.
 *
 * @param inputFiles the input file names in reading order (catalog, orders, usage); empty if the directory could
 *                   not be listed when the report was written
 */
public record RunFacts(long runId, long executionId, String inputDir, List<String> inputFiles, String inputDigest,
                       Instant started, Duration duration) {

    public RunFacts {
        inputFiles = List.copyOf(inputFiles);
    }

    /** The file names the run read, as {@link InputDirectory} lists them; none if the directory is gone. */
    public static List<String> inputFilesOf(Path inputDir) {
        List<String> names = new ArrayList<>();
        try {
            InputDirectory dir = new InputDirectory(inputDir);
            for (InputKind kind : InputKind.values()) {
                dir.files(kind).forEach(p -> names.add(p.getFileName().toString()));
            }
        } catch (IOException | RuntimeException e) {
            // The page still says what it can: the digest identifies the inputs whatever became of the directory.
            return List.of();
        }
        return names;
    }
}
