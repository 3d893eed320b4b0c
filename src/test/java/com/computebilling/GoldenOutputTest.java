package com.computebilling;

import com.computebilling.cli.CliRun;
import com.computebilling.input.InputDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the job on {@code input-samples/} as an operator would (April 2023, Asia/Shanghai) and compares every output
 * with {@code output-samples/} byte for byte. The golden files' figures are derived by hand in
 * {@code output-samples/README.md}; the SPEC's four worked examples are also asserted literally below.
 */
class GoldenOutputTest {

    @TempDir
    static Path work;
    static Path output;
    static CliRun run;

    @BeforeAll
    static void runOnSamples() {
        output = work.resolve("out");
        run = CliRun.billing(work.resolve("db"), "run", "--input=input-samples", "--output=" + output,
                "--period=2023-04", "--zone=Asia/Shanghai");
    }

    @Test
    void completes_with_exit_code_0() {
        assertThat(run.exitCode).as(run.toString()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"charges.csv", "invoices.csv", "exceptions.csv", "summary.json"})
    void output_matches_the_golden_file_byte_for_byte(String file) throws IOException {
        assertThat(Files.readString(output.resolve(file))).isEqualTo(Files.readString(Path.of("output-samples", file)));
        assertThat(Files.readAllBytes(output.resolve(file))).isEqualTo(Files.readAllBytes(Path.of("output-samples", file)));
    }

    @Test
    void leaves_no_temporary_file_behind() throws IOException {
        try (var files = Files.list(output)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("charges.csv", "invoices.csv", "exceptions.csv", "summary.json",
                            "report.html");
        }
    }

    /**
     * report.html is not a golden file (it says when the run started and how long it took); what it says of the run
     * comes from the job: the input directory, its files and the digest that identifies the run.
     */
    @Test
    void writes_the_run_report_with_the_run_it_describes() throws IOException {
        String page = Files.readString(output.resolve("report.html"));
        String digest = new InputDirectory(Path.of("input-samples")).digest();
        assertThat(page).contains(digest, Path.of("input-samples").toAbsolutePath().toString(), "catalog_jp.csv",
                "usage_2.csv", "48056.13", "3142570", "9036.74");
    }

    // ---- SPEC §1's worked examples, literally ------------------------------------------------------------

    @Test
    void two_general_nodes_for_one_month_cost_157_88() throws IOException {
        // 78.94 USD/month × 2 nodes × 1 month = 157.88
        assertThat(charges("gen-1")).singleElement().satisfies(c -> {
            assertThat(c.get("charge_type")).isEqualTo("SUBSCRIPTION");
            assertThat(c.get("amount")).isEqualTo("157.88000000");
        });
    }

    @Test
    void two_lingjun_nodes_for_one_month_cost_47865_40() throws IOException {
        // 23,932.70 USD/month × 2 nodes × 1 month = 47,865.40
        assertThat(charges("lj-sub-1")).singleElement().satisfies(c -> assertThat(c.get("amount")).isEqualTo("47865.40000000"));
    }

    @Test
    void one_lingjun_node_pay_as_you_go_for_45_minutes_costs_32_85() throws IOException {
        // 0.73 USD/minute × 1 node × 45 minutes (2700 s ÷ 60) = 32.85, exactly
        assertThat(charges("lj-payg-1")).singleElement().satisfies(c -> {
            assertThat(c.get("duration")).isEqualTo("2700");
            assertThat(c.get("amount")).isEqualTo("32.85000000");
        });
    }

    @Test
    void dedicated_pool_changed_to_subscription_yields_two_hourly_bills_and_the_subscription() throws IOException {
        List<Map<String, String>> pool = charges("pool-1");
        assertThat(pool).extracting(c -> c.get("charge_type") + " " + c.get("period_start") + " " + c.get("charge_start") + " " + c.get("charge_end"))
                .containsExactly(
                        "USAGE 2023-04-18T15:00:00+08:00 2023-04-18T15:29:16+08:00 2023-04-18T16:00:00+08:00",
                        "USAGE 2023-04-18T16:00:00+08:00 2023-04-18T16:00:00+08:00 2023-04-18T16:30:30+08:00",
                        "SUBSCRIPTION 2023-04-18T16:30:30+08:00 2023-04-18T16:30:30+08:00 2023-05-18T16:30:30+08:00");
        // 36 CNY/hour × 1 node × 1844 s ÷ 3600 = 18.44; × 1830 s ÷ 3600 = 18.30; 9000 CNY/month × 1 × 1 = 9000
        assertThat(pool).extracting(c -> c.get("amount")).containsExactly("18.44000000", "18.30000000", "9000.00000000");
    }

    @Test
    void usd_invoice_total_is_the_sum_of_the_three_usd_examples() throws IOException {
        // 157.88 + 47,865.40 = 48,023.28 subscription; 32.85 usage; 48,056.13 in all (SPEC §4's summary figure)
        assertThat(Files.readAllLines(output.resolve("invoices.csv")))
                .contains("acme-ai-202304-USD,acme-ai,2023-04,USD,48023.28,32.85,48056.13,3,FINAL");
        assertThat(Files.readString(output.resolve("summary.json"))).contains("\"USD\": \"48056.13\"");
    }

    @Test
    void every_node_second_of_input_lands_in_exactly_one_bucket() throws IOException {
        String summary = Files.readString(output.resolve("summary.json"));
        long input = number(summary, "input");
        long buckets = number(summary, "billed") + number(summary, "covered") + number(summary, "without_order")
                + number(summary, "quantity_excess") + number(summary, "no_price") + number(summary, "out_of_period");
        assertThat(input).isEqualTo(78944).isEqualTo(buckets);
    }

    private static long number(String json, String member) {
        var m = java.util.regex.Pattern.compile("\"" + member + "\": (\\d+)").matcher(json);
        assertThat(m.find()).as(member).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The resource's rows of charges.csv, each by column name (no sample field holds a comma). */
    private static List<Map<String, String>> charges(String resource) throws IOException {
        List<String> lines = Files.readAllLines(output.resolve("charges.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        return lines.stream().skip(1)
                .map(l -> {
                    String[] fields = l.split(",", -1);
                    Map<String, String> row = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        row.put(header.get(i), fields[i]);
                    }
                    return row;
                })
                .filter(c -> c.get("resource_id").equals(resource))
                .toList();
    }
}
