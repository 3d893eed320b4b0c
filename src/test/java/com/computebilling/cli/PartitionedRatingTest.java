package com.computebilling.cli;

import com.computebilling.tools.GenerateData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rating split over several workers writes the same bytes as one worker: outputs never depend on the split. */
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

    /** 300 generated resources of every class over a month end: every bucket has resources, each worker many. */
    @Test
    void on_generated_exports_four_partitions_give_the_bytes_of_one() throws IOException {
        Path input = tmp.resolve("input");
        GenerateData.generate(new GenerateData.Config(input, 300, 3, 7, LocalDate.parse("2023-04-29"), 20_000, 900));
        for (String partitions : List.of("1", "4")) {
            CliRun r = CliRun.billing(tmp.resolve("db" + partitions), Map.of("BILLING_RATE_PARTITIONS", partitions),
                    "run", "--input=" + input, "--output=" + tmp.resolve("out" + partitions));
            assertThat(r.exitCode).as(r.toString()).isZero();
        }
        assertThat(Files.readAllLines(tmp.resolve("out1/charges.csv")).size()).as("lines to compare").isGreaterThan(10_000);
        for (String f : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readAllBytes(tmp.resolve("out4").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(tmp.resolve("out1").resolve(f)));
        }
    }
}
