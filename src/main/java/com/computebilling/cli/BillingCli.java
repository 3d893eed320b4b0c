package com.computebilling.cli;

import com.computebilling.BillingApplication;
import com.computebilling.job.BillingJobConfiguration;
import com.computebilling.job.BillingRuns;
import com.computebilling.job.Causes;
import com.computebilling.job.Database;
import com.computebilling.job.RunOutcome;
import com.computebilling.job.RunRequest;
import com.computebilling.job.Refusal;
import com.computebilling.job.RunPreflight;
import com.computebilling.job.RunHistory;
import com.computebilling.job.RunningExecutions;
import com.computebilling.job.LineExplanations;
import com.computebilling.explain.ExplainedLine;
import com.computebilling.inbox.InboxConfiguration;
import com.computebilling.workers.Broker;
import com.computebilling.workers.PartitionServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code billing run | watch | history}: parses and checks the command line before any Spring context starts,
 * so that a refusal costs nothing and changes nothing, then runs the command and maps its outcome to an exit code.
 */
public final class BillingCli {

    static final String DEFAULT_DB = "jdbc:h2:file:./data/billing";
    private static final String USAGE = "usage: billing run --input=DIR --output=DIR [--period=YYYY-MM|YYYY-MM-DD]"
            + " [--zone=ZONE] [--rerun] [--db=JDBC_URL] [--skip-limit=N] [--focus [--provider-name=NAME]]"
            + " [--broker=AMQP_URL [--worker-timeout=SECONDS]]"
            + " | billing watch --inbox=DIR --output=DIR [--zone=ZONE] [--db=JDBC_URL] [--focus [--provider-name=NAME]]"
            + " [--broker=AMQP_URL [--worker-timeout=SECONDS]]"
            + " | billing worker --db=JDBC_URL --broker=AMQP_URL"
            + " | billing history [--db=JDBC_URL]"
            + " | billing explain LINE_ID [--db=JDBC_URL] [--input=DIR] [--json]";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public BillingCli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int execute(String... args) {
        try {
            if (args.length == 0) {
                throw new Refusal(USAGE);
            }
            checkSettings();
            return switch (args[0]) {
                case "run" -> run(args);
                case "history" -> history(args);
                case "watch" -> watch(args);
                case "explain" -> explain(args);
                case "worker" -> worker(args);
                default -> throw new Refusal("unknown command '" + args[0] + "'; " + USAGE);
            };
        } catch (Refusal r) {
            err.println("billing: " + r.getMessage());
            return ExitCode.REFUSED.code();
        }
    }

    /**
     * The tuning variables (README, Commands), each a whole number in its range: the application reads them when a
     * step begins, so a bad one would fail a run half-way, and the same command again would fail again. They are
     * checked before anything runs. The chunk sizes reach Spring as {@code billing.chunk.*} by its own reading of the
     * environment.
     */
    private record Setting(String name, long least, long most) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("BILLING_PROGRESS_SECONDS", 0, 999_999),       // 0: quiet
            new Setting("BILLING_RATE_PARTITIONS", 0, 9_999),          // 0: one per core
            new Setting("BILLING_RATE_WINDOW_BYTES", 1, 999_999_999),
            new Setting("BILLING_CHUNK_ROWS", 1, 999_999_999),
            new Setting("BILLING_CHUNK_RESOURCES", 0, 999_999_999),    // 0: the database's (Database.ratingChunk)
            new Setting("BILLING_CHUNK_RECORDS", 1, 999_999_999));

    private void checkSettings() throws Refusal {
        for (Setting setting : SETTINGS) {
            String value = env.get(setting.name());
            if (value != null && (!value.matches("\\d{1,9}") || Long.parseLong(value) < setting.least()
                    || Long.parseLong(value) > setting.most())) {
                throw new Refusal(setting.name() + " must be a whole number from " + setting.least() + " to "
                        + setting.most() + ", was '" + value + "'");
            }
        }
    }

    private int run(String[] args) throws Refusal {
        Options o = Options.parse("run", args, 1, Set.of("input", "output", "period", "zone", "db", "db-user",
                "db-password", "skip-limit", "provider-name", "broker", "worker-timeout"), Set.of("rerun", "focus"));
        long skipLimit = parseSkipLimit(o.get("skip-limit").orElse(String.valueOf(RunRequest.DEFAULT_SKIP_LIMIT)));
        String focusProvider = focusProvider(o);
        RunRequest request = RunPreflight.check(Path.of(o.required("input")), Path.of(o.required("output")),
                o.get("period").orElse(null), o.get("zone").orElse("UTC"), o.flag("rerun"), skipLimit)
                .withFocus(focusProvider);
        Map<String, Object> remote = managerOfWorkers(o);
        // Spring's own shutdown hook would close the context under the running job; this one stops it cleanly.
        try (GracefulStop stop = GracefulStop.install(err);
             ConfigurableApplicationContext context = stop.attach(start(o, remote, false))) {
            RunOutcome outcome = context.getBean(BillingRuns.class).run(request);
            return stop.exitWith(switch (outcome.result()) {
                case COMPLETED -> {
                    out.println("billing: " + outcome.message());
                    yield ExitCode.COMPLETED.code();
                }
                case ALREADY_PROCESSED -> {
                    out.println("billing: " + outcome.message());
                    yield ExitCode.ALREADY_PROCESSED.code();
                }
                case FAILED -> {
                    err.println("billing: " + outcome.message());
                    yield ExitCode.FAILED.code();
                }
                case BUSY -> {
                    err.println("billing: " + outcome.message());
                    yield ExitCode.REFUSED.code();
                }
            });
        } catch (Exception e) {
            if (databaseInUse(e)) {
                err.println("billing: the embedded database is in use by another billing process; it admits one"
                        + " process at a time (use PostgreSQL, --db=jdbc:postgresql://..., for concurrent runs)");
                return ExitCode.REFUSED.code();
            }
            err.println("billing: run failed: " + e.getMessage() + ". Run the same command again to resume it.");
            return ExitCode.FAILED.code();
        }
    }

    /**
     * Polls the inbox until SIGTERM. On SIGTERM no drop is taken any more, the running job is asked to stop at its next
     * chunk boundary (its drop stays in the inbox and resumes on the next start), then the adapter stops and the
     * context closes ({@link InboxConfiguration#stopWatching}).
     */
    private int watch(String[] args) throws Refusal {
        Options o = Options.parse("watch", args, 1, Set.of("inbox", "output", "zone", "db", "db-user", "db-password",
                "skip-limit", "poll-seconds", "provider-name", "broker", "worker-timeout"), Set.of("focus"));
        Path inbox = Path.of(o.required("inbox")).toAbsolutePath();
        Path output = Path.of(o.required("output")).toAbsolutePath();
        Map<String, Object> props = new HashMap<>(managerOfWorkers(o));
        props.put("billing.inbox", inbox.toString());
        props.put("billing.inbox.output", output.toString());
        props.put("billing.inbox.zone", RunPreflight.zone(o.get("zone").orElse("UTC")));
        props.put("billing.inbox.skip-limit", parseSkipLimit(o.get("skip-limit").orElse(String.valueOf(RunRequest.DEFAULT_SKIP_LIMIT))));
        String focusProvider = focusProvider(o);
        props.put("billing.inbox.focus-provider", focusProvider == null ? "" : focusProvider);
        String poll = o.get("poll-seconds").orElse("2");
        if (!poll.matches("\\d{1,6}")) {
            throw new Refusal("--poll-seconds must be a whole number, was '" + poll + "'");
        }
        props.put("billing.inbox.poll-millis", Long.parseLong(poll) * 1000);
        ConfigurableApplicationContext context;
        try {
            context = start(o, props, false);
        } catch (Exception e) {
            err.println("billing: cannot start the watcher: " + e.getMessage());
            return ExitCode.FAILED.code();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("billing: stopping the watcher...");
            boolean clean = false;
            try {
                clean = InboxConfiguration.stopWatching(context, Duration.ofMinutes(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (clean) {
                    context.close();
                } else {
                    // still running after two minutes: end as a crash would (closing the pool or interrupting the
                    // job now could fail the drop instead of leaving it); the next start resumes it
                    err.println("billing: the running drop did not stop within two minutes; it is resumed when the"
                            + " watcher starts again");
                }
                stopped.countDown();
                out.flush();
                err.flush();
                // a stop asked for is a normal end of the watcher: exit 0, not the signal's 143
                Runtime.getRuntime().halt(clean ? ExitCode.COMPLETED.code() : ExitCode.FAILED.code());
            }
        }, "billing-watch-shutdown"));
        out.println("billing: watching " + inbox + " (outputs in " + output + "); stop with SIGTERM or Ctrl-C");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.COMPLETED.code();
    }

    /** Partitions a run hands to remote workers when no BILLING_RATE_PARTITIONS says otherwise: more than most fleets. */
    static final int REMOTE_PARTITIONS = 8;

    /**
     * {@code --broker} on run and watch (SPEC §8): the partitioned steps go to remote workers. Refused (exit 2) with
     * the embedded database, which no other process can share, and when the broker cannot be reached.
     */
    private Map<String, Object> managerOfWorkers(Options o) throws Refusal {
        Optional<String> timeout = o.get("worker-timeout");
        if (o.get("broker").isEmpty()) {
            if (timeout.isPresent()) {
                throw new Refusal("--worker-timeout is for runs with remote workers and needs --broker");
            }
            return Map.of();
        }
        String seconds = timeout.orElse("600");
        if (!seconds.matches("\\d{1,7}") || Long.parseLong(seconds) < 1) {
            throw new Refusal("--worker-timeout must be a whole number of seconds, was '" + seconds + "'");
        }
        Map<String, Object> props = brokerProperties(o);
        props.put("billing.worker-timeout-seconds", seconds);
        props.put("billing.rate.partitions", REMOTE_PARTITIONS);
        return props;
    }

    /** The broker's properties, once it is known that the database can be shared and the broker answers. */
    private Map<String, Object> brokerProperties(Options o) throws Refusal {
        Broker broker;
        try {
            broker = Broker.of(o.required("broker"));
        } catch (IllegalArgumentException e) {
            throw new Refusal(e.getMessage());
        }
        if (Database.ofUrl(databaseUrl(o)) != Database.POSTGRESQL) {
            throw new Refusal("--broker needs the database to be shared by every machine: PostgreSQL"
                    + " (--db=jdbc:postgresql://...); the embedded H2 database is this process's alone");
        }
        try {
            broker.check();
        } catch (IllegalStateException e) {
            throw new Refusal(e.getMessage());
        }
        Map<String, Object> props = new HashMap<>();
        props.put("billing.broker", broker.uri().toString());
        return props;
    }

    /**
     * {@code worker --db=JDBC_URL --broker=AMQP_URL} (SPEC §8): serves the partitions of runs on that database until
     * SIGTERM, which stops taking partitions and stops the running ones at their next chunk boundary (what they
     * committed stays; the run that handed them out fails, and the same command resumes them).
     */
    private int worker(String[] args) throws Refusal {
        Options o = Options.parse("worker", args, 1, Set.of("db", "db-user", "db-password", "broker"), Set.of());
        Map<String, Object> props = brokerProperties(o);
        props.put("billing.worker", "true");
        ConfigurableApplicationContext context;
        PartitionServer server;
        try {
            context = start(o, props, false);
            server = context.getBean(PartitionServer.class);
        } catch (Exception e) {
            err.println("billing: cannot start the worker: " + e.getMessage());
            return ExitCode.FAILED.code();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("billing: worker " + server.name() + " stopping: its partitions stop at their next chunk"
                    + " boundary...");
            boolean clean = false;
            try {
                clean = server.stop(Duration.ofMinutes(5));
                if (!clean) {
                    err.println("billing: worker " + server.name() + ": partitions still running after 5 minutes"
                            + " are left as they are; the run that handed them out resumes them from their last commit");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                context.close();
                stopped.countDown();
                out.flush();
                err.flush();
                // a stop asked for is a normal end of a worker: exit 0, not the signal's 143
                Runtime.getRuntime().halt(clean ? ExitCode.COMPLETED.code() : ExitCode.FAILED.code());
            }
        }, "billing-worker-shutdown"));
        server.start();
        out.println("billing: worker " + server.name() + " serving partitions (" + server.consumers()
                + " at a time) of " + databaseUrl(o) + " from " + Broker.of(o.required("broker")).shown()
                + "; stop with SIGTERM");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.COMPLETED.code();
    }

    /** {@code explain LINE_ID [--input=DIR] [--json]}: where a stored charge line comes from (SPEC §7). */
    private int explain(String[] args) throws Refusal {
        if (args.length < 2 || args[1].startsWith("--")) {
            throw new Refusal("usage: billing explain LINE_ID [--db=JDBC_URL] [--input=DIR] [--json]");
        }
        Options o = Options.parse("explain", args, 2, Set.of("db", "db-user", "db-password", "input"), Set.of("json"));
        Path input = o.get("input").map(Path::of).orElse(null);
        try (ConfigurableApplicationContext context = start(o)) {
            ExplainedLine line = context.getBean(LineExplanations.class).explain(args[1], input);
            out.print(o.flag("json") ? line.json() : line.text());
            return ExitCode.COMPLETED.code();
        } catch (Refusal r) {
            throw r;
        } catch (Exception e) {
            err.println("billing: cannot explain line " + args[1] + ": " + e.getMessage());
            return ExitCode.FAILED.code();
        }
    }

    private int history(String[] args) throws Refusal {
        Options o = Options.parse("history", args, 1, Set.of("db", "db-user", "db-password"), Set.of());
        try (ConfigurableApplicationContext context = start(o)) {
            out.print(RunHistory.table(context.getBean(RunHistory.class).rows()));
            return ExitCode.COMPLETED.code();
        } catch (Exception e) {
            err.println("billing: cannot read the run history: " + e.getMessage());
            return ExitCode.FAILED.code();
        }
    }

    /**
     * The embedded database's settings, each unless the URL gives it. H2 closes its database from a JVM shutdown hook
     * of its own, which on SIGTERM would pull it from under the job that is stopping; the product closes it itself once
     * the job has stopped (see {@link GracefulStop}). And H2 keeps only a connection's 8 most recently prepared
     * statements parsed: a rating chunk runs a dozen (the product's inserts, Spring Batch's updates of its position), so
     * it parsed each again every chunk, 4 % of a rating thread's time; 64 keeps them all.
     */
    static String embeddedSettings(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String given = url.toUpperCase(java.util.Locale.ROOT);
        StringBuilder settings = new StringBuilder(url);
        if (!given.contains("DB_CLOSE_ON_EXIT")) {
            settings.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        if (!given.contains("QUERY_CACHE_SIZE")) {
            settings.append(";QUERY_CACHE_SIZE=64");
        }
        return settings.toString();
    }

    private static boolean databaseInUse(Throwable e) {
        return Causes.of(e).anyMatch(t -> t.getMessage() != null
                && t.getMessage().contains("Database may be already in use"));
    }


    /** Default provider name of focus.csv (SPEC §6), unless --provider-name or BILLING_PROVIDER_NAME says otherwise. */
    static final String DEFAULT_PROVIDER = "AI Compute Platform";

    /** focus.csv's provider name for a command with --focus, else null (no focus.csv). */
    private String focusProvider(Options o) throws Refusal {
        Optional<String> named = o.get("provider-name");
        if (!o.flag("focus")) {
            if (named.isPresent()) {
                throw new Refusal("--provider-name names focus.csv's provider and needs --focus");
            }
            return null;
        }
        String provider = named.orElse(env.getOrDefault("BILLING_PROVIDER_NAME", DEFAULT_PROVIDER)).strip();
        if (provider.isEmpty() || provider.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal("--provider-name must be a non-empty name on one line");
        }
        return provider;
    }

    private static long parseSkipLimit(String text) throws Refusal {
        if (!text.matches("\\d{1,18}")) {
            throw new Refusal("--skip-limit must be a whole number, was '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private ConfigurableApplicationContext start(Options o) {
        return start(o, Map.of(), true);
    }

    private String databaseUrl(Options o) {
        return o.get("db").orElse(env.getOrDefault("BILLING_DB_URL", DEFAULT_DB));
    }

    private ConfigurableApplicationContext start(Options o, Map<String, Object> extra, boolean shutdownHook) {
        Map<String, Object> props = new HashMap<>(extra);
        o.get("db-user").or(() -> java.util.Optional.ofNullable(env.get("BILLING_DB_USER")))
                .ifPresent(u -> props.put("spring.datasource.username", u));
        o.get("db-password").or(() -> java.util.Optional.ofNullable(env.get("BILLING_DB_PASSWORD")))
                .ifPresent(p -> props.put("spring.datasource.password", p));
        String url = databaseUrl(o);
        if (env.containsKey("BILLING_EMPTY_DATABASE") && !props.containsKey("spring.datasource.username")
                && !props.containsKey("spring.datasource.password")) {
            EmptyDatabase.copyIfNew(url, Path.of(env.get("BILLING_EMPTY_DATABASE")));
        }
        return start(embeddedSettings(url), props, shutdownHook);
    }

    /**
     * Called by the build instead of a command ({@code spring-boot:process-aot}, pom.xml): starts the context of a
     * plain run, without the inbox or remote workers, which Spring then writes out as generated bean definitions
     * (it stops the start itself once the definitions are known; nothing connects to the database).
     */
    public static void processAheadOfTime() {
        new BillingCli(System.out, System.err, Map.of()).start("jdbc:h2:mem:aot", new HashMap<>(), false);
    }

    /**
     * Whether this start uses the bean definitions generated at build time: only when {@code scripts/billing} asks
     * for them ({@code -Dbilling.aot=true}; the tests start contexts as they are) and the context is the one they were
     * generated for. The inbox and the remote workers are configurations conditional on properties, which generated
     * definitions fix as they were at build time, so {@code watch}, {@code worker} and {@code run --broker} start as
     * before. Saves some 0.3 s of every start: no configuration classes read and no conditions evaluated
     * (README, Performance).
     */
    private static void aheadOfTime(Map<String, Object> props) {
        boolean plain = !props.containsKey("billing.inbox") && !props.containsKey("billing.broker");
        if (Boolean.getBoolean("billing.aot") && plain) {
            // read by Spring (AotDetector) from the system properties only, not from the context's
            System.setProperty("spring.aot.enabled", "true");
        }
    }

    private ConfigurableApplicationContext start(String url, Map<String, Object> props, boolean shutdownHook) {
        props.put("spring.datasource.url", url);
        if (env.containsKey("BILLING_PROGRESS_SECONDS")) {
            props.put("billing.progress.seconds", env.get("BILLING_PROGRESS_SECONDS"));
        }
        if (env.containsKey("BILLING_RATE_WINDOW_BYTES")) {
            props.put("billing.rate.window-bytes", env.get("BILLING_RATE_WINDOW_BYTES"));
        }
        int partitions = 0;
        if (env.containsKey("BILLING_RATE_PARTITIONS")) {
            props.put("billing.rate.partitions", env.get("BILLING_RATE_PARTITIONS"));
            partitions = Integer.parseInt(env.get("BILLING_RATE_PARTITIONS"));   // checked by checkSettings
        }
        if (partitions == 0 && props.get("billing.rate.partitions") instanceof Integer remote) {
            partitions = remote;
        }
        // The pool follows the workers: a fixed size would make a run with more workers wait for connections.
        props.put("spring.datasource.hikari.maximum-pool-size", BillingJobConfiguration.connectionsNeeded(partitions));
        // A remote worker's consumers each poll the broker on a scheduler thread of their own.
        props.put("spring.task.scheduling.pool.size", BillingJobConfiguration.ratePartitions(partitions) + 2);
        props.putAll(Database.ofUrl(url).springProperties());
        aheadOfTime(props);
        // As command-line properties: they must win over application.properties (defaults would not).
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(BillingApplication.class)
                .logStartupInfo(false)
                .registerShutdownHook(shutdownHook)
                .run(args);
    }
}
