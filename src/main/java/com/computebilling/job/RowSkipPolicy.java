package com.computebilling.job;

import com.computebilling.input.MalformedRowException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Skips malformed rows, and only those, up to the run's limit ({@code --skip-limit}, default 1000) per input kind.
 * One more fails the run (exit 1): an export that bad needs a person, not a bill.
 * <p>
 * Spring Batch counts skips per step execution, and a kind is loaded by several partitions side by side, resumed
 * partitions among them: here a partition stops as soon as its own skips pass the limit (no need to read the rest of a
 * broken export), and {@link SkipLimitCheck} counts the kind's committed skips over all partitions and executions once
 * they have all completed. Stateless, so the partitions of a step share it.
 */
class RowSkipPolicy implements SkipPolicy {

    @Override
    public boolean shouldSkip(Throwable t, long skipCount) throws SkipLimitExceededException {
        if (!(t instanceof MalformedRowException)) {
            return false;
        }
        StepContext context = StepSynchronizationManager.getContext();
        long limit = context == null ? RunRequest.DEFAULT_SKIP_LIMIT
                : limitOf(context.getStepExecution().getJobParameters());
        if (skipCount < limit) {
            return true;
        }
        throw new SkipLimitExceededException(limit, t);
    }

    static long limitOf(JobParameters parameters) {
        Long limit = parameters.getLong(JobKeys.SKIP_LIMIT);
        return limit == null ? RunRequest.DEFAULT_SKIP_LIMIT : limit;
    }
}
