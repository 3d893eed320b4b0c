package com.computebilling.job;

import com.computebilling.BillingApplication;
import com.computebilling.input.InputDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chunk fails on purpose in each step; running the same request again resumes the same job instance from the last
 * committed chunk (the restarted step reads only what was left) and ends with the outputs of an uninterrupted run.
 * Chunks are tiny here (3 rows, 3 resources) so the samples span several.
 */
@SpringBatchTest
@SpringBootTest(classes = BillingApplication.class, properties = {
        "spring.datasource.url=jdbc:h2:mem:restart;DB_CLOSE_DELAY=-1",
        "billing.chunk.rows=3", "billing.chunk.resources=3", "billing.rate.partitions=1"})
@Import(Faults.class)
class RestartFromLastCommitTest {

    // input-samples: 23 usage rows, 27 order rows; 17 resources staged (orders and usage together)
    static final int USAGE_ROWS = 23;
    static final int ORDER_ROWS = 27;
    static final int RESOURCES = 17;

    @Autowired
    BillingRuns runs;
    @Autowired
    JobRepository repository;
    @Autowired
    JobRepositoryTestUtils repositoryUtils;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path tmp;

    @BeforeEach
    void emptyDatabase() {
        Faults.clear();
        repositoryUtils.removeJobExecutions();
        ProductTables.empty(jdbc);
    }

    @AfterEach
    void disarm() {
        Faults.clear();
    }

    RunRequest samples() throws IOException {
        return samples(1000);
    }

    RunRequest samples(long skipLimit) throws IOException {
        return new RunRequest(Path.of("input-samples"), tmp.resolve("out"), "2023-04", "Asia/Shanghai",
                new InputDirectory(Path.of("input-samples")).digest(), false, skipLimit);
    }

    @Test
    void a_run_failed_on_the_skip_limit_fails_again_when_resumed() throws Exception {
        // usage_2.csv has 9 malformed rows; in chunks of 3 rows some of them commit before the 9th fails the step.
        RunOutcome failed = runs.run(samples(8));
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        long committed = jdbc.queryForObject("SELECT COUNT(*) FROM finding WHERE code = 'MALFORMED_ROW'"
                + " AND source LIKE 'usage%'", Long.class);
        assertThat(committed).as("skips committed before the failing chunk").isBetween(1L, 8L);

        // Resumed, the step counts the skips its earlier execution committed: 9 rows are still more than 8.
        RunOutcome again = runs.run(samples(8));
        assertThat(again.result()).as(again.message()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(again.runId()).isEqualTo(failed.runId());
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void usage_load_resumes_after_the_last_committed_chunk() throws Exception {
        Faults.failFrom("usageWriter", 3);       // chunks 1 and 2 commit: 2 × 3 = 6 usage rows read
        RunOutcome failed = runs.run(samples());
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(tmp.resolve("out")).doesNotExist();

        Faults.clear();
        RunOutcome resumed = runs.run(samples());

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(Executions.readCount(repository, resumed.runId(), "loadUsage")).isEqualTo(USAGE_ROWS - 6);
        assertThat(Executions.stepsOfLatest(repository, resumed.runId()))
                .as("completed steps are not run again").doesNotContain("loadCatalog", "loadOrders");
        assertOutputsAreTheGoldenOnes();
    }

    @Test
    void rating_resumes_after_the_last_committed_resources() throws Exception {
        Faults.failFrom("billWriter", 3);        // 2 chunks of 3 resources commit
        assertThat(runs.run(samples()).result()).isEqualTo(RunOutcome.Result.FAILED);
        // a tally row per committed group and bucket, counting its resources
        long ratedBeforeCrash = jdbc.queryForObject("SELECT SUM(resources) FROM resource_tally", Long.class);
        assertThat(ratedBeforeCrash).isEqualTo(6);

        Faults.clear();
        RunOutcome resumed = runs.run(samples());

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(Executions.readCount(repository, resumed.runId(), "rate")).isEqualTo(RESOURCES - 6);
        assertThat(Executions.stepsOfLatest(repository, resumed.runId()))
                .doesNotContain("loadCatalog", "loadOrders", "loadUsage", "plan");
        assertOutputsAreTheGoldenOnes();
    }

    @Test
    void rating_with_focus_resumes_and_focus_csv_is_the_golden_one() throws Exception {
        // amortization rows are stored while rating: a resumed partition neither loses nor doubles them
        RunRequest focus = samples().withFocus("AI Compute Platform");
        Faults.failFrom("billWriter", 3);        // 2 chunks of 3 resources commit, their focus rows with them
        assertThat(runs.run(focus).result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM focus_rows", Long.class)).isPositive();

        Faults.clear();
        RunOutcome resumed = runs.run(focus);

        assertThat(resumed.result()).as(resumed.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertOutputsAreTheGoldenOnes();
        assertThat(Files.readString(tmp.resolve("out").resolve("focus.csv")))
                .isEqualTo(Files.readString(Path.of("output-samples", "focus.csv")));
    }

    @Test
    void orders_load_resumes_and_nothing_is_staged_twice() throws Exception {
        Faults.failFrom("ordersWriter", 4);      // 3 chunks commit, the 4th fails
        RunOutcome failed = runs.run(samples());
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        // Which of the order files' partitions runs first is Spring Batch's choice, and a file's last chunk may hold
        // fewer than 3 rows: what committed is taken from the repository (rows written or skipped in committed chunks;
        // a failed chunk's reads are counted but rolled back), and the resume must read exactly the other rows.
        long committed = Executions.latest(repository, failed.runId()).getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith("loadOrdersWorker:"))
                .mapToLong(s -> s.getWriteCount() + s.getSkipCount()).sum();
        assertThat(committed).as("3 chunks of up to 3 rows").isBetween(1L, 9L);
        Faults.clear();
        RunOutcome resumed = runs.run(samples());
        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(Executions.readCount(repository, resumed.runId(), "loadOrders")).isEqualTo(ORDER_ROWS - committed);
        assertOutputsAreTheGoldenOnes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"planTasklet", "publishTasklet", "writeInvoicesTasklet", "writeChargesTasklet",
            "writeOutputsTasklet", "cleanupTasklet"})
    void a_failed_tasklet_step_is_run_again_and_the_outputs_are_unchanged(String tasklet) throws Exception {
        Faults.failFrom(tasklet, 1);
        RunOutcome failed = runs.run(samples());
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        Faults.clear();
        RunOutcome resumed = runs.run(samples());
        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertOutputsAreTheGoldenOnes();
    }

    @Test
    void the_copy_of_charges_csv_made_beside_publish_is_moved_into_place_when_the_run_resumes() throws Exception {
        failedInWriteOutputs();   // writeCharges completed: its pending copy waits
        Path pending = tmp.resolve("out").resolve(WriteChargesTasklet.PENDING);
        assertThat(pending).exists();
        assertThat(tmp.resolve("out").resolve("charges.csv")).as("not an output before writeOutputs").doesNotExist();
        Object copy = Files.readAttributes(pending, BasicFileAttributes.class).fileKey();

        RunOutcome resumed = runs.run(samples());

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(Files.readAttributes(tmp.resolve("out").resolve("charges.csv"), BasicFileAttributes.class).fileKey())
                .as("the pending file itself, moved").isEqualTo(copy);
        assertOutputsAreTheGoldenOnes();
    }

    @Test
    void a_pending_copy_of_charges_csv_cut_short_is_not_taken_and_the_file_is_written_again() throws Exception {
        failedInWriteOutputs();
        cutShort(tmp.resolve("out").resolve(WriteChargesTasklet.PENDING));

        RunOutcome resumed = runs.run(samples());

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertOutputsAreTheGoldenOnes();
    }

    @Test
    void invoices_and_exceptions_written_beside_the_copy_are_moved_into_place_when_the_run_resumes() throws Exception {
        failedInWriteOutputs();   // writeInvoices completed: its pending files wait
        Path out = tmp.resolve("out");
        Path invoices = out.resolve(WriteInvoicesTasklet.INVOICES_PENDING);
        Path exceptions = out.resolve(WriteInvoicesTasklet.EXCEPTIONS_PENDING);
        assertThat(invoices).exists();
        assertThat(exceptions).exists();
        assertThat(out.resolve("invoices.csv")).as("not an output before writeOutputs").doesNotExist();
        assertThat(out.resolve("exceptions.csv")).as("not an output before writeOutputs").doesNotExist();
        Object invoicesCopy = Files.readAttributes(invoices, BasicFileAttributes.class).fileKey();
        Object exceptionsCopy = Files.readAttributes(exceptions, BasicFileAttributes.class).fileKey();

        RunOutcome resumed = runs.run(samples());

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(Files.readAttributes(out.resolve("invoices.csv"), BasicFileAttributes.class).fileKey())
                .as("the pending file itself, moved").isEqualTo(invoicesCopy);
        assertThat(Files.readAttributes(out.resolve("exceptions.csv"), BasicFileAttributes.class).fileKey())
                .as("the pending file itself, moved").isEqualTo(exceptionsCopy);
        assertOutputsAreTheGoldenOnes();
    }

    @Test
    void a_pending_exceptions_file_cut_short_is_not_taken_and_both_files_are_written_again() throws Exception {
        failedInWriteOutputs();
        cutShort(tmp.resolve("out").resolve(WriteInvoicesTasklet.EXCEPTIONS_PENDING));

        RunOutcome resumed = runs.run(samples());

        assertThat(resumed.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertOutputsAreTheGoldenOnes();
    }

    /** A run failed in its last writing step, every step before it completed; the fault is cleared for the resume. */
    private void failedInWriteOutputs() throws Exception {
        Faults.failFrom("writeOutputsTasklet", 1);
        RunOutcome failed = runs.run(samples());
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        Faults.clear();
    }

    /** As a disk that lost the file's tail. */
    private static void cutShort(Path file) throws IOException {
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
    }

    @Test
    void an_execution_left_started_by_a_dead_process_is_recovered_and_resumed() throws Exception {
        Faults.failFrom("billWriter", 2);
        RunOutcome failed = runs.run(samples());
        leftStartedByADeadProcess(failed);

        Faults.clear();
        RunOutcome resumed = runs.run(samples());

        assertThat(resumed.result()).as(resumed.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertOutputsAreTheGoldenOnes();
    }

    /** What kill -9 leaves behind: the execution and its failed steps still STARTED in the repository. */
    private List<StepExecution> leftStartedByADeadProcess(RunOutcome failed) {
        JobExecution last = Executions.latest(repository, failed.runId());
        last.setStatus(BatchStatus.STARTED);
        last.setEndTime(null);
        repository.update(last);
        List<StepExecution> started = last.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED).toList();
        for (StepExecution s : started) {
            s.setStatus(BatchStatus.STARTED);
            s.setEndTime(null);
            repository.update(s);
        }
        return started;
    }

    /**
     * A chunk killed in its commit can leave, in the embedded database's file, its update of the step's row without
     * the undo log that would roll it back. The committed row is what the resume reads, but Spring Batch's recovery of
     * the dead execution, updating the row at the version it read, met the dead update's version and failed ("wrong
     * version"): one failed resume (seen in a kill loop on a file a kill left, every time on a copy of it).
     */
    @Test
    void a_dead_chunks_uncommitted_update_of_its_steps_row_does_not_fail_the_recovery() throws Exception {
        Faults.failFrom("billWriter", 2);
        RunOutcome failed = runs.run(samples());
        StepExecution rating = leftStartedByADeadProcess(failed).stream()
                .filter(s -> s.getStepName().startsWith("rateWorker")).findFirst().orElseThrow();
        DeadTransactions.leaveAnUncommittedVersion(jdbc, rating.getId());

        Faults.clear();
        RunOutcome resumed = runs.run(samples());

        assertThat(resumed.result()).as(resumed.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertOutputsAreTheGoldenOnes();
    }

    /**
     * A split that fails after Spring Batch created the partitions' executions (on H2, a discard of a killed run's
     * leftovers timing out) ends the run FAILED with its partitions still STARTING; the launcher refused every resume
     * of such a run as "already running". They are marked FAILED, as a dead process's are, and the run resumes.
     */
    @Test
    void partitions_left_starting_by_a_failed_split_do_not_wedge_the_run() throws Exception {
        Faults.failFrom("billWriter", 2);
        RunOutcome failed = runs.run(samples());
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        JobExecution last = Executions.latest(repository, failed.runId());
        int partitions = 0;
        for (StepExecution s : last.getStepExecutions()) {
            if (s.getStepName().startsWith("rateWorker:")) {
                s.setStatus(BatchStatus.STARTING);
                s.setEndTime(null);
                repository.update(s);
                partitions++;
            }
        }
        assertThat(partitions).as("rating partitions of the failed execution").isPositive();
        assertThat(Executions.latest(repository, failed.runId()).getStatus()).isEqualTo(BatchStatus.FAILED);

        Faults.clear();
        RunOutcome resumed = runs.run(samples());
        assertThat(resumed.result()).as(resumed.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertOutputsAreTheGoldenOnes();
    }

    /**
     * Spring Batch creates a partition's execution (its context empty) and saves the partition's definition (buckets,
     * a file's range) in the next transaction. A process killed between the two, or within the second before them on
     * H2, leaves the partition with an empty context, STARTING; a restart takes a partition's context from its last
     * execution, so every resume used to start it with no definition and fail ("buckets" is null).
     */
    @ParameterizedTest
    @CsvSource({"billWriter, rateWorker:partition00", "usageWriter, loadUsageWorker:partition01",
            "ordersWriter, loadOrdersWorker:partition00", "catalogWriter, loadCatalogWorker:partition01"})
    void a_partition_whose_definition_was_lost_with_a_crash_is_defined_again_not_a_wedge(String writer,
                                                                                       String partition) throws Exception {
        Faults.failFrom(writer, 1);
        RunOutcome failed = runs.run(samples());
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        // What the crash leaves: the execution and the manager step STARTED, the partition STARTING with {} saved.
        JobExecution last = Executions.latest(repository, failed.runId());
        last.setStatus(BatchStatus.STARTED);
        last.setEndTime(null);
        repository.update(last);
        String manager = partition.substring(0, partition.indexOf("Worker:"));
        for (StepExecution s : last.getStepExecutions()) {
            if (s.getStepName().equals(manager)) {
                s.setStatus(BatchStatus.STARTED);
                s.setEndTime(null);
                repository.update(s);
            }
            if (s.getStepName().equals(partition)) {
                s.setStatus(BatchStatus.STARTING);
                s.setStartTime(null);
                s.setEndTime(null);
                repository.update(s);
                s.setExecutionContext(new org.springframework.batch.infrastructure.item.ExecutionContext());
                repository.updateExecutionContext(s);
            }
        }
        assertThat(Executions.latest(repository, failed.runId()).getStepExecutions())
                .filteredOn(s -> s.getStepName().equals(partition)).singleElement()
                .satisfies(s -> assertThat(s.getExecutionContext().isEmpty()).as("saved context of " + partition).isTrue());

        Faults.clear();
        RunOutcome resumed = runs.run(samples());
        assertThat(resumed.result()).as(resumed.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertOutputsAreTheGoldenOnes();
    }

    @Test
    void rows_staged_beyond_the_committed_position_by_a_crash_are_discarded_not_a_wedge() throws Exception {
        // Nothing of loadOrders committed, yet the store holds rows of it (what an embedded database killed at the
        // wrong moment has been seen to keep): orders.csv lines 2-7 and ten malformed-row findings of orders_jp.csv.
        // The skip limit is 10: usage_2.csv's 9 bad rows pass it, and so must orders' 1, the leftovers not counted.
        Faults.failFrom("ordersWriter", 1);
        RunOutcome failed = runs.run(samples(10));
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        List<com.computebilling.orders.Order> leftovers = new java.util.ArrayList<>();
        for (int line = 2; line <= 7; line++) {
            leftovers.add(new com.computebilling.orders.Order("leftover", "a", "r",
                    com.computebilling.usage.ResourceClass.LINGJUN, "x", "y", 1, com.computebilling.orders.OrderType.NEW,
                    com.computebilling.catalog.BillingMode.PAY_AS_YOU_GO, java.time.Instant.EPOCH, null, false,
                    com.computebilling.orders.OrderStatus.PAID, new com.computebilling.findings.SourceRef("orders.csv", line)));
        }
        for (StagedPack p : OrderPacks.pack(leftovers)) {
            jdbc.update("INSERT INTO order_pack (run_id, bucket, source, first_line, row_count, records)"
                    + " VALUES (?,?,?,?,?,?)", failed.runId(), p.bucket(), p.source(), p.firstLine(), p.rows(), p.bytes());
        }
        for (int line = 2; line <= 11; line++) {
            jdbc.update("INSERT INTO finding (run_id, code, severity, source, line, account_id, resource_id, order_id,"
                    + " record_id, detail) VALUES (?, 'MALFORMED_ROW', 'ERROR', 'orders_jp.csv', ?, '', '', '', '', 'x')",
                    failed.runId(), line);
        }

        Faults.clear();
        RunOutcome resumed = runs.run(samples(10));

        assertThat(resumed.result()).as(resumed.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertOutputsAreTheGoldenOnes();
    }

    @Test
    void a_load_step_whose_completion_was_lost_after_its_last_chunk_resumes_with_nothing_left_to_read()
            throws Exception {
        Faults.failFrom("usageWriter", 1);       // catalog and orders load completely; usage fails at once
        RunOutcome failed = runs.run(samples());
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        // What an embedded database killed within a second of a load partition's end can keep: its last chunk and
        // its position at the end of its range, but not the step's completion, committed a moment later (and so not
        // the load step's either).
        List<StepExecution> steps = List.copyOf(Executions.latest(repository, failed.runId()).getStepExecutions());
        StepExecution lastRange = steps.stream()
                .filter(s -> s.getStepName().equals("loadOrdersWorker:partition01")).findFirst().orElseThrow();
        // the reader's count includes the read that found the end: every data row of orders_jp.csv, and one
        long dataRows = jdbc.queryForObject("SELECT data_rows FROM input_file WHERE source = 'orders_jp.csv'",
                Long.class);
        assertThat(dataRows).isPositive();
        assertThat((long) lastRange.getExecutionContext().getInt("ordersRange.read.count")).as("at the end of orders_jp.csv")
                .isEqualTo(dataRows + 1);
        for (StepExecution step : steps) {
            if (step == lastRange || step.getStepName().equals("loadOrders")) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED);
                repository.update(step);
            }
        }

        Faults.clear();
        RunOutcome resumed = runs.run(samples());

        assertThat(resumed.result()).as(resumed.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(Executions.readCount(repository, resumed.runId(), "loadOrders")).isZero();
        assertOutputsAreTheGoldenOnes();
    }

    @Test
    void results_rated_beyond_the_committed_position_by_a_crash_are_discarded_not_a_wedge() throws Exception {
        Faults.failFrom("billWriter", 3);        // 2 chunks of 3 resources commit
        RunOutcome failed = runs.run(samples());
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        // The resource rated last (highest bucket, then highest id) is certainly beyond the committed position; a
        // leftover tally and charge rows of it would collide with its rating on resume.
        java.util.Set<String> resources = new java.util.HashSet<>(
                stagedOrders().stream().map(com.computebilling.orders.Order::resourceId).toList());
        stagedUsage().forEach(u -> resources.add(u.resourceId()));
        String last = resources.stream()
                .max(java.util.Comparator.comparingInt(RatingBuckets::of).thenComparing(java.util.Comparator.naturalOrder()))
                .orElseThrow();
        jdbc.update("INSERT INTO resource_tally (run_id, resource_id, input, billed, covered, without_order,"
                + " quantity_excess, no_price, out_of_period, bucket) VALUES (?, ?, 1, 1, 0, 0, 0, 0, 0, ?)",
                failed.runId(), last, RatingBuckets.of(last));
        jdbc.update("INSERT INTO charge_rows (run_id, account_id, resource_id, part, line_count, csv_rows, bucket)"
                + " VALUES (?, 'a', ?, 0, 1, 'leftover', ?)", failed.runId(), last, RatingBuckets.of(last));
        jdbc.update("INSERT INTO charge_row_groups (run_id, bucket, resource_id, piece, texts) VALUES (?, ?, ?, 0, ?)",
                failed.runId(), RatingBuckets.of(last), last, StoredCharges.piece("a", last, "CLleftover,x\n"));
        // A leftover day total of it too: 5 lines and 100.00 on acme-ai's April invoice, which would show.
        DayTotalPacks.Pack leftover = DayTotalPacks.pack(List.of(new com.computebilling.invoicing.DayTotals(last,
                java.time.LocalDate.parse("2023-04-20"), "acme-ai", java.util.Currency.getInstance("USD"),
                java.math.BigDecimal.ZERO, new java.math.BigDecimal("100.00000000"), 5)));
        jdbc.update("INSERT INTO charge_total_groups (run_id, bucket, resource_id, first_month, last_month, line_count,"
                + " totals) VALUES (?, ?, ?, ?, ?, ?, ?)", failed.runId(), RatingBuckets.of(last), last,
                leftover.firstMonth(), leftover.lastMonth(), leftover.lineCount(), leftover.bytes());

        Faults.clear();
        RunOutcome resumed = runs.run(samples());

        assertThat(resumed.result()).as(resumed.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertOutputsAreTheGoldenOnes();
    }

    @Test
    void staged_rows_removed_behind_the_jobs_back_fail_the_self_check_and_nothing_is_published() throws Exception {
        Faults.failFrom("billWriter", 1);        // everything is staged; rating fails at once
        RunOutcome failed = runs.run(samples());
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        // usage.csv has 13 data rows (output-samples/README.md); two of them vanish from the store.
        assertThat(removeStagedUsage("usage.csv", 2, 3)).isEqualTo(2);

        Faults.clear();
        RunOutcome refused = runs.run(samples());

        assertThat(refused.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(refused.message()).contains("self-check failed")
                .contains("usage.csv: the file has 13 data rows, but 11 are staged and 0 rejected")
                .contains("Run the same command again to stage the inputs afresh");
        assertThat(tmp.resolve("out")).as("nothing published").doesNotExist();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM day_owner", Long.class)).isZero();

        // The same command again stages the inputs afresh (a new attempt) and bills them.
        RunOutcome fresh = runs.run(samples());
        assertThat(fresh.result()).as(fresh.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(fresh.runId()).isNotEqualTo(refused.runId());
        assertThat(Files.readString(tmp.resolve("out").resolve("charges.csv")))
                .isEqualTo(Files.readString(Path.of("output-samples", "charges.csv")));
    }

    private List<com.computebilling.orders.Order> stagedOrders() {
        return jdbc.query("SELECT source, records FROM order_pack", (rs, i) ->
                OrderPacks.unpack(rs.getString(1), rs.getBytes(2))).stream().flatMap(List::stream).toList();
    }

    private List<com.computebilling.usage.UsageRecord> stagedUsage() {
        return jdbc.query("SELECT source, records FROM usage_pack", (rs, i) ->
                UsagePacks.unpack(rs.getString(1), rs.getBytes(2))).stream().flatMap(List::stream).toList();
    }

    /** Takes these lines of a file out of the staged usage packs, as a hand deleting rows would; how many it took. */
    private int removeStagedUsage(String file, long... lines) {
        java.util.Set<Long> gone = java.util.Arrays.stream(lines).boxed().collect(java.util.stream.Collectors.toSet());
        int removed = 0;
        for (var pack : jdbc.queryForList("SELECT run_id, bucket, first_line, records FROM usage_pack WHERE source = ?",
                file)) {
            List<com.computebilling.usage.UsageRecord> rows = UsagePacks.unpack(file, (byte[]) pack.get("RECORDS"));
            List<com.computebilling.usage.UsageRecord> kept = rows.stream()
                    .filter(u -> !gone.contains(u.source().line())).toList();
            if (kept.size() == rows.size()) {
                continue;
            }
            removed += rows.size() - kept.size();
            jdbc.update("DELETE FROM usage_pack WHERE run_id = ? AND bucket = ? AND source = ? AND first_line = ?",
                    pack.get("RUN_ID"), pack.get("BUCKET"), file, pack.get("FIRST_LINE"));
            for (StagedPack p : UsagePacks.pack(kept, Database.H2.textOrder())) {   // these tests run on H2
                jdbc.update("INSERT INTO usage_pack (run_id, bucket, source, first_line, row_count, records)"
                        + " VALUES (?,?,?,?,?,?)", pack.get("RUN_ID"), p.bucket(), p.source(), p.firstLine(), p.rows(),
                        p.bytes());
            }
        }
        return removed;
    }

    private void assertOutputsAreTheGoldenOnes() throws IOException {
        for (String file : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readString(tmp.resolve("out").resolve(file))).as(file)
                    .isEqualTo(Files.readString(Path.of("output-samples", file)));
        }
        assertThat(tmp.resolve("out").resolve(WriteChargesTasklet.PENDING)).as("no pending copy left").doesNotExist();
        assertThat(tmp.resolve("out").resolve(WriteInvoicesTasklet.INVOICES_PENDING)).as("none left").doesNotExist();
        assertThat(tmp.resolve("out").resolve(WriteInvoicesTasklet.EXCEPTIONS_PENDING)).as("none left").doesNotExist();
        // 17 = the data rows of output-samples/charges.csv; each stored once, however often the run was restarted.
        List<String> storedIds = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<List<String>>) c ->
                StoredCharges.lineIds(c, "TRUE"));
        assertThat(storedIds).as("no line doubled").hasSize(17).doesNotHaveDuplicates();
        assertThat(jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Long>) c ->
                StoredCharges.lineCount(c, "TRUE"))).isEqualTo(17);
        assertThat(jdbc.queryForObject("SELECT SUM(line_count) FROM charge_total_groups", Long.class)).isEqualTo(17);
    }
}
