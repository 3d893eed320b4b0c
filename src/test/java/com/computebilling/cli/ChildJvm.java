package com.computebilling.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code billing ...} as a separate JVM of this test's classpath ({@code -Xmx512m}), its output collected line by line. */
final class ChildJvm {

    static final Duration PATIENCE = Duration.ofMinutes(3);

    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer log = new StringBuffer();
    private final Thread pump;

    private ChildJvm(Process process) {
        this.process = process;
        pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "child-output");
        pump.setDaemon(true);
        pump.start();
    }

    static ChildJvm start(List<String> args, Map<String, String> env) throws IOException {
        return start(List.of(), args, env);
    }

    /** With JVM options first, e.g. {@code -Dbilling.chunk.rows=20}: Spring reads system properties as settings. */
    static ChildJvm start(List<String> jvm, List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Duser.timezone=UTC", "-cp", System.getProperty("java.class.path")));
        command.addAll(jvm);
        command.add("com.computebilling.BillingApplication");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new ChildJvm(pb.start());
    }

    /** True once a line holding {@code marker} appeared; false if the process ended first. */
    boolean awaitLine(String marker) throws InterruptedException {
        return awaitLine(marker, PATIENCE) != null;
    }

    /** The first line holding {@code marker}, or null if the process ended first. */
    String awaitLine(String marker, Duration patience) throws InterruptedException {
        return awaitLine(l -> l.contains(marker), marker, patience);
    }

    /** The first line that {@code wanted} accepts, or null if the process ended first. */
    String awaitLine(Predicate<String> wanted, String what, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line == null && !process.isAlive()) {
                // the pump may not yet have read the last lines the child wrote before it ended
                awaitEndOfOutput();
                for (String rest = lines.poll(); rest != null; rest = lines.poll()) {
                    if (wanted.test(rest)) {
                        return rest;
                    }
                }
                return null;
            }
        }
        throw new AssertionError("no '" + what + "' within " + patience + "\n" + log);
    }

    /**
     * SIGTERM: what systemd, {@code kill} or a container runtime sends to stop a process. Sent with kill(1), not
     * {@link Process#destroy()}, which also closes the pipes this test reads the child's last lines from.
     */
    void terminate() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    /** SIGKILL: no shutdown hook, no finally block, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        awaitEndOfOutput();
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + PATIENCE + "\n" + log);
        }
        awaitEndOfOutput();
        return process.exitValue();
    }

    /** The pump ends at the end of the child's output: after this, {@link #log()} holds every last line. */
    private void awaitEndOfOutput() throws InterruptedException {
        pump.join(PATIENCE.toMillis());
        if (pump.isAlive()) {
            throw new AssertionError("the child's output did not end within " + PATIENCE + "\n" + log);
        }
    }

    String log() {
        return log.toString();
    }
}
