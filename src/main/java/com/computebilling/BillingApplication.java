package com.computebilling;

import com.computebilling.cli.BillingCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of {@code scripts/billing}. */
@SpringBootApplication
public class BillingApplication {

    public static void main(String[] args) {
        System.exit(new BillingCli(System.out, System.err, System.getenv()).execute(args));
    }
}
