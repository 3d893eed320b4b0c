package com.computebilling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4-5: refused before anything runs, with one clear line on stderr, exit code 2, and nothing written. */
class RefusalTest {

    @TempDir
    Path tmp;

    private Path samplesCopy() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        try (Stream<Path> files = Files.list(Path.of("input-samples"))) {
            for (Path f : files.toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
            }
        }
        return in;
    }

    private CliRun run(String... args) {
        return CliRun.billing(tmp.resolve("db"), args);
    }

    private void assertRefused(CliRun r, String mentioning) {
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err.strip().lines()).as(r.err).hasSize(1);
        assertThat(r.err).contains(mentioning);
        assertThat(tmp.resolve("out")).doesNotExist();
        assertThat(tmp.resolve("db")).doesNotExist();
    }

    @Test
    void missing_input_kind_is_refused() throws IOException {
        Path in = samplesCopy();
        Files.delete(in.resolve("usage.csv"));
        Files.delete(in.resolve("usage_2.csv"));
        assertRefused(run("run", "--input=" + in, "--output=" + tmp.resolve("out")), "usage*.csv");
    }

    @Test
    void file_without_required_columns_is_refused() throws IOException {
        Path in = samplesCopy();
        Files.writeString(in.resolve("orders_extra.csv"), "order_id,account_id\no-1,a\n");
        assertRefused(run("run", "--input=" + in, "--output=" + tmp.resolve("out")), "orders_extra.csv");
    }

    @Test
    void unknown_option_is_refused() {
        assertRefused(run("run", "--input=input-samples", "--output=" + tmp.resolve("out"), "--colour=blue"),
                "--colour=blue");
    }

    @Test
    void an_empty_period_is_refused_not_taken_for_no_period() {
        assertRefused(run("run", "--input=input-samples", "--output=" + tmp.resolve("out"), "--period="),
                "--period is empty");
    }

    @Test
    void unknown_command_is_refused() {
        assertRefused(run("bill", "--input=input-samples"), "bill");
    }

    @Test
    void impossible_month_is_refused() {
        assertRefused(run("run", "--input=input-samples", "--output=" + tmp.resolve("out"), "--period=2023-13"),
                "2023-13");
    }

    @Test
    void impossible_day_is_refused() {
        assertRefused(run("run", "--input=input-samples", "--output=" + tmp.resolve("out"), "--period=2023-02-30"),
                "2023-02-30");
    }

    @Test
    void unknown_zone_is_refused() {
        assertRefused(run("run", "--input=input-samples", "--output=" + tmp.resolve("out"), "--zone=Mars/Olympus"),
                "Mars/Olympus");
    }

    @Test
    void overlapping_catalog_prices_are_refused() throws IOException {
        Path in = samplesCopy();
        // a second PAY_AS_YOU_GO price for the same SKU and region whose window overlaps the first one's
        Files.writeString(in.resolve("catalog_more.csv"), "sku,region,billing_mode,price_unit,unit_price,currency,"
                + "effective_from,effective_to,in_stock\n"
                + "ml.gu7xf.8xlarge-gu108,cn-wulanchabu,PAY_AS_YOU_GO,HOUR,40,USD,2023-03-01T00:00:00Z,,true\n");
        assertRefused(run("run", "--input=" + in, "--output=" + tmp.resolve("out")), "CATALOG_OVERLAP");
    }

    @Test
    void subscription_prices_with_different_units_do_not_overlap() throws IOException {
        Path in = samplesCopy();
        Files.writeString(in.resolve("catalog_more.csv"), "sku,region,billing_mode,price_unit,unit_price,currency,"
                + "effective_from,effective_to,in_stock\n"
                + "ecs.g7.xlarge-4c16g,cn-shanghai,SUBSCRIPTION,YEAR,850,USD,2023-01-01T00:00:00Z,,true\n");
        CliRun r = run("run", "--input=" + in, "--output=" + tmp.resolve("out"), "--period=2023-04");
        assertThat(r.exitCode).as(r.toString()).isZero();
    }

    @Test
    void a_tuning_variable_that_is_not_a_whole_number_in_its_range_is_refused_before_anything_runs() {
        // read when a step begins, they would otherwise fail the run half-way, and its resume the same way
        for (Map.Entry<String, String> bad : List.of(Map.entry("BILLING_RATE_WINDOW_BYTES", "32MB"),
                Map.entry("BILLING_RATE_WINDOW_BYTES", "0"), Map.entry("BILLING_PROGRESS_SECONDS", "-1"),
                Map.entry("BILLING_RATE_PARTITIONS", "10000"), Map.entry("BILLING_CHUNK_ROWS", "2e3"))) {
            CliRun r = CliRun.billing(tmp.resolve("db"), Map.of(bad.getKey(), bad.getValue()), "run",
                    "--input=input-samples", "--output=" + tmp.resolve("out"));

            assertRefused(r, bad.getKey() + " must be a whole number");
            assertThat(r.err).contains("'" + bad.getValue() + "'");
        }
    }

    @Test
    void the_least_value_of_each_tuning_variable_is_accepted() {
        // 0 seconds: no progress lines; 0 partitions: one per core; 0 resources: the database's chunk; a 1-byte window:
        // a window per resource
        CliRun r = CliRun.billing(tmp.resolve("db"), Map.of("BILLING_PROGRESS_SECONDS", "0",
                "BILLING_RATE_PARTITIONS", "0", "BILLING_RATE_WINDOW_BYTES", "1", "BILLING_CHUNK_ROWS", "1",
                "BILLING_CHUNK_RESOURCES", "0", "BILLING_CHUNK_RECORDS", "1"), "run", "--input=input-samples",
                "--output=" + tmp.resolve("out"));

        assertThat(r.exitCode).as(r.toString()).isZero();
    }
}
