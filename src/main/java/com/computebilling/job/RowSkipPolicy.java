package com.computebilling.job;

import com.computebilling.input.MalformedRowException;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Skips malformed rows, and only those, up to the run's limit ({@code --skip-limit}, default 1000) per input kind.
 * One more fails the step, and so the run (exit 1): an export that bad needs a person, not a bill.
 */
class RowSkipPolicy implements SkipPolicy {

    static final long DEFAULT_LIMIT = 1000;

    @Override
    public boolean shouldSkip(Throwable t, long skipCount) throws SkipLimitExceededException {
        if (!(t instanceof MalformedRowException)) {
            return false;
        }
        long limit = currentLimit();
        if (skipCount < limit) {
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
