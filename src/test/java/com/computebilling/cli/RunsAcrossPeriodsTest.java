package com.computebilling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §3 "Periods and invoices" and §5 identity: day runs replace their day and bring the month to date as DRAFT, a
 * month run replaces the month as FINAL, identical inputs exit 3, --rerun and changed inputs make new runs.
 * All against one database, as an operator's nightly runs would be.
 */
class RunsAcrossPeriodsTest {

    @TempDir
    Path tmp;

    private CliRun run(Path input, String out, String... more) {
        String[] args = Stream.concat(Stream.of("run", "--input=" + input, "--output=" + tmp.resolve(out),
                "--zone=Asia/Shanghai"), Stream.of(more)).toArray(String[]::new);
        return CliRun.billing(tmp.resolve("db"), args);
    }

    private List<String> lines(String out, String file) throws IOException {
        return Files.readAllLines(tmp.resolve(out).resolve(file));
    }

    @Test
    void two_day_runs_then_the_month_run_give_the_month_runs_invoices() throws IOException {
        Path samples = Path.of("input-samples");
        CliRun day18 = run(samples, "d18", "--period=2023-04-18");
        assertThat(day18.exitCode).as(day18.toString()).isZero();
        // 04-18 holds only pool-1: 18.44 + 18.30 usage and the 9000.00 subscription charged at 16:30:30
        assertThat(lines("d18", "charges.csv")).hasSize(1 + 3).allMatch(l -> l.startsWith("line_id") || l.contains(",pool-1,"));
        assertThat(lines("d18", "invoices.csv")).containsExactly(
                "invoice_id,account_id,billing_month,currency,subscription_amount,usage_amount,total_amount,line_count,status",
                "pool-co-202304-CNY,pool-co,2023-04,CNY,9000.00,36.74,9036.74,3,DRAFT");
        assertThat(Files.readString(tmp.resolve("d18/summary.json"))).contains("\"period\": \"2023-04-18\"");

        CliRun day20 = run(samples, "d20", "--period=2023-04-20");
        assertThat(day20.exitCode).as(day20.toString()).isZero();
        // 04-20 holds jp-sub-2's RENEWAL (12 × 9800 = 117,600 JPY); the month to date still has 04-18's CNY charges
        assertThat(lines("d20", "invoices.csv")).containsExactly(
                "invoice_id,account_id,billing_month,currency,subscription_amount,usage_amount,total_amount,line_count,status",
                "jp-lab-202304-JPY,jp-lab,2023-04,JPY,117600,0,117600,1,DRAFT",
                "pool-co-202304-CNY,pool-co,2023-04,CNY,9000.00,36.74,9036.74,3,DRAFT");

        CliRun month = run(samples, "m", "--period=2023-04");
        assertThat(month.exitCode).as(month.toString()).isZero();
        assertThat(Files.readString(tmp.resolve("m/invoices.csv")))
                .isEqualTo(Files.readString(Path.of("output-samples/invoices.csv")));

        // a later day run replaces only its day: the month is back to DRAFT with the same totals
        CliRun again18 = run(samples, "d18b", "--period=2023-04-18", "--rerun");
        assertThat(again18.exitCode).as(again18.toString()).isZero();
        assertThat(lines("d18b", "invoices.csv")).contains(
                "acme-ai-202304-USD,acme-ai,2023-04,USD,48023.28,32.85,48056.13,3,DRAFT",
                "jp-lab-202304-JPY,jp-lab,2023-04,JPY,3137200,5370,3142570,11,DRAFT");
    }

    @Test
    void identical_inputs_exit_3_and_change_nothing_unless_rerun() throws IOException {
        Path samples = Path.of("input-samples");
        assertThat(run(samples, "a", "--period=2023-04").exitCode).isZero();

        CliRun same = run(samples, "b", "--period=2023-04");
        assertThat(same.exitCode).as(same.toString()).isEqualTo(3);
        assertThat(same.out.strip().lines()).hasSize(1);
        assertThat(same.out).contains("already processed");
        assertThat(tmp.resolve("b")).doesNotExist();

        CliRun rerun = run(samples, "c", "--period=2023-04", "--rerun");
        assertThat(rerun.exitCode).as(rerun.toString()).isZero();
        for (String f : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readString(tmp.resolve("c").resolve(f))).isEqualTo(Files.readString(tmp.resolve("a").resolve(f)));
        }
    }

    @Test
    void changed_inputs_make_a_new_run_that_replaces_the_period_and_the_old_inputs_can_take_it_back() throws IOException {
        Path samples = Path.of("input-samples");
        assertThat(run(samples, "a", "--period=2023-04").exitCode).isZero();

        Path changed = copyOf(samples);
        List<String> usage = Files.readAllLines(changed.resolve("usage.csv"));
        Files.write(changed.resolve("usage.csv"), usage.stream().filter(l -> !l.startsWith("u-lj-payg-1,")).toList());
        CliRun second = run(changed, "b", "--period=2023-04");
        assertThat(second.exitCode).as(second.toString()).isZero();
        // without the 45 minutes of lj-payg-1 the USD usage is gone: 48,023.28 subscriptions only, not doubled
        assertThat(lines("b", "invoices.csv"))
                .contains("acme-ai-202304-USD,acme-ai,2023-04,USD,48023.28,0.00,48023.28,2,FINAL");

        // the original inputs no longer hold the period, so they are processed again (not "already processed")
        CliRun back = run(samples, "c", "--period=2023-04");
        assertThat(back.exitCode).as(back.toString()).isZero();
        assertThat(Files.readString(tmp.resolve("c/invoices.csv")))
                .isEqualTo(Files.readString(Path.of("output-samples/invoices.csv")));
    }

    @Test
    void more_malformed_rows_than_the_limit_fail_the_run_and_a_fixed_input_is_a_new_run() throws IOException {
        // usage_2.csv has 9 malformed rows
        CliRun failed = run(Path.of("input-samples"), "a", "--period=2023-04", "--skip-limit=8");
        assertThat(failed.exitCode).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err).contains("more than 8 malformed rows").contains("usage_2.csv:11");
        assertThat(tmp.resolve("a")).doesNotExist();

        Path fixed = copyOf(Path.of("input-samples"));
        Files.delete(fixed.resolve("usage_2.csv"));
        CliRun ok = run(fixed, "b", "--period=2023-04", "--skip-limit=8");
        assertThat(ok.exitCode).as(ok.toString()).isZero();
        assertThat(ok.out).doesNotContain("resumed");
    }

    /**
     * Files are loaded side by side, each skipping on its own count; the limit is the kind's, over them all. With
     * {@code --skip-limit=10}: usage_2.csv's 9 malformed rows and usage_3.csv's 3 each stay under it, together 12 pass it.
     */
    @Test
    void the_skip_limit_counts_the_malformed_rows_of_every_file_of_a_kind_together() throws IOException {
        Path input = copyOf(Path.of("input-samples"));
        Files.writeString(input.resolve("usage_3.csv"), """
                record_id,account_id,resource_id,resource_class,region,sku,quantity,start_time,end_time
                u-bad-1,acme-ai,gen-1,GENERAL,cn-shanghai,ecs.g7.xlarge-4c16g,zero,2023-04-05T00:00:00+08:00,2023-04-05T02:00:00+08:00
                u-bad-2,acme-ai,gen-1,GENERAL,cn-shanghai,ecs.g7.xlarge-4c16g,1,yesterday,2023-04-05T02:00:00+08:00
                u-bad-3,acme-ai,gen-1,GENERAL,cn-shanghai,ecs.g7.xlarge-4c16g,1,2023-04-05T00:00:00+08:00
                """);

        CliRun failed = run(input, "a", "--period=2023-04", "--skip-limit=10");

        assertThat(failed.exitCode).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err).contains("more than 10 malformed rows").contains("usage_3.csv:4");
        assertThat(tmp.resolve("a")).doesNotExist();
        CliRun again = run(input, "a", "--period=2023-04", "--skip-limit=10");
        assertThat(again.exitCode).as("a resume counts them again: %s", again).isEqualTo(1);
        assertThat(again.err).contains("more than 10 malformed rows");
    }

    @Test
    void without_a_period_every_month_the_usage_touches_is_processed() throws IOException {
        CliRun r = run(Path.of("input-samples"), "all");
        assertThat(r.exitCode).as(r.toString()).isZero();
        String summary = Files.readString(tmp.resolve("all/summary.json"));
        // u-pub-2 runs from 2023-04-30T23:30 to 2023-05-01T00:30 (+08:00): April and May
        assertThat(summary).contains("\"period\": null").contains("\"months\": [\"2023-04\", \"2023-05\"]")
                .contains("\"out_of_period\": 0");
        // May: u-pub-2's last half hour, 12 JPY/min × 1 × 1800 s ÷ 60 = 360, and jp-auto-1's term [04-15, 05-15)
        // renewing itself again at 05-15 for 9800 × 1 × 1 month: 9800 + 360 = 10,160 over 2 lines
        assertThat(lines("all", "invoices.csv")).contains("jp-lab-202305-JPY,jp-lab,2023-05,JPY,9800,360,10160,2,FINAL");
    }

    private Path copyOf(Path dir) throws IOException {
        Path copy = Files.createTempDirectory(tmp, "in");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}
