package com.computebilling.job;

import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Decides what the run processes, once the inputs are staged: the given day or month, or else every month some
 * usage lies in. Also marks repeated order ids, which needs every order row of every file.
 */
class PlanTasklet implements Tasklet {

    private final StagingStore staging;
    private final RunStore runStore;
    private final long runId;
    private final String period;
    private final BillingZone zone;

    PlanTasklet(StagingStore staging, RunStore runStore, long runId, String period, BillingZone zone) {
        this.staging = staging;
        this.runStore = runStore;
        this.runId = runId;
        this.period = period;
        this.zone = zone;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        staging.refreshStagingStatistics();
        staging.findDuplicateOrders(runId);
        ProcessedPeriod plan = JobKeys.MONTHS_OF_USAGE.equals(period)
                ? ProcessedPeriod.monthsOfUsage(staging.monthsWithUsage(runId), zone)
                : ProcessedPeriod.parse(period, zone).orElseThrow(() -> new IllegalArgumentException("bad period " + period));
        runStore.savePlan(runId, plan);
        return RepeatStatus.FINISHED;
    }
}
