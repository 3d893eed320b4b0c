package com.computebilling.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import java.util.List;

/** Looks up what the job repository recorded of a run. */
final class Executions {

    private Executions() {
    }

    static JobExecution latest(JobRepository repository, long runId) {
        return repository.getLastJobExecution(repository.getJobInstance(runId));
    }

    static List<String> stepsOfLatest(JobRepository repository, long runId) {
        return latest(repository, runId).getStepExecutions().stream().map(StepExecution::getStepName).toList();
    }

    /** Rows (or resources) the step read in the run's latest execution: after a restart, only what was left. */
    static long readCount(JobRepository repository, long runId, String step) {
        return latest(repository, runId).getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(step)).findFirst().orElseThrow().getReadCount();
    }
}
