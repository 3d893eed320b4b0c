package com.computebilling.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4: each output is complete or absent; nothing half-written stays behind. */
class OutputFileTest {

    @TempDir
    Path dir;

    @Test
    void a_committed_file_appears_under_its_name_and_no_temporary_remains() throws IOException {
        try (OutputFile out = new OutputFile(dir.resolve("charges.csv"))) {
            out.write("a,b\n");
            out.commit();
        }
        assertThat(dir.resolve("charges.csv")).hasContent("a,b");
        assertThat(names()).containsExactly("charges.csv");
    }

    @Test
    void a_file_abandoned_half_way_is_absent_and_its_temporary_removed() throws IOException {
        try (OutputFile out = new OutputFile(dir.resolve("charges.csv"))) {
            out.write("a,b\n");
        }
        assertThat(names()).isEmpty();
    }

    @Test
    void temporaries_a_dead_attempt_left_are_removed_and_nothing_else() throws IOException {
        Files.writeString(dir.resolve(".charges.csv.part"), "half");
        Files.writeString(dir.resolve(".summary.json.part"), "half");
        Files.writeString(dir.resolve("invoices.csv"), "an earlier complete file");
        Files.writeString(dir.resolve(".notes.part"), "not ours");

        int removed = OutputFile.removeLeftovers(dir, List.of("charges.csv", "invoices.csv", "summary.json"));

        assertThat(removed).isEqualTo(2);
        assertThat(names()).containsExactly(".notes.part", "invoices.csv");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
