package com.computebilling.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executions this process is running, so that a shutdown can ask exactly those to stop. A stopped job ends at
 * its next chunk boundary as STOPPED and resumes from there when it is started again.
 */
@Component
public class RunningExecutions implements JobExecutionListener {

    private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeJob(JobExecution jobExecution) {
        running.add(jobExecution);
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        running.remove(jobExecution);
    }

    /** Asks every running execution to stop and waits up to {@code patience} for them to end. */
    public boolean stopAll(JobOperator operator, Duration patience) throws InterruptedException {
        for (JobExecution e : running) {
            try {
                operator.stop(e);
            } catch (Exception alreadyEnding) {
                // it finished between the look and the stop
            }
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return running.isEmpty();
    }
}
