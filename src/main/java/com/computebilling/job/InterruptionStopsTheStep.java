package com.computebilling.job;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;

/**
 * A chunk step whose thread is interrupted stops at the chunk boundary, as a stop asked through the repository does.
 * <p>
 * Spring Batch 6's {@code ChunkOrientedStep} ends its chunk loop when its thread is interrupted, but then only a
 * {@code terminateOnly} flag turns the ending into STOPPED: an interrupt alone (a polling endpoint cancelled while it
 * runs a partition, a context closed under a job) would mark the step COMPLETED with the rest of its input never read,
 * and a resume would skip it. Turning the interrupt into {@code terminateOnly} makes the step STOPPED, so the same
 * command resumes it from its last commit.
 */
final class InterruptionStopsTheStep implements StepInterruptionPolicy {

    @Override
    public void checkInterrupted(StepExecution stepExecution) throws JobInterruptedException {
        // cleared once it has become the stop: the step's last writes (its STOPPED status) must not meet an interrupt,
        // which closes an embedded database's file channel under them
        if (Thread.interrupted()) {
            stepExecution.setTerminateOnly();
        }
        if (stepExecution.isTerminateOnly()) {
            throw new JobInterruptedException("Step " + stepExecution.getStepName() + " asked to stop");
        }
    }
}
