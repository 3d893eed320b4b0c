package com.computebilling.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code check --product=DIR --duckdb=DIR}: says whether the two sides of the comparison billed the same thing, so
 * that the wall times compare like with like. It compares the number of charge lines and, per currency, the sum of
 * the invoices' {@code total_amount}; then whether {@code charges.csv} and {@code invoices.csv} are byte-identical
 * (and if not, the first line that differs). Prints {@code AGREE} or {@code DISAGREE} on its last line; the exit
 * code is 0 either way (a disagreement is a finding of the benchmark, not a failure of it).
 */
final class Agreement {

    private Agreement() {
    }

    static int check(Map<String, String> options, PrintStream out) throws IOException {
        Path product = Path.of(DuckDbRating.required(options, "product"));
        Path duckdb = Path.of(DuckDbRating.required(options, "duckdb"));
        boolean agree = true;

        long productLines = dataLines(product.resolve("charges.csv"));
        long duckdbLines = dataLines(duckdb.resolve("charges.csv"));
        agree &= productLines == duckdbLines;
        out.println("check: charge lines        product " + productLines + ", duckdb " + duckdbLines
                + (productLines == duckdbLines ? "  (same)" : "  (DIFFERENT)"));

        Map<String, BigDecimal> productTotals = totals(product.resolve("invoices.csv"));
        Map<String, BigDecimal> duckdbTotals = totals(duckdb.resolve("invoices.csv"));
        TreeMap<String, Boolean> currencies = new TreeMap<>();
        productTotals.keySet().forEach(c -> currencies.put(c, true));
        duckdbTotals.keySet().forEach(c -> currencies.put(c, true));
        for (String c : currencies.keySet()) {
            BigDecimal p = productTotals.get(c);
            BigDecimal d = duckdbTotals.get(c);
            boolean same = p != null && d != null && p.compareTo(d) == 0;
            agree &= same;
            out.println("check: total " + c + "           product " + (p == null ? "none" : p.toPlainString())
                    + ", duckdb " + (d == null ? "none" : d.toPlainString()) + (same ? "  (same)" : "  (DIFFERENT)"));
        }

        // A DuckDB run without line ids (--line-ids=false) is compared without that column.
        boolean withoutIds = firstDataLine(duckdb.resolve("charges.csv")).startsWith(",");
        for (String file : List.of("charges.csv", "invoices.csv")) {
            boolean skipFirst = withoutIds && file.equals("charges.csv");
            String difference = firstDifference(product.resolve(file), duckdb.resolve(file), skipFirst);
            agree &= difference == null;
            out.println("check: " + file + (file.length() < 12 ? " " : "") + "       "
                    + (difference != null ? "differs: " + difference
                    : skipFirst ? "identical but for line_id (the DuckDB side computed none)" : "byte-identical"));
        }
        out.println("check: " + (agree ? "AGREE: both sides billed the same lines and amounts"
                : "DISAGREE: the two sides did not bill the same thing; the times do not compare like with like"));
        return 0;
    }

    private static long dataLines(Path csv) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            long n = 0;
            while (r.readLine() != null) {
                n++;
            }
            return Math.max(0, n - 1);
        }
    }

    /** Per currency, the sum of {@code total_amount} over an {@code invoices.csv} (what summary.json's totals are). */
    private static Map<String, BigDecimal> totals(Path csv) throws IOException {
        Map<String, BigDecimal> totals = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String> header = List.of(r.readLine().split(",", -1));
            int currency = header.indexOf("currency");
            int total = header.indexOf("total_amount");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",", -1);
                totals.merge(f[currency], new BigDecimal(f[total]), BigDecimal::add);
            }
        }
        return totals;
    }

    /**
     * Null when the files hold the same lines (without their first field, if {@code skipFirst}); else the first
     * line that differs, both sides, shortened.
     */
    private static String firstDifference(Path a, Path b, boolean skipFirst) throws IOException {
        try (BufferedReader ra = Files.newBufferedReader(a, StandardCharsets.UTF_8);
             BufferedReader rb = Files.newBufferedReader(b, StandardCharsets.UTF_8)) {
            for (long n = 1; ; n++) {
                String la = ra.readLine();
                String lb = rb.readLine();
                if (la == null && lb == null) {
                    return skipFirst || sameEnding(a, b) ? null : "the last line break";
                }
                if (skipFirst && n > 1) {
                    la = la == null ? null : la.substring(la.indexOf(',') + 1);
                    lb = lb == null ? null : lb.substring(lb.indexOf(',') + 1);
                }
                if (!Objects.equals(la, lb)) {
                    return "line " + n + ": product " + shorten(la) + " | duckdb " + shorten(lb);
                }
            }
        }
    }

    private static String firstDataLine(Path csv) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            r.readLine();
            String line = r.readLine();
            return line == null ? "" : line;
        }
    }

    /** readLine hides CRLF against LF and a missing final line break: the last bytes decide. */
    private static boolean sameEnding(Path a, Path b) throws IOException {
        return Files.size(a) == Files.size(b);
    }

    private static String shorten(String line) {
        if (line == null) {
            return "(no line)";
        }
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }
}
