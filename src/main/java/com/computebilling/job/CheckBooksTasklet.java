package com.computebilling.job;

import com.computebilling.input.InputDirectory;
import com.computebilling.input.InputKind;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the run's books ({@link Books}) between rating and publishing: on a mismatch the run fails with the figures
 * and publishes nothing. The failure is recorded apart from the step's own transaction, which rolls back, so that the
 * next attempt of the same command stages the inputs afresh instead of resuming from rows it cannot trust.
 */
class CheckBooksTasklet implements Tasklet {

    private final StagingStore staging;
    private final ResultStore results;
    private final RunStore runStore;
    private final long runId;
    private final Path inputDir;
    private final TransactionTemplate ownTransaction;

    CheckBooksTasklet(StagingStore staging, ResultStore results, RunStore runStore, long runId, Path inputDir,
                      TransactionTemplate ownTransaction) {
        this.staging = staging;
        this.results = results;
        this.runStore = runStore;
        this.runId = runId;
        this.inputDir = inputDir;
        this.ownTransaction = ownTransaction;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        InputDirectory dir = new InputDirectory(inputDir);
        List<String> files = new ArrayList<>();
        for (InputKind kind : InputKind.values()) {
            dir.files(kind).forEach(p -> files.add(p.getFileName().toString()));
        }
        try {
            runStore.saveCheck(runId, Books.check(files, staging.fileRows(runId), staging.staged(runId),
                    staging.rejectedByFile(runId), results.ratedByBucket(runId)));
        } catch (Books.DoNotBalance e) {
            ownTransaction.executeWithoutResult(status -> runStore.saveFailedCheck(runId));
            throw e;
        }
        return RepeatStatus.FINISHED;
    }
}
