package com.computebilling.job;

import com.computebilling.input.InputKind;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;

import java.util.Collection;

/**
 * The skip limit of an input kind, over all its partitions: once every partition of a load step has completed, the
 * malformed rows the run committed for the kind are counted, and more than {@code --skip-limit} fail the step (and so
 * the run, exit 1), as one reader of all the files would have. Partitions skipping side by side each see only their
 * own skips ({@link LoadRangeTasklet}); this count sees them all, and those of earlier executions of the run, exactly.
 */
final class SkipLimitCheck implements StepExecutionAggregator {

    private final StepExecutionAggregator counts = new DefaultStepExecutionAggregator();
    private final StagingStore store;
    private final InputKind kind;

    SkipLimitCheck(StagingStore store, InputKind kind) {
        this.store = store;
        this.kind = kind;
    }

    @Override
    public void aggregate(StepExecution result, Collection<StepExecution> executions) {
        counts.aggregate(result, executions);
        if (result.getStatus().isUnsuccessful()) {
            return;
        }
        long runId = result.getJobExecution().getJobInstance().getInstanceId();
        long limit = limitOf(result.getJobParameters());
        if (store.rejectedRows(runId, kind.filePrefix()) > limit) {
            result.setStatus(BatchStatus.FAILED);
            result.setExitStatus(ExitStatus.FAILED);
            result.addFailureException(new SkipLimitExceededException(limit,
                    store.lastRejection(runId, kind.filePrefix())));
        }
    }

    /** The run's skip limit per input kind ({@code --skip-limit}, default 1000). */
    static long limitOf(JobParameters parameters) {
        Long limit = parameters.getLong(JobKeys.SKIP_LIMIT);
        return limit == null ? RunRequest.DEFAULT_SKIP_LIMIT : limit;
    }
}
