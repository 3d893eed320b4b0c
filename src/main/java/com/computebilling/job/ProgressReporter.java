package com.computebilling.job;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prints the running step, rows done and rate to stderr at a steady interval ({@code billing.progress.seconds},
 * default 10; 0 turns it off), so that an operator watching a long run sees it move. It reads the step's counters
 * from a timer thread; they are plain counters, a stale read only delays a figure by one tick.
 */
@Component
public class ProgressReporter implements JobExecutionListener, StepExecutionListener {

    private final Clock clock;
    private final long intervalMillis;
    private final PrintStream err = System.err;
    private final java.util.Map<StepExecution, Instant> current = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> ticking;

    /**
     * @param intervalSeconds seconds between lines, 0 for none ({@link #interval})
     */
    public ProgressReporter(Clock clock, @Value("${billing.progress.seconds:10}") String intervalSeconds) {
        this.clock = clock;
        this.intervalMillis = interval(intervalSeconds).toMillis();
    }

    /**
     * The interval {@code billing.progress.seconds} names: whole seconds as operators set them through
     * {@code BILLING_PROGRESS_SECONDS}, or a decimal taken to the millisecond (the kill tests tick five times a second,
     * faster than a load step of 100,000 rows lasts).
     */
    public static Duration interval(String seconds) {
        return Duration.ofMillis(new BigDecimal(seconds.trim()).movePointRight(3)
                .setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    @Override
    public synchronized void beforeJob(JobExecution jobExecution) {
        if (intervalMillis <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "billing-progress");
            t.setDaemon(true);
            return t;
        });
        ticking = timer.scheduleAtFixedRate(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void afterJob(JobExecution jobExecution) {
        if (ticking != null) {
            ticking.cancel(false);
            timer.shutdownNow();
            ticking = null;
        }
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        current.put(stepExecution, clock.instant());
    }

    @Override
    public org.springframework.batch.core.ExitStatus afterStep(StepExecution stepExecution) {
        if (intervalMillis > 0 && current.containsKey(stepExecution)) {
            err.println(line(stepExecution, ended(stepExecution.getStatus())));
        }
        current.remove(stepExecution);
        return null;
    }

    /** How a step ended, in its progress line: only a step that completed is "done". */
    static String ended(BatchStatus status) {
        return switch (status) {
            case COMPLETED -> "done";
            case STOPPED, STOPPING -> "stopped";
            default -> "FAILED";
        };
    }

    /** One line per running step; partitioned rating has one per worker. */
    private void tick() {
        current.keySet().forEach(step -> err.println(line(step, "running")));
    }

    private String line(StepExecution step, String state) {
        long millis = Math.max(1, Duration.between(current.getOrDefault(step, clock.instant()), clock.instant()).toMillis());
        long read = step.getReadCount();
        if (read == 0 && step.getWriteCount() == 0) {
            return String.format("billing: [%s] %s, %.1fs", step.getStepName(), state, millis / 1000.0);
        }
        return String.format("billing: [%s] %s: %,d read, %,d written, %,d skipped, %,d/s, %.1fs", step.getStepName(),
                state, read, step.getWriteCount(), step.getSkipCount(), read * 1000 / millis, millis / 1000.0);
    }
}
