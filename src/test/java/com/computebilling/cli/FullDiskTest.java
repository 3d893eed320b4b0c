package com.computebilling.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The output directory fills up while the outputs are written: the run fails (exit 1) with the system's word for it,
 * leaves no half-written file under a final or a temporary name, and the same command, once there is room, resumes
 * and writes the golden outputs. The full disk is a 4 KB tmpfs, too small for the samples' 4.8 KB charges.csv; mounting
 * one needs root (as on this project's machines and CI), elsewhere the test is skipped with the reason.
 */
class FullDiskTest {

    @TempDir
    Path tmp;
    Path disk;

    @BeforeEach
    void aTinyDisk() throws Exception {
        disk = tmp.resolve("disk");
        Files.createDirectories(disk);
        int mounted = mount("-t", "tmpfs", "-o", "size=4k", "tmpfs", disk.toString());
        if (mounted != 0) {
            System.err.println("SKIPPED: cannot mount a small tmpfs (needs root) for the full-disk test");
            Assumptions.abort("cannot mount a small tmpfs (needs root)");
        }
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
    }

    @Test
    void a_full_output_disk_fails_the_run_cleanly_and_the_same_command_resumes_once_there_is_room() throws Exception {
        String[] command = {"run", "--input=input-samples", "--output=" + disk.resolve("out"), "--period=2023-04",
                "--zone=Asia/Shanghai"};

        CliRun full = CliRun.billing(tmp.resolve("db"), command);

        assertThat(full.exitCode).as(full.toString()).isEqualTo(1);
        assertThat(full.err).contains("No space left on device").contains("Run the same command again");
        // writeInvoices runs beside the copy of charges.csv: where it finished before the disk filled, its two files
        // stay, complete, under their pending names for the resume to take; nothing else may stay, whole or in part
        List<String> left = files(disk.resolve("out"));
        if (!left.isEmpty()) {
            assertThat(left).as("nothing half-written, under any name; only writeInvoices' complete files")
                    .containsExactlyInAnyOrder(".invoices.csv.pending", ".exceptions.csv.pending");
            assertThat(Files.readString(disk.resolve("out").resolve(".invoices.csv.pending")))
                    .isEqualTo(Files.readString(Path.of("output-samples", "invoices.csv")));
            assertThat(Files.readString(disk.resolve("out").resolve(".exceptions.csv.pending")))
                    .isEqualTo(Files.readString(Path.of("output-samples", "exceptions.csv")));
        }

        assertThat(mount("-o", "remount,size=1m", disk.toString())).isZero();
        CliRun resumed = CliRun.billing(tmp.resolve("db"), command);

        assertThat(resumed.exitCode).as(resumed.toString()).isZero();
        assertThat(resumed.out).contains("resumed run");
        for (String file : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readString(disk.resolve("out").resolve(file))).as(file)
                    .isEqualTo(Files.readString(Path.of("output-samples", file)));
        }
    }

    private static int mount(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mount"));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException noMountCommand) {
            return -1;
        }
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
