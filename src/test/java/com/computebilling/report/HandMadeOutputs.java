package com.computebilling.report;

import com.computebilling.output.Columns;
import com.computebilling.output.CsvLine;
import com.computebilling.output.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An output directory written by hand, in the formats of SPEC §4, for the report to read back: only the columns the
 * report uses carry meaning, the others hold plausible values.
 */
final class HandMadeOutputs {

    static final RunFacts FACTS = new RunFacts(7, 9, "/srv/exports/2023-04",
            List.of("catalog.csv", "orders.csv", "usage.csv"),
            "81da0b53d7efb1568789233e27bd4532c62fd046c060eec461a5686996a101e7",
            Instant.parse("2023-05-01T16:30:00Z"), Duration.ofMillis(2140));

    final Path dir;
    private final StringBuilder charges = new StringBuilder(CsvLine.of(Columns.CHARGES));
    private final StringBuilder invoices = new StringBuilder(CsvLine.of(Columns.INVOICES));
    private final StringBuilder exceptions = new StringBuilder(CsvLine.of(Columns.EXCEPTIONS));
    private final Map<String, Object> summary = new LinkedHashMap<>();

    HandMadeOutputs(Path dir, String period, String zone) {
        this.dir = dir;
        summary.put("period", period);
        summary.put("zone", zone);
        summary.put("status", "COMPLETED");
        summary.put("rows", Map.of());
        summary.put("orders_ignored", Map.of());
        summary.put("node_seconds", Map.of());
        summary.put("totals", Map.of());
        summary.put("exceptions", Map.of());
        summary.put("charge_lines", 0);
    }

    /** A usage line of the hour starting at {@code hour} (ISO-8601 with offset). */
    HandMadeOutputs usage(String account, String resource, String hour, String amount, String currency) {
        OffsetDateTime start = OffsetDateTime.parse(hour);
        return line(account, resource, "USAGE", "PAY_AS_YOU_GO", hour, start.plusHours(1).toString(), hour,
                start.plusHours(1).toString(), "3600", "SECOND", amount, currency);
    }

    /** A subscription line: its period is the term, charged at {@code chargedAt}. */
    HandMadeOutputs subscription(String account, String resource, String type, String termStart, String chargedAt,
                                 String amount, String currency) {
        String termEnd = OffsetDateTime.parse(termStart).plusMonths(1).toString();
        return line(account, resource, type, "SUBSCRIPTION", termStart, termEnd, chargedAt, termEnd, "1", "MONTH",
                amount, currency);
    }

    private HandMadeOutputs line(String account, String resource, String type, String mode, String periodStart,
                                 String periodEnd, String chargeStart, String chargeEnd, String duration,
                                 String unit, String amount, String currency) {
        charges.append(CsvLine.of("CL" + Integer.toHexString((account + resource + chargeStart).hashCode()),
                account + "-202304-" + currency, account, resource, "LINGJUN", "cn-wulanchabu", "ml.gu7xf", type,
                mode, "o-" + resource, periodStart, periodEnd, chargeStart, chargeEnd, "1", duration, unit, "1.00",
                "HOUR", amount, currency));
        return this;
    }

    HandMadeOutputs invoice(String account, String currency, String subscription, String usage, String total,
                            int lines) {
        invoices.append(CsvLine.of(account + "-202304-" + currency, account, "2023-04", currency, subscription, usage,
                total, String.valueOf(lines), "FINAL"));
        return this;
    }

    HandMadeOutputs finding(String code, String severity, String source, int line, String account, String detail) {
        exceptions.append(CsvLine.of(code, severity, source, String.valueOf(line), account, "r-1", "", "", detail));
        return this;
    }

    /** A summary.json member, as {@code output.Json} writes it. */
    HandMadeOutputs summary(String member, Object value) {
        summary.put(member, value);
        return this;
    }

    HandMadeOutputs write() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("charges.csv"), charges, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("invoices.csv"), invoices, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("exceptions.csv"), exceptions, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("summary.json"), Json.write(summary), StandardCharsets.UTF_8);
        return this;
    }

    /** The rows of charges.csv written so far, without the header, as a run hands them to {@link ChargeSums}. */
    String chargeRows() {
        return charges.substring(charges.indexOf("\n") + 1);
    }

    String page() throws IOException {
        write();
        return RunReport.render(dir, FACTS);
    }
}
