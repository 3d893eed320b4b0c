package com.computebilling.cli;

import com.computebilling.job.StoredCharges;
import com.computebilling.postgres.PostgresSchema;
import com.computebilling.tools.GenerateData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.computebilling.cli.SameOutputs.assertSameOutputs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §5 "Restart": the process is killed with SIGKILL (as the OOM killer or a power cut would) while loading, while
 * rating and while writing outputs; the same command is run again each time; the last run completes, and every output
 * file is byte-identical to an uninterrupted run's while the database holds each charge line exactly once.
 * <p>
 * The job runs as a child JVM of this test's classpath with {@code -Xmx512m}; progress lines five times a second on its
 * stderr tell the test which step is running, so the kill lands inside that step.
 */
class KillAndResumeTest {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** Markers on the child's stderr; a kill follows at once. */
    private static final List<String> KILL_POINTS = List.of(
            "[loadUsageWorker:partition01] running",   // staging the usage export: its second range, beside the first
            "[rateWorker",           // a partition of the rating step
            "[publish] done");       // the step after publish writes the four files

    @TempDir
    static Path shared;
    static Path input;
    static Path reference;

    @TempDir
    Path tmp;

    /** About 100,000 usage rows over five days across a month end: a run of several seconds. */
    @BeforeAll
    static void inputsAndAnUninterruptedRun() throws Exception {
        input = shared.resolve("input");
        GenerateData.generate(new GenerateData.Config(input, 400, 5, 11, LocalDate.parse("2023-04-28"), 100_000, 900));
        reference = shared.resolve("reference");
        ChildJvm run = Child.start(runArgs(reference, h2(shared.resolve("reference-db"))));
        assertThat(run.awaitExit()).as("uninterrupted run\n%s", run.log()).isZero();
    }

    @Test
    void killed_while_loading_rating_and_writing_then_run_again_gives_the_same_bytes_on_h2() throws Exception {
        String db = h2(tmp.resolve("db"));
        killAtEachPointThenFinish(runArgs(tmp.resolve("out"), db));

        assertSameOutputs(reference, tmp.resolve("out"));
        try (Connection c = DriverManager.getConnection(db, "", "")) {
            assertEachChargeStoredOnce(c, tmp.resolve("out"));
        }
    }

    @Test
    void killed_while_loading_rating_and_writing_then_run_again_gives_the_same_bytes_on_postgresql() throws Exception {
        PostgresSchema schema = PostgresSchema.createOrSkip();
        try {
            List<String> args = runArgs(tmp.resolve("out"), schema.url());
            args.add("--db-user=" + PostgresSchema.USER);
            killAtEachPointThenFinish(args);

            assertSameOutputs(reference, tmp.resolve("out"));
            try (Connection c = schema.connect()) {
                assertEachChargeStoredOnce(c, tmp.resolve("out"));
            }
        } finally {
            schema.drop();
        }
    }

    /**
     * SIGTERM (systemd stopping the service, an operator, a deploy) while loading and while rating: the run stops at
     * its next chunk boundary, says so on one line, reports the step as stopped (never done) and exits 1; the same
     * command then resumes it to the bytes of an uninterrupted run.
     */
    @Test
    void sigterm_stops_the_run_at_a_chunk_boundary_and_the_same_command_resumes_it() throws Exception {
        List<String> args = runArgs(tmp.resolve("out"), h2(tmp.resolve("db")));
        for (String[] point : new String[][] {{"[loadUsageWorker:partition01] running", "[loadUsageWorker:partition01] stopped"},
                {"[rateWorker", "[rateWorker:partition0"}}) {
            ChildJvm run = Child.start(args);
            assertThat(run.awaitLine(point[0])).as("reached %s\n%s", point[0], run.log()).isTrue();
            run.terminate();
            int exit = run.awaitExit();
            assertThat(exit).as("exit code of a stopped run\n%s", run.log()).isEqualTo(1);
            assertThat(run.log()).contains("stop requested; stopping at the next chunk boundary")
                    .contains("stopped on request at a chunk boundary").contains(point[1])
                    .doesNotContain("Exception").doesNotContain("Could not open JDBC Connection");
            assertThat(run.log().lines().filter(l -> l.contains(point[0].substring(0, 6)) && l.contains(" done")))
                    .as("a stopped step is not reported as done").isEmpty();
        }
        ChildJvm last = Child.start(args);
        assertThat(last.awaitExit()).as("resumed run\n%s", last.log()).isZero();
        assertThat(last.log()).contains("resumed run");
        assertSameOutputs(reference, tmp.resolve("out"));
    }

    /**
     * Rating read in windows of its buckets (4 KB: every bucket of this export is several windows) and in chunks cut at
     * 50 usage records: killed while rating, twice, then run again, the bytes of an uninterrupted run. The windows and
     * the groups must resume exactly where the last committed chunk ended.
     */
    @Test
    void killed_while_rating_in_windows_and_small_groups_then_run_again_gives_the_same_bytes() throws Exception {
        String db = h2(tmp.resolve("db"));
        List<String> args = runArgs(tmp.resolve("out"), db);
        List<String> jvm = List.of("-Dbilling.chunk.records=50", "-Dbilling.chunk.resources=5");
        Map<String, String> env = Map.of("BILLING_PROGRESS_SECONDS", "1", "BILLING_RATE_PARTITIONS", "2",
                "BILLING_RATE_WINDOW_BYTES", "4096");
        for (int kill = 0; kill < 2; kill++) {
            ChildJvm run = ChildJvm.start(jvm, args, env);
            assertThat(run.awaitLine(l -> l.contains("[rateWorker:partition") && l.contains(" running: "),
                    "a rating partition with rows read", ChildJvm.PATIENCE)).as(run.log()).isNotNull();
            run.kill();
        }
        ChildJvm last = ChildJvm.start(jvm, args, env);
        assertThat(last.awaitExit()).as("resumed run\n%s", last.log()).isZero();
        assertThat(last.log()).contains("resumed run");

        assertSameOutputs(reference, tmp.resolve("out"));
        try (Connection c = DriverManager.getConnection(db, "", "")) {
            assertEachChargeStoredOnce(c, tmp.resolve("out"));
        }
    }

    /** SPEC §5 "File drop": a drop left half-processed by a crash is resumed when {@code watch} starts again. */
    @Test
    void a_watcher_killed_during_a_drop_finishes_it_when_started_again() throws Exception {
        Path inbox = tmp.resolve("inbox");
        Path drop = readyDrop(inbox);
        List<String> watch = watch(inbox);

        ChildJvm first = Child.start(watch);
        assertThat(first.awaitLine("[rateWorker")).as("watcher reached rating\n%s", first.log()).isTrue();
        first.kill();
        assertThat(drop).as("the drop stays in the inbox after the crash").isDirectory();

        aSecondWatcherFinishesTheDrop(watch, inbox);
    }

    /**
     * SIGTERM on {@code watch} while a drop loads: the job stops at its next chunk boundary, the drop stays in the inbox
     * (not in .error), the watcher exits 0, and the next start resumes the drop to the bytes of an uninterrupted run.
     * (The watcher used to stop its polling adapter first, whose interrupt failed the drop and left its partitions
     * writing on a closed pool.)
     */
    @Test
    void sigterm_on_a_watcher_stops_its_drop_and_the_next_start_resumes_it() throws Exception {
        Path inbox = tmp.resolve("inbox");
        Path drop = readyDrop(inbox);
        List<String> watch = watch(inbox);

        ChildJvm first = Child.start(watch);
        assertThat(first.awaitLine("[loadUsageWorker:partition01] running")).as("watcher loading usage\n%s", first.log())
                .isTrue();
        first.terminate();
        assertThat(first.awaitExit()).as("watcher stopped by SIGTERM\n%s", first.log()).isZero();
        assertThat(first.log()).contains("stopping the watcher").contains("[loadUsage] stopped")
                .contains("drop-1 stopped; it is resumed when the watcher starts again")
                .doesNotContain("Exception").doesNotContain("Could not open JDBC Connection");
        assertThat(drop).as("the drop stays in the inbox").isDirectory();
        assertThat(inbox.resolve(".error")).as("nothing failed").doesNotExist();

        aSecondWatcherFinishesTheDrop(watch, inbox);
    }

    // ------------------------------------------------------------------------------------------------------------
    /** The generated inputs as a ready drop {@code drop-1} in {@code inbox}. */
    private static Path readyDrop(Path inbox) throws IOException {
        Path drop = inbox.resolve("drop-1");
        Files.createDirectories(drop);
        for (String f : List.of("catalog.csv", "orders.csv", "usage.csv")) {
            Files.copy(input.resolve(f), drop.resolve(f));
        }
        Files.writeString(drop.resolve("_READY"), "");
        return drop;
    }

    private List<String> watch(Path inbox) {
        return new ArrayList<>(List.of("watch", "--inbox=" + inbox, "--output=" + tmp.resolve("out"),
                "--poll-seconds=1", "--db=" + h2(tmp.resolve("db"))));
    }

    /** Another watcher on the same inbox and database archives the drop, with the bytes of an uninterrupted run. */
    private void aSecondWatcherFinishesTheDrop(List<String> watch, Path inbox) throws Exception {
        ChildJvm second = Child.start(watch);
        try {
            Path archived = inbox.resolve(".archive").resolve("drop-1");
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!Files.isDirectory(archived) && System.nanoTime() < deadline && second.process.isAlive()) {
                Thread.sleep(200);
            }
            assertThat(archived).as("drop archived by the second watcher\n%s", second.log()).isDirectory();
        } finally {
            second.kill();
        }
        assertSameOutputs(reference, tmp.resolve("out").resolve("drop-1"));
    }


    private static void killAtEachPointThenFinish(List<String> args) throws Exception {
        int killed = 0;
        // every attempt's log, so that a failure below shows how the earlier attempts ended, not only the last
        StringBuilder attempts = new StringBuilder();
        for (String point : KILL_POINTS) {
            ChildJvm run = Child.start(args);
            boolean reached = run.awaitLine(point);
            if (reached) {
                run.kill();
                killed++;
            }
            attempts.append("---- attempt until ").append(point).append(reached ? ", killed there" : ", ended first")
                    .append('\n').append(run.log());
            if (!reached) {
                // The run finished before the point came round: only acceptable for the last point.
                assertThat(point).as("run ended before %s\n%s", point, attempts).isEqualTo(KILL_POINTS.get(2));
            }
            assertThat(run.log()).as(attempts.toString()).doesNotContain("already running").doesNotContain("Exception");
        }
        ChildJvm last = Child.start(args);
        int exit = last.awaitExit();
        assertThat(last.log()).doesNotContain("already running");
        // Exit 3 only if the third kill came after the job had completed; all else must finish now.
        assertThat(exit).as("final run\n%s\n%s", last.log(), attempts).isEqualTo(killed == KILL_POINTS.size() ? 0 : 3);
        assertThat(killed).as("kills that landed inside the job").isGreaterThanOrEqualTo(2);
    }

    /** The charges standing for the period (runs in day_owner) are those of charges.csv, each stored once. */
    private static void assertEachChargeStoredOnce(Connection c, Path output) throws Exception {
        List<String> fileIds;
        try (Stream<String> lines = Files.lines(output.resolve("charges.csv"))) {
            fileIds = lines.skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        }
        List<String> storedIds;
        long counted;
        try {
            String owning = "run_id IN (SELECT run_id FROM day_owner)";
            storedIds = StoredCharges.lineIds(c, owning);
            counted = StoredCharges.lineCount(c, owning);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(storedIds).as("stored line ids").hasSize(fileIds.size()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fileIds);
        assertThat(counted).as("stored line counts").isEqualTo(fileIds.size());
    }

    private static List<String> runArgs(Path output, String db) {
        return new ArrayList<>(List.of("run", "--input=" + input, "--output=" + output, "--db=" + db));
    }

    private static String h2(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("billing");
    }

    private static final class Child {
        private Child() {
        }

        static ChildJvm start(List<String> args) throws IOException {
            // two workers on any machine: the usage export (about 14 MB) is then loaded in two ranges side by side
            // progress five times a second: loading this export's usage takes less than a second a range
            return ChildJvm.start(List.of("-Dbilling.progress.seconds=0.2"), args,
                    Map.of("BILLING_RATE_PARTITIONS", "2"));
        }
    }
}
