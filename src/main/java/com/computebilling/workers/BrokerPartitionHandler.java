package com.computebilling.workers;

import com.computebilling.job.RemotePartitions;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manager's side of remote partitioning: each partition's step execution becomes a request on the broker (as
 * spring-batch-integration's {@code MessageChannelPartitionHandler} sends them), and the shared job repository is
 * polled until every partition has ended, as that handler does when it polls instead of waiting for replies.
 * <p>
 * What it adds is how a dead worker shows: every commit of a partition raises its step execution's version, so a
 * partition whose worker is gone stops changing. One that is running but has not changed for the worker timeout, or a
 * step none of whose partitions changed for that long (no worker took them), fails the step: the partitions still
 * running are marked FAILED in the repository (a worker that was only stuck then fails its next commit on the version,
 * and writes nothing more), and the same command resumes them from their last commits, on any worker.
 */
final class BrokerPartitionHandler extends AbstractPartitionHandler {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final String workerStep;
    private final MessageChannel requests;
    private final JobRepository repository;
    private final Duration timeout;
    private final Duration progress;
    private final PrintStream err;
    private final Clock clock;

    BrokerPartitionHandler(String workerStep, int gridSize, MessageChannel requests, JobRepository repository,
                           Duration timeout, Duration progress, PrintStream err, Clock clock) {
        this.workerStep = workerStep;
        this.requests = requests;
        this.repository = repository;
        this.timeout = timeout;
        this.progress = progress;
        this.err = err;
        this.clock = clock;
        setGridSize(gridSize);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return partitions;
        }
        MessagingTemplate broker = new MessagingTemplate(requests);
        partitions.stream().sorted(Comparator.comparing(StepExecution::getStepName)).forEach(p -> broker.send(
                MessageBuilder.withPayload(new StepExecutionRequest(workerStep, p.getId())).build()));

        Set<Long> ids = new HashSet<>();
        partitions.forEach(p -> ids.add(p.getId()));
        Map<Long, Integer> versions = new HashMap<>();
        Map<Long, Long> changedAt = new HashMap<>();
        long lastChange = System.nanoTime();
        long lastPrint = System.nanoTime();
        while (true) {
            Thread.sleep(POLL.toMillis());
            JobExecution job = repository.getJobExecution(manager.getJobExecutionId());
            List<StepExecution> current = job.getStepExecutions().stream().filter(s -> ids.contains(s.getId()))
                    .sorted(Comparator.comparing(StepExecution::getStepName)).toList();
            long now = System.nanoTime();
            for (StepExecution s : current) {
                Integer before = versions.put(s.getId(), s.getVersion());
                if (before == null || !before.equals(s.getVersion())) {
                    changedAt.put(s.getId(), now);
                    if (before != null) {
                        lastChange = now;
                    }
                }
            }
            if (current.stream().noneMatch(s -> s.getStatus().isRunning())) {
                current.forEach(s -> err.println(line(s)));
                explainFailures(manager, current);
                return new HashSet<>(current);
            }
            // A stop asked for, or a partition that ended unsuccessfully with nothing else running (the step fails
            // whatever the rest do): the partitions still waiting for a worker stop at once, and a resume runs them.
            boolean ended = current.stream().anyMatch(s -> s.getStatus().isUnsuccessful());
            boolean started = current.stream().anyMatch(s -> s.getStatus() == BatchStatus.STARTED);
            if (job.getStatus() == BatchStatus.STOPPING || ended && !started) {
                stopWaiting(current);
            }
            if (!progress.isZero() && !progress.isNegative() && now - lastPrint >= progress.toNanos()) {
                current.stream().filter(s -> s.getStatus().isRunning()).forEach(s -> err.println(line(s)));
                lastPrint = now;
            }
            for (StepExecution s : current) {
                if (s.getStatus() == BatchStatus.STARTED && now - changedAt.get(s.getId()) > timeout.toNanos()) {
                    throw lost(current, "partition " + s.getStepName() + " (worker " + worker(s)
                            + ") made no progress for " + timeout.toSeconds() + " s: its worker is gone or stuck");
                }
            }
            // With a partition started and still, the check above names its worker once its own time is up (at
            // most a poll later, as it was first seen a poll after lastChange began): that is the diagnosis, not a
            // lack of workers. A worker killed just as polling began had made the two race.
            if (current.stream().anyMatch(s -> s.getStatus() == BatchStatus.STARTING)
                    && current.stream().noneMatch(s -> s.getStatus() == BatchStatus.STARTED)
                    && now - lastChange > timeout.toNanos()) {
                throw lost(current, "no worker took or moved a partition of " + workerStep + " for "
                        + timeout.toSeconds() + " s: start workers (billing worker --db=... --broker=...)");
            }
        }
    }

    /** Partitions waiting in the queue stop at once (a worker drops their requests later). */
    private void stopWaiting(List<StepExecution> current) {
        for (StepExecution s : current) {
            if (s.getStatus() == BatchStatus.STARTING) {
                end(s, BatchStatus.STOPPED, ExitStatus.STOPPED, BatchStatus.STARTING);
            }
        }
    }

    /**
     * The manager's copies of the partitions carry no exceptions (those stayed with the workers): a partition that
     * failed is explained by its exit description, so the run's failure says which partition, where and why.
     */
    private static void explainFailures(StepExecution manager, List<StepExecution> current) {
        for (StepExecution s : current) {
            if (s.getStatus() == BatchStatus.FAILED) {
                String why = s.getExitStatus().getExitDescription().lines().findFirst().orElse("").strip();
                manager.addFailureException(new IllegalStateException("partition " + s.getStepName() + " failed on "
                        + worker(s) + (why.isEmpty() ? "" : ": " + (why.length() > 300 ? why.substring(0, 300) : why))));
            }
        }
    }

    private IllegalStateException lost(List<StepExecution> current, String why) {
        for (StepExecution s : current) {
            if (s.getStatus().isRunning()) {
                end(s, BatchStatus.FAILED, ExitStatus.FAILED.addExitDescription(why), s.getStatus());
            }
        }
        return new IllegalStateException(why);
    }

    /** Ends a partition that is still {@code expected}; one that moved on meanwhile is left to its worker. */
    private void end(StepExecution s, BatchStatus status, ExitStatus exit, BatchStatus expected) {
        for (int attempt = 0; attempt < 3; attempt++) {
            StepExecution fresh = repository.getStepExecution(s.getId());
            if (fresh == null || fresh.getStatus() != expected) {
                return;
            }
            fresh.setStatus(status);
            fresh.setExitStatus(exit);
            fresh.setEndTime(LocalDateTime.now(clock));
            try {
                repository.update(fresh);
                return;
            } catch (OptimisticLockingFailureException e) {
                // the worker committed meanwhile: read it again
            }
        }
    }

    private static String worker(StepExecution s) {
        return s.getExecutionContext().containsKey(RemotePartitions.WORKER)
                ? s.getExecutionContext().getString(RemotePartitions.WORKER) : "none yet";
    }

    private static String line(StepExecution s) {
        String state = switch (s.getStatus()) {
            case STARTING -> "waiting for a worker";
            case STARTED -> "running";
            case COMPLETED -> "done";
            case STOPPED, STOPPING -> "stopped";
            default -> "FAILED";
        };
        return String.format("billing: [%s] %s on %s: %,d read, %,d written, %,d skipped", s.getStepName(), state,
                worker(s), s.getReadCount(), s.getWriteCount(), s.getSkipCount());
    }
}
