package com.computebilling.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two runs' output directories compared as an operator would: the same four files byte for byte, nothing else left. */
final class SameOutputs {

    /** Compared byte for byte; report.html is written too, but says when and how long, so differs run to run. */
    static final List<String> FILES = List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json");

    private SameOutputs() {
    }

    static void assertSameOutputs(Path expected, Path actual) throws IOException {
        for (String file : FILES) {
            assertThat(Files.readAllBytes(actual.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(expected.resolve(file)));
        }
        try (Stream<Path> files = Files.list(actual)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("no temporary file left beside the outputs")
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(FILES.stream(), Stream.of("report.html")).toList());
        }
    }
}
