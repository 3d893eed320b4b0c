package com.computebilling.report;

import com.computebilling.output.Columns;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code invoices.csv} summed per currency, with each currency's largest invoices. Amounts of different currencies
 * are not comparable, so invoices are ranked within their currency: by total, largest first, then by invoice id.
 * Only the largest {@code top} of each currency are held while the file is read.
 *
 * @param currency per currency code, in code order
 */
record InvoiceFigures(Map<String, CurrencyInvoices> currency) {

    record Invoice(String invoiceId, String accountId, String billingMonth, String currency, BigDecimal subscription,
                   BigDecimal usage, BigDecimal total, long lines, String status) {
    }

    /** Sums of the amounts as {@code invoices.csv} prints them (at the currency's minor units). */
    record CurrencyInvoices(long count, BigDecimal subscription, BigDecimal usage, BigDecimal total, long lines,
                            List<String> statuses, List<Invoice> largest) {
    }

    // Written out rather than Comparator.comparing(total).reversed().thenComparing(id): every invoice of the run goes
    // through the queue of the largest while the report is written, at the run's end, and those layers of lambdas
    // (four with the queue's reversal) ran uncompiled there.
    static final Comparator<Invoice> LARGEST_FIRST = (a, b) -> {
        int c = b.total().compareTo(a.total());
        return c != 0 ? c : a.invoiceId().compareTo(b.invoiceId());
    };

    static InvoiceFigures read(Path file, int top) throws IOException {
        Map<String, Sums> sums = new TreeMap<>();
        try (OutputCsv csv = new OutputCsv(file, Columns.INVOICES)) {
            int id = csv.column("invoice_id"), account = csv.column("account_id"), month = csv.column("billing_month"),
                    cur = csv.column("currency"), sub = csv.column("subscription_amount"),
                    use = csv.column("usage_amount"), total = csv.column("total_amount"),
                    lines = csv.column("line_count"), status = csv.column("status");
            for (String[] r; (r = csv.next()) != null; ) {
                Invoice invoice = new Invoice(r[id], r[account], r[month], r[cur], new BigDecimal(r[sub]),
                        new BigDecimal(r[use]), new BigDecimal(r[total]), Long.parseLong(r[lines]), r[status]);
                sums.computeIfAbsent(invoice.currency(), c -> new Sums()).add(invoice, top);
            }
        }
        Map<String, CurrencyInvoices> out = new LinkedHashMap<>();
        sums.forEach((code, s) -> out.put(code, s.result()));
        return new InvoiceFigures(out);
    }

    private static final class Sums {
        long count;
        long lines;
        BigDecimal subscription = BigDecimal.ZERO;
        BigDecimal usage = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        final TreeSet<String> statuses = new TreeSet<>();
        /** The smallest of the kept invoices at the head, so a larger one can push it out. */
        final PriorityQueue<Invoice> largest = new PriorityQueue<>(LARGEST_FIRST.reversed());

        void add(Invoice i, int top) {
            count++;
            lines += i.lines();
            subscription = subscription.add(i.subscription());
            usage = usage.add(i.usage());
            total = total.add(i.total());
            statuses.add(i.status());
            largest.add(i);
            if (largest.size() > top) {
                largest.poll();
            }
        }

        CurrencyInvoices result() {
            List<Invoice> ranked = new ArrayList<>(largest);
            ranked.sort(LARGEST_FIRST);
            return new CurrencyInvoices(count, subscription, usage, total, lines, List.copyOf(statuses),
                    List.copyOf(ranked));
        }
    }
}
