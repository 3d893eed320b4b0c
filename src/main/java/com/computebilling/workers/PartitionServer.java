package com.computebilling.workers;

import com.computebilling.job.RemotePartitions;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.messaging.Message;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code billing worker}: takes partition requests off the database's queue, one per consumer at a time, and runs
 * each partition's step execution from the shared job repository, as spring-batch-integration's
 * {@code StepExecutionRequestHandler} does, with two things added: it leaves its name on the partition, and it knows
 * the partitions it is running, so that SIGTERM can stop them at their next chunk boundary.
 * <p>
 * Each consumer is a polled AMQP adapter (Spring Integration AMQP) that asks for the next request only when it is free,
 * so a worker never holds requests it is not running: a worker started later finds the rest waiting. A request is
 * acknowledged as soon as it is taken: if the worker then dies, the partition is not handed out again behind the
 * manager's back; the manager sees it stop moving, fails the run, and the same command resumes it from its last commit.
 * A request whose partition is no longer waiting (its run failed or was resumed meanwhile) is dropped.
 */
public final class PartitionServer {

    private static final Duration POLL = Duration.ofMillis(500);

    private final IntegrationFlowContext flows;
    private final ConnectionFactory connections;
    private final String queue;
    private final JobRepository repository;
    private final BeanFactoryStepLocator steps;
    private final String name;
    private final int consumers;
    private final PrintStream err;
    private final Set<StepExecution> running = ConcurrentHashMap.newKeySet();
    /** Requests being handled, from receipt on: one taken just as SIGTERM comes is waited for too. */
    private final AtomicInteger serving = new AtomicInteger();
    private final List<IntegrationFlowContext.IntegrationFlowRegistration> registrations = new ArrayList<>();
    private volatile boolean stopping;

    PartitionServer(IntegrationFlowContext flows, ConnectionFactory connections, String queue,
                    JobRepository repository, BeanFactoryStepLocator steps, String name, int consumers,
                    PrintStream err) {
        this.flows = flows;
        this.connections = connections;
        this.queue = queue;
        this.repository = repository;
        this.steps = steps;
        this.name = name;
        this.consumers = consumers;
        this.err = err;
    }

    public String name() {
        return name;
    }

    public int consumers() {
        return consumers;
    }

    public synchronized void start() {
        for (int i = 0; i < consumers; i++) {
            IntegrationFlow flow = IntegrationFlow
                    .from(Amqp.inboundPolledAdapter(connections, queue),
                            e -> e.poller(Pollers.fixedDelay(POLL).maxMessagesPerPoll(1)))
                    .handle(this::serve)
                    .get();
            registrations.add(flows.registration(flow).id("partitionConsumer" + i).register());
        }
    }

    /**
     * SIGTERM: take no more requests, ask the running partitions to stop at their next chunk boundary, wait. The
     * consumers are stopped only once no partition runs: stopping a polling endpoint cancels its task with an interrupt,
     * which must not reach a partition's thread (meanwhile a request taken goes straight back to the queue).
     */
    public boolean stop(Duration patience) throws InterruptedException {
        stopping = true;
        running.forEach(StepExecution::setTerminateOnly);
        long deadline = System.nanoTime() + patience.toNanos();
        while (serving.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        boolean clean = serving.get() == 0;
        if (clean) {
            synchronized (this) {
                registrations.forEach(IntegrationFlowContext.IntegrationFlowRegistration::stop);
            }
        }
        return clean;
    }

    private void serve(Message<?> message) {
        serving.incrementAndGet();
        try {
            handle(message);
        } finally {
            serving.decrementAndGet();
        }
    }

    private void handle(Message<?> message) {
        AcknowledgmentCallback ack = StaticMessageHeaderAccessor.getAcknowledgmentCallback(message);
        if (stopping) {   // taken as the worker stops: back to the queue for another worker
            if (ack != null) {
                ack.acknowledge(AcknowledgmentCallback.Status.REQUEUE);
            }
            return;
        }
        if (ack != null) {
            ack.acknowledge(AcknowledgmentCallback.Status.ACCEPT);
        }
        StepExecutionRequest request = PartitionRequests.parse(message.getPayload());
        StepExecution partition = repository.getStepExecution(request.getStepExecutionId());
        if (partition == null || partition.getStatus() != BatchStatus.STARTING) {
            return;
        }
        Step step = steps.getStep(request.getStepName());
        partition.getExecutionContext().putString(RemotePartitions.WORKER, name);
        running.add(partition);
        if (stopping) {   // SIGTERM came between the check above and now: stop() may not have seen this one
            partition.setTerminateOnly();
        }
        try {
            step.execute(partition);
        } catch (JobInterruptedException e) {
            partition.setStatus(BatchStatus.STOPPED);
            repository.update(partition);
        } catch (Throwable t) {
            partition.addFailureException(t);
            partition.setStatus(BatchStatus.FAILED);
            repository.update(partition);
        } finally {
            running.remove(partition);
        }
        err.println("billing: worker " + name + ": " + partition.getStepName() + " "
                + partition.getStatus().name().toLowerCase() + ", " + partition.getReadCount() + " read, "
                + partition.getWriteCount() + " written");
    }
}
