package com.computebilling.job;

import com.computebilling.input.InputKind;
import com.computebilling.input.MalformedRowException;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Skips malformed rows, and only those, up to the run's limit ({@code --skip-limit}, default 1000) per input kind.
 * One more fails the step, and so the run (exit 1): an export that bad needs a person, not a bill.
 * <p>
 * Spring Batch counts skips per step execution, so a resumed step would start again from zero and could pass with
 * more bad rows than an uninterrupted run allows. The rows its earlier executions skipped are the MALFORMED_ROW
 * findings they committed for this kind's files; they are counted once, before the step starts.
 */
class RowSkipPolicy implements SkipPolicy, StepExecutionListener {

    static final long DEFAULT_LIMIT = 1000;

    private final BillingStore store;
    private final InputKind kind;
    private long skippedBefore;

    RowSkipPolicy(BillingStore store, InputKind kind) {
        this.store = store;
        this.kind = kind;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        long runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        skippedBefore = store.rejectedRows(runId, kind.filePrefix());
    }

    @Override
    public boolean shouldSkip(Throwable t, long skipCount) throws SkipLimitExceededException {
        if (!(t instanceof MalformedRowException)) {
            return false;
        }
        long limit = currentLimit();
        if (skippedBefore + skipCount < limit) {
            return true;
        }
        throw new SkipLimitExceededException(limit, t);
    }

    private static long currentLimit() {
        StepContext context = StepSynchronizationManager.getContext();
        if (context == null) {
            return DEFAULT_LIMIT;
        }
        Long limit = context.getStepExecution().getJobParameters().getLong(JobKeys.SKIP_LIMIT);
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
