package com.computebilling;

import com.computebilling.cli.BillingCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of {@code scripts/billing}. */
@SpringBootApplication
public class BillingApplication {

    public static void main(String[] args) {
        // H2 keeps a shared cache of the values it reads and writes (strings, numbers), to save memory when the same
        // values recur. Staging a million distinct rows only churns it: measured on the 1,000,000-row benchmark, the
        // run takes about a tenth less without it (docs/performance-log.md). Read when H2's classes load, so set first.
        System.setProperty("h2.objectCache", System.getProperty("h2.objectCache", "false"));
        if (Boolean.getBoolean("spring.aot.processing")) {
            BillingCli.processAheadOfTime();   // the build's spring-boot:process-aot, not a command
            return;
        }
        System.exit(new BillingCli(System.out, System.err, System.getenv()).execute(args));
    }
}
