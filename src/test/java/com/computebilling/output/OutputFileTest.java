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
    void a_large_file_is_forced_to_disk_as_it_grows_and_is_complete_when_committed() throws IOException {
        // forced from each 64 bytes written here (64 MB in a run): 100 rows of 10 bytes, 1,000 bytes, start at least
        // one forcing (how many depends on how soon each ends: one runs at a time)
        StringBuilder expected = new StringBuilder();
        try (OutputFile out = new OutputFile(dir.resolve("charges.csv"), 64)) {
            for (int i = 0; i < 100; i++) {
                String row = String.format("row %5d%n", i);
                out.write(row);
                expected.append(row);
            }
            out.commit();
            assertThat(out.forcingsWhileWriting()).isGreaterThan(0);
        }
        assertThat(Files.readString(dir.resolve("charges.csv"))).isEqualTo(expected.toString());
        assertThat(names()).containsExactly("charges.csv");
    }

    @Test
    void a_large_file_abandoned_while_being_forced_leaves_nothing() throws IOException {
        try (OutputFile out = new OutputFile(dir.resolve("charges.csv"), 16)) {
            for (int i = 0; i < 50; i++) {
                out.write("0123456789abcdef\n");
            }
            assertThat(out.forcingsWhileWriting()).isGreaterThan(0);
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
