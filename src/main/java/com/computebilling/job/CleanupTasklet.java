package com.computebilling.job;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Drops the run's staged input rows once its outputs are written; charges, findings and invoices stay. */
class CleanupTasklet implements Tasklet {

    private final StagingStore store;
    private final long runId;

    CleanupTasklet(StagingStore store, long runId) {
        this.store = store;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        store.dropStaging(runId);
        return RepeatStatus.FINISHED;
    }
}
