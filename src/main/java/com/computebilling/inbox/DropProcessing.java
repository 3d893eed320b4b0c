package com.computebilling.inbox;

import com.computebilling.job.BillingRuns;
import com.computebilling.job.Causes;
import com.computebilling.job.JobKeys;
import com.computebilling.job.RunLocks;
import com.computebilling.job.Refusal;
import com.computebilling.job.RunOutcome;
import com.computebilling.job.RunPreflight;
import com.computebilling.job.RunRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.integration.launch.JobLaunchRequest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two ends of a drop's trip through the flow: turning it into a job launch request (or a verdict without one),
 * and settling it once the job is done — archived, moved to {@code .error/}, or left in place when the watcher was
 * stopped mid-run so the next start resumes it.
 */
class DropProcessing {

    private static final Log log = LogFactory.getLog(DropProcessing.class);

    /** A drop settled without launching: refused, or already processed. */
    public record Verdict(boolean ok, String message) {
    }

    /** A drop taken as the watcher stops: left where it is, for the next start. */
    public record Left() {
    }

    private final BillingRuns runs;
    private final RunLocks locks;
    private RunLocks.Lock held;       // the lock of the drop in flight (drops run one at a time)
    /** Drops between being taken and being settled: a stop waits for them, so that no interrupt meets one. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private final Path output;
    private final String defaultZone;
    private final long skipLimit;
    private final String focusProvider;

    /** {@code focusProvider}: focus.csv's provider name when drops also write focus.csv, else null. */
    public DropProcessing(BillingRuns runs, RunLocks locks, Path output, String defaultZone, long skipLimit,
                          String focusProvider) {
        this.runs = runs;
        this.locks = locks;
        this.output = output;
        this.defaultZone = defaultZone;
        this.skipLimit = skipLimit;
        this.focusProvider = focusProvider;
    }

    public Object launchRequestFor(File dropDir) {
        inFlight.incrementAndGet();
        if (stopping) {
            return new Left();
        }
        try {
            return launchRequest(new Drop(dropDir.toPath()));
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();   // no settle follows a throw: launchFailed does not come either
            throw e;
        }
    }

    private Object launchRequest(Drop drop) {
        try {
            RunRequest request = RunPreflight.check(drop.dir(), output.resolve(drop.name()), drop.period().orElse(null),
                    drop.zone().orElse(defaultZone), false, skipLimit).withFocus(focusProvider);
            held = locks.acquireWaiting(request.period() == null ? JobKeys.MONTHS_OF_USAGE : request.period(), request.zone());
            BillingRuns.Decision decision;
            try {
                decision = runs.decide(request);
            } catch (RuntimeException e) {
                release();
                throw e;
            }
            if (decision instanceof BillingRuns.AlreadyProcessed done) {
                release();
                return new Verdict(true, done.message());
            }
            log.warn("inbox: billing drop " + drop.name());
            return new JobLaunchRequest(runs.job(), ((BillingRuns.Launch) decision).parameters());
        } catch (Refusal r) {
            return new Verdict(false, "refused: " + r.getMessage());
        } catch (IOException e) {
            return new Verdict(false, "cannot read the drop: " + e.getMessage());
        }
    }

    private void release() {
        if (held != null) {
            held.close();
            held = null;
        }
    }

    /** The job could not even be launched: the drop goes to .error/ with the reason. */
    public void launchFailed(File dropDir, Throwable cause) throws IOException {
        try {
            release();
            Throwable root = Causes.root(cause);
            log.warn("inbox: " + dropDir.getName() + " could not be launched: " + root.getMessage());
            new Drop(dropDir.toPath()).reject("could not be launched: " + root.getMessage());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public Object settle(Object result, File dropDir) throws IOException {
        try {
            return settled(result, dropDir);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** From now on a drop taken is left in place (its job, if one starts, stops before its first step). */
    void stopTaking() {
        stopping = true;
    }

    /** Waits until no drop is between being taken and being settled; false if one still is at the deadline. */
    boolean awaitSettled(long deadlineNanos) throws InterruptedException {
        while (inFlight.get() > 0 && System.nanoTime() < deadlineNanos) {
            Thread.sleep(100);
        }
        return inFlight.get() == 0;
    }

    private Object settled(Object result, File dropDir) throws IOException {
        release();
        Drop drop = new Drop(dropDir.toPath());
        if (result instanceof Left) {
            log.warn("inbox: " + drop.name() + " left in the inbox: the watcher is stopping");
            return null;
        }
        if (result instanceof Verdict v) {
            if (v.ok()) {
                log.warn("inbox: " + drop.name() + ": " + v.message());
                drop.archive();
            } else {
                log.warn("inbox: " + drop.name() + " " + v.message());
                drop.reject(v.message());
            }
            return null;
        }
        JobExecution execution = (JobExecution) result;
        if (execution.getStatus() == BatchStatus.STOPPED) {
            log.warn("inbox: " + drop.name() + " stopped; it is resumed when the watcher starts again");
            return null;
        }
        RunOutcome outcome = runs.outcome(execution, false);
        if (outcome.result() == RunOutcome.Result.COMPLETED) {
            log.warn("inbox: " + drop.name() + ": " + outcome.message());
            drop.archive();
        } else {
            log.warn("inbox: " + drop.name() + ": " + outcome.message());
            drop.reject(outcome.message() + "\nDrop the same files again to resume it, or fixed files to start anew.");
        }
        return null;
    }
}
