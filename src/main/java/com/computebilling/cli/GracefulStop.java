package com.computebilling.cli;

import com.computebilling.job.RunningExecutions;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM or Ctrl-C on {@code billing run}: the running job is asked to stop at its next chunk boundary (what it
 * committed stays, and the same command resumes it), the command prints its outcome as usual, closes the database,
 * and the process exits with the command's code (1 for a stopped run) instead of dying with 143 half-way through a
 * statement. A signal before the job has started ends the process at once: nothing has begun that a resume needs.
 * <p>
 * The JVM runs shutdown hooks while the main thread goes on; the hook waits for the command to finish and then ends
 * the process with its code, since a normal exit cannot start while a shutdown is under way.
 */
final class GracefulStop implements AutoCloseable {

    /** How long a stop may take before the process ends anyway (a resume then starts from the last commit). */
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private final PrintStream err;
    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile ConfigurableApplicationContext context;
    private volatile int exitCode = ExitCode.FAILED.code();
    private volatile boolean signalled;

    private GracefulStop(PrintStream err) {
        this.err = err;
        this.hook = new Thread(this::stop, "billing-graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static GracefulStop install(PrintStream err) {
        return new GracefulStop(err);
    }

    /** The application is up: from now on a stop goes through its running job. */
    ConfigurableApplicationContext attach(ConfigurableApplicationContext started) {
        this.context = started;
        return started;
    }

    private void stop() {
        signalled = true;
        ConfigurableApplicationContext running = context;
        if (running == null) {
            err.println("billing: stop requested before the run started; nothing was done");
            err.flush();
            Runtime.getRuntime().halt(ExitCode.FAILED.code());
        }
        err.println("billing: stop requested; stopping at the next chunk boundary...");
        try {
            running.getBean(RunningExecutions.class).stopAll(running.getBean(JobRepository.class), PATIENCE);
            finished.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        err.flush();
        Runtime.getRuntime().halt(exitCode);
    }

    /** The command's exit code, which the process ends with even when a stop was requested meanwhile. */
    int exitWith(int code) {
        exitCode = code;
        return code;
    }

    @Override
    public void close() {
        if (!signalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                return;
            } catch (IllegalStateException shutdownStarted) {
                // the signal came just now: finish as below
            }
        }
        if (context != null) {
            context.close();    // the database is closed properly before the hook ends the process
        }
        finished.countDown();
    }
}
