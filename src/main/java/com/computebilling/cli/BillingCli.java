package com.computebilling.cli;

import com.computebilling.BillingApplication;
import com.computebilling.job.BillingRuns;
import com.computebilling.job.RunOutcome;
import com.computebilling.job.RunRequest;
import com.computebilling.job.RunHistory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code billing run | watch | history}: parses and checks the command line before any Spring context starts,
 * so that a refusal costs nothing and changes nothing, then runs the command and maps its outcome to an exit code.
 */
public final class BillingCli {

    static final String DEFAULT_DB = "jdbc:h2:file:./data/billing";
    private static final String USAGE = "usage: billing run --input=DIR --output=DIR [--period=YYYY-MM|YYYY-MM-DD]"
            + " [--zone=ZONE] [--rerun] [--db=JDBC_URL] [--skip-limit=N] | billing history [--db=JDBC_URL]";

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
            return switch (args[0]) {
                case "run" -> run(args);
                case "history" -> history(args);
                default -> throw new Refusal("unknown command '" + args[0] + "'; " + USAGE);
            };
        } catch (Refusal r) {
            err.println("billing: " + r.getMessage());
            return ExitCode.REFUSED.code();
        }
    }

    private int run(String[] args) throws Refusal {
        Options o = Options.parse("run", args, 1, Set.of("input", "output", "period", "zone", "db", "db-user",
                "db-password", "skip-limit"), Set.of("rerun"));
        long skipLimit = parseSkipLimit(o.get("skip-limit").orElse("1000"));
        RunRequest request = RunPreflight.check(Path.of(o.required("input")), Path.of(o.required("output")),
                o.get("period").orElse(null), o.get("zone").orElse("UTC"), o.flag("rerun"), skipLimit);
        try (ConfigurableApplicationContext context = start(o)) {
            RunOutcome outcome = context.getBean(BillingRuns.class).run(request);
            return switch (outcome.result()) {
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
            };
        } catch (Exception e) {
            err.println("billing: run failed: " + e.getMessage() + ". Run the same command again to resume it.");
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

    private static long parseSkipLimit(String text) throws Refusal {
        if (!text.matches("\\d{1,18}")) {
            throw new Refusal("--skip-limit must be a whole number, was '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private ConfigurableApplicationContext start(Options o) {
        String url = o.get("db").orElse(env.getOrDefault("BILLING_DB_URL", DEFAULT_DB));
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", url);
        o.get("db-user").or(() -> java.util.Optional.ofNullable(env.get("BILLING_DB_USER")))
                .ifPresent(u -> props.put("spring.datasource.username", u));
        o.get("db-password").or(() -> java.util.Optional.ofNullable(env.get("BILLING_DB_PASSWORD")))
                .ifPresent(p -> props.put("spring.datasource.password", p));
        if (env.containsKey("BILLING_PROGRESS_SECONDS")) {
            props.put("billing.progress.seconds", env.get("BILLING_PROGRESS_SECONDS"));
        }
        // PostgreSQL sorts text by locale unless told otherwise; code-point order keeps outputs identical to H2's.
        props.put("spring.flyway.placeholders.text_order", url.startsWith("jdbc:postgresql:") ? "COLLATE \"C\"" : "");
        // As command-line properties: they must win over application.properties (defaults would not).
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(BillingApplication.class)
                .logStartupInfo(false)
                .run(args);
    }
}
