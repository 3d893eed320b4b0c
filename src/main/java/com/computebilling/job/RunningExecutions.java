package com.computebilling.job;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
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
    private volatile boolean stopRequested;

    /** An execution that begins after a stop was asked for stops before its first step. */
    @Override
    public void beforeJob(JobExecution jobExecution) {
        running.add(jobExecution);
        if (stopRequested) {
            jobExecution.setStatus(BatchStatus.STOPPING);
        }
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        running.remove(jobExecution);
    }

    /**
     * Asks every running execution to stop and waits up to {@code patience} for them to end. The stop is recorded on a
     * copy read from the repository, as a stop from another process would be; the running steps see it at their next
     * chunk boundary. {@code JobOperator.stop} is not used on the live execution: in Spring Batch 6.0 it registers and
     * releases the running step's scope context on the calling thread, which closes the step's readers under it.
     */
    public boolean stopAll(JobRepository repository, Duration patience) throws InterruptedException {
        stopRequested = true;
        for (JobExecution e : running) {
            JobExecution stored = repository.getJobExecution(e.getId());
            if (stored != null && stored.isRunning()) {
                stored.setStatus(BatchStatus.STOPPING);
                repository.update(stored);
            }
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return running.isEmpty();
    }
}
