package com.computebilling.faults;

import com.computebilling.input.InputDirectory;
import com.computebilling.job.BillingRuns;
import com.computebilling.job.StoredCharges;
import com.computebilling.job.ProductTables;
import com.computebilling.job.RunOutcome;
import com.computebilling.job.RunRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.computebilling.faults.CutConnections.Moment.COMMIT;
import static com.computebilling.faults.CutConnections.Moment.CONTEXT_UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection is lost at one moment of one step (see {@link CutConnections}); the run fails; the same request again
 * completes, and the outputs are the golden ones, every line stored once, and the run's books balance (every input row
 * staged or rejected, every staged row rated: a lost chunk would fail that check). Chunks are tiny (3 rows, 3
 * resources) so the samples span several: catalog 13 rows, orders 27, usage 23, 17 resources on one partition.
 */
abstract class ConnectionLossScenarios {

    @Autowired
    BillingRuns runs;
    @Autowired
    JobRepositoryTestUtils repositoryUtils;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path tmp;

    /** Every moment: the context update and the commit of the first and a middle chunk of each chunked step, and of
     * each tasklet step's one transaction. */
    static Stream<Arguments> moments() {
        List<Arguments> all = new ArrayList<>();
        for (String step : List.of("loadCatalogWorker:partition00", "loadOrdersWorker:partition00", "loadUsageWorker:partition00",
                "rateWorker:partition00")) {
            for (int chunk : new int[] {1, 3}) {
                all.add(Arguments.of(step, CONTEXT_UPDATE, chunk));
                all.add(Arguments.of(step, COMMIT, chunk));
            }
        }
        for (String step : List.of("plan", "checkBooks", "publish", "writeInvoices", "writeCharges", "writeOutputs",
                "cleanup")) {
            all.add(Arguments.of(step, CONTEXT_UPDATE, 1));
            all.add(Arguments.of(step, COMMIT, 1));
        }
        return all.stream();
    }

    /** The moments of the steps --focus adds writes to: rating stores amortization rows, writeOutputs writes focus.csv. */
    static Stream<Arguments> focusMoments() {
        return moments().filter(a -> {
            String step = (String) a.get()[0];
            return step.startsWith("rateWorker") || step.equals("writeOutputs");
        });
    }

    @BeforeEach
    void emptyDatabase() {
        CutConnections.disarm();
        repositoryUtils.removeJobExecutions();
        ProductTables.empty(jdbc);
    }

    @AfterEach
    void disarm() {
        CutConnections.disarm();
    }

    void lostThenResumed(String step, CutConnections.Moment moment, int chunk) throws Exception {
        lostThenResumed(step, moment, chunk, false);
    }

    /** With {@code focus}, the run also writes focus.csv, which must then be the golden one too. */
    void lostThenResumed(String step, CutConnections.Moment moment, int chunk, boolean focus) throws Exception {
        RunRequest request = focus ? samples().withFocus("AI Compute Platform") : samples();
        CutConnections.arm(step, moment, chunk);
        RunOutcome failed = runs.run(request);
        assertThat(CutConnections.fired()).as("the connection was cut in %s at %s of chunk %d", step, moment, chunk)
                .isTrue();
        assertThat(failed.result()).as(failed.message()).isEqualTo(RunOutcome.Result.FAILED);

        RunOutcome resumed = runs.run(request);

        assertThat(resumed.result()).as(resumed.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(resumed.runId()).as("the same run, resumed").isEqualTo(failed.runId());
        assertOutputsAreTheGoldenOnes();
        if (focus) {
            assertThat(Files.readString(tmp.resolve("out").resolve("focus.csv")))
                    .isEqualTo(Files.readString(Path.of("output-samples", "focus.csv")));
        }
    }

    RunRequest samples() throws IOException {
        return new RunRequest(Path.of("input-samples"), tmp.resolve("out"), "2023-04", "Asia/Shanghai",
                new InputDirectory(Path.of("input-samples")).digest(), false, 1000);
    }

    void assertOutputsAreTheGoldenOnes() throws IOException {
        for (String file : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readString(tmp.resolve("out").resolve(file))).as(file)
                    .isEqualTo(Files.readString(Path.of("output-samples", file)));
        }
        // 17 = the data rows of output-samples/charges.csv; each stored once, however the run was interrupted.
        List<String> storedIds = jdbc.execute((ConnectionCallback<List<String>>) c -> StoredCharges.lineIds(c, "TRUE"));
        assertThat(storedIds).as("no line doubled").hasSize(17).doesNotHaveDuplicates();
        // 63 = 13 catalog + 27 order + 23 usage rows, as counted by the readers: the books balanced.
        assertThat(jdbc.queryForObject("SELECT SUM(data_rows) FROM input_file", Long.class)).isEqualTo(63);
        assertThat(jdbc.queryForObject("SELECT status FROM run_check", String.class)).isEqualTo("PASSED");
    }
}
