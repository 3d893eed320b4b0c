package com.computebilling.report;

import com.computebilling.output.OutputFile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code report.html} (SPEC §7): one self-contained page for the person checking the night's run. It is rendered
 * from the four files the run has just written into the same directory, so its figures are theirs by construction:
 * {@code summary.json} (period, rows, node-seconds), {@code invoices.csv} (totals, largest invoices),
 * {@code exceptions.csv} (findings) and {@code charges.csv} (charges over time: its rows summed as the run writes
 * them, {@link ChargeSums}, since it can hold millions of lines). Its size depends on the period's days and the number
 * of codes and currencies, not on the number of lines.
 */
public final class RunReport {

    public static final String FILE = "report.html";

    /** How many invoices of each currency the page lists, and how many rows of each finding code it shows. */
    static final int TOP_INVOICES = 20;
    static final int FIRST_FINDINGS = 5;

    private RunReport() {
    }

    /**
     * Renders the page from the outputs in {@code outputDir} and writes it there, complete or absent;
     * {@code charges.csv}'s figures are those the run summed as it wrote the file ({@code charges}), not read back.
     */
    public static void write(Path outputDir, RunFacts facts, ChargeSums charges) throws IOException {
        commit(outputDir, render(outputDir, facts, summary -> charges.figures()));
    }

    /** The page with every figure read from the outputs in {@code outputDir}, {@code charges.csv} too. */
    static String render(Path outputDir, RunFacts facts) throws IOException {
        return render(outputDir, facts,
                summary -> ChargeFigures.read(outputDir.resolve("charges.csv"), summary.processedPeriod()));
    }

    /** How the page gets {@code charges.csv}'s figures, given the period {@code summary.json} names. */
    private interface Charges {
        ChargeFigures of(Summary summary) throws IOException;
    }

    private static String render(Path outputDir, RunFacts facts, Charges charges) throws IOException {
        Summary summary = Summary.read(outputDir.resolve("summary.json"));
        InvoiceFigures invoices = InvoiceFigures.read(outputDir.resolve("invoices.csv"), TOP_INVOICES);
        FindingFigures findings = FindingFigures.read(outputDir.resolve("exceptions.csv"), FIRST_FINDINGS);
        return new ReportPage(facts, summary, invoices, findings, charges.of(summary)).html();
    }

    private static void commit(Path outputDir, String page) throws IOException {
        try (OutputFile out = new OutputFile(outputDir.resolve(FILE))) {
            out.write(page);
            out.commit();
        }
    }
}
