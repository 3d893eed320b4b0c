package com.computebilling.cli;

import com.computebilling.tools.GenerateData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading and rating split over several workers write the same bytes as one worker: outputs never depend on the split,
 * and a file loaded in byte ranges reports its malformed rows at the lines one reader reports.
 */
class PartitionedRatingTest {

    @TempDir
    Path tmp;

    @Test
    void four_partitions_give_the_bytes_of_one() throws IOException {
        for (String partitions : List.of("1", "4")) {
            CliRun r = CliRun.billing(tmp.resolve("db" + partitions), Map.of("BILLING_RATE_PARTITIONS", partitions),
                    "run", "--input=input-samples", "--output=" + tmp.resolve("out" + partitions), "--period=2023-04",
                    "--zone=Asia/Shanghai");
            assertThat(r.exitCode).as(r.toString()).isZero();
        }
        for (String f : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readString(tmp.resolve("out4").resolve(f))).as(f)
                    .isEqualTo(Files.readString(tmp.resolve("out1").resolve(f)))
                    .isEqualTo(Files.readString(Path.of("output-samples", f)));
        }
    }

    /**
     * 300 generated resources of every class over a month end: every bucket has resources, each worker many; the usage
     * export (20,000 rows, some malformed) is over 2 MiB, so four workers load it in ranges of a quarter of it.
     */
    @Test
    void on_generated_exports_four_partitions_give_the_bytes_of_one() throws IOException, SQLException {
        Path input = tmp.resolve("input");
        GenerateData.generate(new GenerateData.Config(input, 300, 3, 7, LocalDate.parse("2023-04-29"), 20_000, 900));
        for (String partitions : List.of("1", "4")) {
            CliRun r = CliRun.billing(tmp.resolve("db" + partitions), Map.of("BILLING_RATE_PARTITIONS", partitions),
                    "run", "--input=" + input, "--output=" + tmp.resolve("out" + partitions));
            assertThat(r.exitCode).as(r.toString()).isZero();
        }
        assertThat(Files.readAllLines(tmp.resolve("out1/charges.csv")).size()).as("lines to compare").isGreaterThan(10_000);
        assertThat(Files.size(input.resolve("usage.csv"))).isGreaterThan(2L << 20);
        assertThat(loadUsageRanges(tmp.resolve("db1"))).as("one worker, one range").isEqualTo(1);
        assertThat(loadUsageRanges(tmp.resolve("db4"))).as("four workers, ranges of 1/4").isGreaterThanOrEqualTo(2);
        assertThat(Files.readAllLines(tmp.resolve("out1/exceptions.csv")).stream()
                .filter(l -> l.startsWith("MALFORMED_ROW") && l.contains("usage.csv"))).as("malformed rows to compare")
                .hasSizeGreaterThan(5);
        for (String f : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readAllBytes(tmp.resolve("out4").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(tmp.resolve("out1").resolve(f)));
        }

        // Buckets read in windows (BucketUsage): 20,000 records pack into about 2 MB, some 30 KB a bucket, so 4 KB
        // windows cut every bucket into several; the bytes are those of buckets read at once.
        CliRun windowed = CliRun.billing(tmp.resolve("db-windowed"), Map.of("BILLING_RATE_PARTITIONS", "2",
                "BILLING_RATE_WINDOW_BYTES", "4096"), "run", "--input=" + input, "--output=" + tmp.resolve("out-windowed"));
        assertThat(windowed.exitCode).as(windowed.toString()).isZero();
        for (String f : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readAllBytes(tmp.resolve("out-windowed").resolve(f))).as("windowed " + f)
                    .isEqualTo(Files.readAllBytes(tmp.resolve("out1").resolve(f)));
        }
    }

    private static long loadUsageRanges(Path database) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database.toAbsolutePath().resolve("billing"),
                "", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'loadUsageWorker:%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
