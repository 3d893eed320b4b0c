package com.computebilling.job;

import com.computebilling.output.Columns;
import com.computebilling.output.CsvLine;
import com.computebilling.output.OutputFile;
import com.computebilling.report.ChargeSums;
import com.computebilling.time.ProcessedPeriod;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Copies {@code charges.csv}'s stored rows into a pending file of the output directory ({@code .charges.csv.pending},
 * forced to disk, see {@link PendingFiles}) once the books have passed, while {@code publish} runs beside it: the file
 * is the run's largest output (500 MB at 1,000,000 usage rows) and needs nothing that publishing decides, so its copy
 * no longer waits for the invoices. It
 * is not an output yet: {@code writeOutputs} moves it into place as {@code charges.csv} once the invoices are published
 * ({@link #takePending}), and writes the file itself when there is no pending file to take (a
 * run with {@code --focus}, whose {@code focus.csv} is written in the same pass and needs the published invoices; a
 * restart whose pending file went missing, or with another {@code --output}).
 *
 * <p>The report's figures of the file are summed from the rows as they are copied (as {@code writeOutputs} does) and
 * kept in this step's execution context with the pending file's directory and size, so that a restart after this step
 * completed still finds them.
 */
class WriteChargesTasklet implements Tasklet {

    /** The step's name: {@code writeOutputs} looks its execution up by it. */
    static final String STEP = "writeCharges";
    /** The pending copy of charges.csv, in the output directory until writeOutputs moves it into place. */
    static final String PENDING = PendingFiles.name("charges.csv");

    /** The packed charges.csv texts, and their keys, while they are put in the file's order (ChargeTextsInKeyOrder). */
    static final String CHARGES_SCRATCH = ".charges.csv.texts";
    static final String CHARGE_KEYS_SCRATCH = ".charges.csv.sort";

    private static final String SUMS = "billing.charges.sums";

    private final ResultStore results;
    private final RunStore runStore;
    private final long runId;
    private final Path outputDir;
    private final boolean focus;

    WriteChargesTasklet(ResultStore results, RunStore runStore, long runId, Path outputDir, boolean focus) {
        this.results = results;
        this.runStore = runStore;
        this.runId = runId;
        this.outputDir = outputDir;
        this.focus = focus;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        if (focus) {
            return RepeatStatus.FINISHED;   // written with focus.csv by writeOutputs, after publish
        }
        ProcessedPeriod period = runStore.plan(runId).orElseThrow();
        Path pending = outputDir.resolve(PENDING);
        // what an attempt that died here left: the pending file (complete or not, it is made again)
        PendingFiles.clear(outputDir, "charges.csv");
        ChargeSums sums;
        try (OutputFile out = new OutputFile(pending)) {
            sums = copyCharges(results, runId, outputDir, period, out, null);
            out.commit();
        }
        ExecutionContext kept = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        kept.putString(SUMS, sums.state());
        PendingFiles.record(kept, outputDir, "charges.csv");
        return RepeatStatus.FINISHED;
    }

    /**
     * Copies charges.csv's header and stored rows, in key order, into {@code out} (and each text into {@code focus}
     * when given); the report's figures of the file are summed from the rows meanwhile, on another thread, and given
     * once all are summed, before anything is committed: a file is not put in place beside failed figures.
     */
    static ChargeSums copyCharges(ResultStore results, long runId, Path outputDir, ProcessedPeriod period,
                                  OutputFile out, FocusFile focus) throws IOException {
        // scratch files an attempt that died while copying left
        Files.deleteIfExists(outputDir.resolve(CHARGES_SCRATCH));
        Files.deleteIfExists(outputDir.resolve(CHARGE_KEYS_SCRATCH));
        try (ChargeSumsAside sums = new ChargeSumsAside(new ChargeSums(period))) {
            out.write(CsvLine.of(Columns.CHARGES));
            results.eachChargeText(runId, outputDir.resolve(CHARGES_SCRATCH), outputDir.resolve(CHARGE_KEYS_SCRATCH),
                    text -> {
                        out.write(text.utf8());
                        sums.add(text.utf8());
                        if (focus != null) {
                            focus.add(text);
                        }
                    });
            return sums.finish();
        }
    }

    /**
     * Moves the pending copy of this job instance's completed {@code writeCharges} into place as {@code charges.csv}
     * and gives its sums; empty when there is none to take (no such step, another output directory, a file missing or
     * of another size), in which case a pending file left there is removed and the caller writes the file.
     */
    static Optional<ChargeSums> takePending(JobRepository repository, JobInstance instance, Path outputDir,
                                            ProcessedPeriod period) throws IOException {
        Optional<ExecutionContext> kept = PendingFiles.intact(repository, instance, STEP, outputDir,
                k -> k.containsKey(SUMS), "charges.csv");
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        ChargeSums sums = ChargeSums.restored(period, kept.get().getString(SUMS));
        PendingFiles.putInPlace(outputDir, "charges.csv");
        return Optional.of(sums);
    }
}
