package com.computebilling.job;

import com.computebilling.time.ProcessedPeriod;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import com.computebilling.input.MalformedRowException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Starts, resumes or refuses a billing run. A run's identity is its period, zone and input digest, plus an attempt
 * number that only {@code --rerun} (or inputs that no longer hold the period) moves on:
 * <ul>
 *   <li>the latest attempt failed, stopped or was killed: resume it from its last committed chunk, unless its own
 *   books did not balance ({@link Books}): then what it staged cannot be trusted, and a new attempt starts over;</li>
 *   <li>it completed and its results still stand: nothing to do (exit 3), unless {@code --rerun};</li>
 *   <li>otherwise: a new attempt.</li>
 * </ul>
 * Only one run per period and zone goes at a time ({@link RunLocks}), so an execution found STARTED while holding
 * the lock was left by a dead process: it is marked FAILED ({@code recover}) and restarted.
 */
@Component
public class BillingRuns {

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;
    private final RunStore runStore;
    private final Ledger ledger;
    private final RunLocks locks;
    private final Clock clock;

    public BillingRuns(JobOperator operator, JobRepository repository, Job billingJob, RunStore runStore, Ledger ledger,
                       RunLocks locks, Clock clock) {
        this.locks = locks;
        this.clock = clock;
        this.operator = operator;
        this.repository = repository;
        this.job = billingJob;
        this.runStore = runStore;
        this.ledger = ledger;
    }

    /** What to do with a request: launch these parameters (a new attempt or a resume), or nothing (exit 3). */
    public sealed interface Decision permits Launch, AlreadyProcessed {
    }

    public record Launch(JobParameters parameters, boolean resume) implements Decision {
    }

    public record AlreadyProcessed(long runId, String message) implements Decision {
    }

    public RunOutcome run(RunRequest request) throws Exception {
        String period = request.period() == null ? JobKeys.MONTHS_OF_USAGE : request.period();
        Optional<RunLocks.Lock> lock = locks.tryAcquire(period, request.zone());
        if (lock.isEmpty()) {
            return new RunOutcome(RunOutcome.Result.BUSY, 0, "another run for period " + describe(request)
                    + " is in progress; not starting a second one");
        }
        try (RunLocks.Lock held = lock.get()) {
            return runLocked(request);
        }
    }

    private RunOutcome runLocked(RunRequest request) throws Exception {
        Decision decision = decide(request);
        if (decision instanceof AlreadyProcessed done) {
            return new RunOutcome(RunOutcome.Result.ALREADY_PROCESSED, done.runId(), done.message());
        }
        Launch launch = (Launch) decision;
        return outcome(operator.start(job, launch.parameters()), launch.resume());
    }

    /**
     * Finds the request's latest attempt and decides; an execution a dead process left STARTED is recovered (marked
     * FAILED) here, so that launching it restarts it instead of being refused as "already running".
     */
    public Decision decide(RunRequest request) {
        long attempt = 0;
        JobInstance latest = null;
        while (true) {
            JobInstance instance = repository.getJobInstance(JobKeys.JOB, identity(request, attempt));
            if (instance == null) {
                break;
            }
            latest = instance;
            attempt++;
        }
        if (latest != null) {
            JobExecution last = repository.getLastJobExecution(latest);
            BatchStatus status = last == null ? BatchStatus.UNKNOWN : last.getStatus();
            if (last != null && status.isRunning()) {
                // Left STARTED by a process that died (kill -9, power loss): mark it FAILED so it can restart.
                last = recover(last);
                status = last.getStatus();
            }
            // The job's flow ends FAILED, not UNKNOWN, when one of its steps ended UNKNOWN: the launcher refuses to
            // restart that step all the same. It also refuses, as "already running", an execution that ended while a
            // step of it was still STARTING or STARTED: partitions a failed split created and never ran.
            if (last != null && (status == BatchStatus.UNKNOWN
                    || status != BatchStatus.COMPLETED && anyStepRefusedOnRestart(last))) {
                last = failedInsteadOfUnknown(last);
                status = last.getStatus();
            }
            if ((status == BatchStatus.FAILED || status == BatchStatus.STOPPED)
                    && !runStore.checkFailed(latest.getInstanceId())) {
                // Starting the same instance again is Spring Batch's restart: completed steps are skipped and the
                // failed one resumes from its last commit. This command's own --output and --skip-limit apply.
                return new Launch(launchParameters(request, attempt - 1), true);
            }
            if (status == BatchStatus.COMPLETED && !request.rerun() && ledger.ownsItsPeriod(latest.getInstanceId())) {
                return new AlreadyProcessed(latest.getInstanceId(), "period " + describe(request)
                        + " was already processed with identical inputs (run " + latest.getInstanceId()
                        + "); nothing changed. Use --rerun to process it again.");
            }
        }
        return new Launch(launchParameters(request, attempt), false);
    }

    /**
     * Marks a dead process's execution and its running steps FAILED. The embedded database can hold the killed
     * process's last update of a step's row, from a chunk that never committed, without the undo log that would have
     * rolled it back (see {@link Leftovers}): readers see the committed row, but Spring Batch's update of it, which
     * checks the version it read, meets the dead update's version instead and fails ("Attempt to update step execution
     * ... with wrong version"). The failed update leaves the row as it committed, so the recovery is tried once more on
     * the execution read afresh; a second failure is a real conflict and is reported.
     */
    private JobExecution recover(JobExecution stale) {
        try {
            return operator.recover(stale);
        } catch (OptimisticLockingFailureException e) {
            JobExecution fresh = repository.getJobExecution(stale.getId());
            return fresh.getStatus().isRunning() ? operator.recover(fresh) : fresh;
        }
    }

    /**
     * Spring Batch marks a step UNKNOWN, and refuses to restart it, when a chunk's transaction failed in a way that
     * leaves open whether it committed (the connection was lost at the commit, or during the rollback). Here every
     * chunk's rows and its restart position are written in the same transaction, so the position stored in the
     * repository is exactly what committed, whichever way it went; a resume from it reads again what did not commit
     * (and discards any leftovers beyond it, see {@link CsvRecordItemReader}). So an UNKNOWN execution is a FAILED one.
     * So is a step still STARTING or STARTED in an execution that has ended (partitions a failed split created): no
     * process is running it, and the launcher would refuse the whole execution as already running.
     */
    private JobExecution failedInsteadOfUnknown(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED);
                if (step.getEndTime() == null) {
                    step.setEndTime(LocalDateTime.now(clock));
                }
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED);
        if (execution.getEndTime() == null) {
            execution.setEndTime(LocalDateTime.now(clock));
        }
        repository.update(execution);
        return repository.getLastJobExecution(execution.getJobInstance());
    }

    /** A step the launcher will not restart past: UNKNOWN, or left running in an execution that has ended. */
    private static boolean anyStepRefusedOnRestart(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .anyMatch(s -> s.getStatus() == BatchStatus.UNKNOWN || s.getStatus().isRunning());
    }

    public Job job() {
        return job;
    }

    public RunOutcome outcome(JobExecution execution, boolean resumed) {
        long runId = execution.getJobInstance().getInstanceId();
        String what = (resumed ? "resumed run " : "run ") + runId;
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            String report = execution.getExecutionContext().containsKey(WriteOutputsTasklet.REPORT)
                    ? " " + execution.getExecutionContext().getString(WriteOutputsTasklet.REPORT) : "";
            return new RunOutcome(RunOutcome.Result.COMPLETED, runId, what + " completed." + report);
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return new RunOutcome(RunOutcome.Result.FAILED, runId, what + " stopped on request at a chunk boundary;"
                    + " what it committed is kept. Run the same command again to resume it.");
        }
        // A skip limit passed says more than the failure of the partitioned step that found it.
        List<Throwable> failures = execution.getAllFailureExceptions();
        String cause = failures.stream().filter(f -> Causes.of(f).anyMatch(SkipLimitExceededException.class::isInstance))
                .findFirst().or(() -> failures.stream().findFirst())
                .map(BillingRuns::explain).orElse(execution.getExitStatus().getExitDescription());
        String next = runStore.checkFailed(runId) ? "Run the same command again to stage the inputs afresh and bill them."
                : "Run the same command again to resume it.";
        return new RunOutcome(RunOutcome.Result.FAILED, runId, what + " failed"
                + ": " + cause + ". " + next);
    }

    private static String explain(Throwable failure) {
        return Causes.of(failure).filter(SkipLimitExceededException.class::isInstance)
                .map(SkipLimitExceededException.class::cast).findFirst()
                .map(limit -> {
                    String last = limit.getCause() instanceof MalformedRowException m ? m.source() + ": " + m.reason()
                            : "";
                    return "more than " + limit.getSkipLimit() + " malformed rows in one input kind (skip limit; last "
                            + last + "); fix the export and run again";
                })
                .orElseGet(() -> Causes.root(failure).getMessage());
    }

    static JobParameters identity(RunRequest r, long attempt) {
        JobParametersBuilder identity = new JobParametersBuilder()
                .addString(JobKeys.PERIOD, r.period() == null ? JobKeys.MONTHS_OF_USAGE : r.period())
                .addString(JobKeys.ZONE, r.zone())
                .addString(JobKeys.INPUT_DIGEST, r.inputDigest())
                .addLong(JobKeys.ATTEMPT, attempt);
        // Only a run with --focus carries the key, so runs without it keep the identity they always had.
        if (r.focus()) {
            identity.addString(JobKeys.FOCUS, r.focusProvider());
        }
        return identity.toJobParameters();
    }

    private static JobParameters launchParameters(RunRequest r, long attempt) {
        return new JobParametersBuilder(identity(r, attempt))
                .addString(JobKeys.INPUT_DIR, r.inputDir().toAbsolutePath().toString(), false)
                .addString(JobKeys.OUTPUT_DIR, r.outputDir().toAbsolutePath().toString(), false)
                .addLong(JobKeys.SKIP_LIMIT, r.skipLimit(), false)
                .toJobParameters();
    }

    private static String describe(RunRequest r) {
        return (r.period() == null ? "(" + ProcessedPeriod.MONTHS_OF_USAGE + ")" : r.period()) + " in " + r.zone();
    }
}
