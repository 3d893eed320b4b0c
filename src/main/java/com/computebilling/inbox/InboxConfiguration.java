package com.computebilling.inbox;

import com.computebilling.job.BillingRuns;
import com.computebilling.job.RunLocks;
import com.computebilling.job.RunRequest;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.integration.launch.JobLaunchRequest;
import org.springframework.batch.integration.launch.JobLaunchingGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.file.dsl.Files;
import org.springframework.integration.file.filters.AcceptOnceFileListFilter;
import org.springframework.integration.file.filters.ChainFileListFilter;
import org.springframework.integration.file.filters.FileListFilter;
import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.messaging.Message;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import com.computebilling.job.RunningExecutions;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import java.util.Arrays;

/**
 * {@code billing watch}: the file inbound adapter polls the inbox for ready drops, oldest first, one per poll; each
 * becomes a {@link JobLaunchRequest} that spring-batch-integration's {@link JobLaunchingGateway} runs synchronously on
 * the poller thread, so drops run one at a time in arrival order. Active only when {@code billing.inbox} is set.
 */
@Configuration
@EnableIntegration
@ConditionalOnProperty("billing.inbox")
public class InboxConfiguration {

    static final String DROP = "drop";
    public static final String ADAPTER = "inboxAdapter";

    @Bean
    DropProcessing dropProcessing(BillingRuns runs, RunLocks locks, @Value("${billing.inbox.output}") String output,
                                  @Value("${billing.inbox.zone:UTC}") String zone,
                                  @Value("${billing.inbox.skip-limit:" + RunRequest.DEFAULT_SKIP_LIMIT + "}") long skipLimit,
                                  @Value("${billing.inbox.focus-provider:}") String focusProvider) {
        return new DropProcessing(runs, locks, Path.of(output), zone, skipLimit,
                focusProvider.isEmpty() ? null : focusProvider);
    }

    @Bean
    IntegrationFlow inboxFlow(@Value("${billing.inbox}") String inbox,
                              @Value("${billing.inbox.poll-millis:2000}") long pollMillis,
                              DropProcessing drops, JobOperator jobOperator) {
        FileListFilter<File> ready = files -> Arrays.stream(files).filter(f -> Drop.isReady(f.toPath())).toList();
        // Once taken, a drop is not offered again while it is in flight; once it has moved out of the inbox it is
        // forgotten, so the same name dropped again (to resume a failed run, or fixed files) is taken again.
        AcceptOnceFileListFilter<File> once = new AcceptOnceFileListFilter<>();
        ChainFileListFilter<File> readyOnce = new ChainFileListFilter<>();
        readyOnce.addFilters(ready, once);
        return IntegrationFlow
                .from(Files.inboundAdapter(new File(inbox), (a, b) -> Drop.ARRIVAL.compare(a.toPath(), b.toPath()))
                                .filter(readyOnce).autoCreateDirectory(true).useWatchService(false),
                        e -> e.id(ADAPTER).poller(Pollers.fixedDelay(Duration.ofMillis(pollMillis)).maxMessagesPerPoll(1)))
                .enrichHeaders(h -> h.headerFunction(DROP, m -> m.getPayload()))
                .transform(File.class, drops::launchRequestFor)
                .<Object, Boolean>route(p -> p instanceof JobLaunchRequest, r -> r
                        .subFlowMapping(true, launch -> launch
                                .handle(new JobLaunchingGateway(jobOperator), e -> e.advice(launchFailures(drops, once)))
                                .handle((execution, headers) -> settle(drops, once, execution, headers.get(DROP))))
                        .subFlowMapping(false, verdict -> verdict
                                .handle((v, headers) -> settle(drops, once, v, headers.get(DROP)))))
                .get();
    }

    /**
     * SIGTERM on {@code watch}: no drop is taken from now on; the running job stops at its next chunk boundary
     * (through the repository) and the drop in flight settles (a stopped one stays in the inbox); only then the
     * adapter stops, since stopping it cancels its poll, which runs the drop, with an interrupt. False if something was
     * still running after {@code patience}: the caller then ends the process as a crash would, and the next start
     * resumes.
     */
    public static boolean stopWatching(ApplicationContext context, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        DropProcessing drops = context.getBean(DropProcessing.class);
        drops.stopTaking();
        boolean jobsStopped = context.getBean(RunningExecutions.class)
                .stopAll(context.getBean(JobRepository.class), patience);
        if (!jobsStopped || !drops.awaitSettled(deadline)) {
            return false;
        }
        context.getBean(ADAPTER, Lifecycle.class).stop();
        return true;
    }

    /** A launch that throws settles its drop in .error/ instead of leaving it (and its run lock) behind. */
    private static AbstractRequestHandlerAdvice launchFailures(DropProcessing drops, AcceptOnceFileListFilter<File> once) {
        return new AbstractRequestHandlerAdvice() {
            @Override
            protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
                try {
                    return callback.execute();
                } catch (RuntimeException e) {
                    try {
                        File drop = (File) message.getHeaders().get(DROP);
                        drops.launchFailed(drop, e);
                        forgetIfGone(once, drop);
                    } catch (java.io.IOException io) {
                        throw new java.io.UncheckedIOException(io);
                    }
                    return null;
                }
            }
        };
    }

    private static Object settle(DropProcessing drops, AcceptOnceFileListFilter<File> once, Object result, Object drop) {
        try {
            Object settled = drops.settle(result, (File) drop);
            forgetIfGone(once, (File) drop);
            return settled;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A drop still in the inbox (stopped mid-run, or it could not be moved) stays taken until the next start. */
    private static void forgetIfGone(AcceptOnceFileListFilter<File> once, File drop) {
        if (!drop.exists()) {
            once.remove(drop);
        }
    }
}
