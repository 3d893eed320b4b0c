package com.computebilling.job;

import com.computebilling.focus.AmortizationRows;
import com.computebilling.focus.FocusRows;
import com.computebilling.output.CsvLine;
import com.computebilling.output.OutputFile;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvValidationException;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code focus.csv} in the same pass that copies the stored charge rows to {@code charges.csv}: each account's
 * resources in charges.csv's order; within a resource, its U and P rows (made from its charges.csv rows) and its A
 * rows (stored when it was rated) by charge period start, a charges.csv row first at equal starts; after the
 * account's last resource, the R rows of its final invoices (by month, then currency). The stored A rows are keyed
 * and ordered as the charge rows, and every key of theirs has a charge-rows text (maybe empty), so the two are
 * walked together by key equality alone.
 */
final class FocusFile {

    /** A FINAL invoice of the run: R rows balance its lines against its total. */
    record FinalInvoice(String invoiceId, String accountId, YearMonth month, Currency currency, BigDecimal total) {
    }

    private final FocusRows rows;
    private final Iterator<ResultStore.KeyedText> amortization;
    private final Map<String, List<FinalInvoice>> finalInvoices;
    private final OutputFile out;
    /** Per invoice id, the sum of the BilledCost of its U and P rows written so far. */
    private final Map<String, BigDecimal> billed = new HashMap<>();
    private final List<AmortizationRows.Timed> charges = new ArrayList<>();
    private ResultStore.KeyedText key;
    private ResultStore.KeyedText nextAmortization;
    private long rowsWritten;

    FocusFile(FocusRows rows, Iterator<ResultStore.KeyedText> amortization, List<FinalInvoice> finalInvoices,
              OutputFile out) throws IOException {
        this.rows = rows;
        this.amortization = amortization;
        this.finalInvoices = new LinkedHashMap<>();
        finalInvoices.stream()
                .sorted(Comparator.comparing(FinalInvoice::month).thenComparing(i -> i.currency().getCurrencyCode()))
                .forEach(i -> this.finalInvoices.computeIfAbsent(i.accountId(), a -> new ArrayList<>()).add(i));
        this.out = out;
        this.nextAmortization = amortization.hasNext() ? amortization.next() : null;
        out.write(CsvLine.of(FocusRows.HEADER));
    }

    /** The next stored text of charge rows, in charges.csv order. */
    void add(ResultStore.KeyedText text) throws IOException {
        if (key != null && !key.sameKey(text)) {
            writeResource();
            if (!key.accountId().equals(text.accountId())) {
                writeRounding(key.accountId());
            }
        }
        key = text;
        try (CSVReader csv = new CSVReaderBuilder(new StringReader(text.text()))
                .withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            for (String[] line = csv.readNext(); line != null; line = csv.readNext()) {
                charges.add(new AmortizationRows.Timed(rows.chargePeriodStart(line), rows.charge(line)));
                billed.merge(line[1], new BigDecimal(line[19]), BigDecimal::add);
            }
        } catch (CsvValidationException e) {
            throw new IllegalStateException("a stored charge row of " + text.resourceId() + " is not CSV", e);
        }
    }

    /** Writes what is left; fails if some stored amortization rows had no charge-rows key to go with. */
    long finish() throws IOException {
        if (key != null) {
            writeResource();
            writeRounding(key.accountId());
        }
        for (String account : List.copyOf(finalInvoices.keySet())) {
            writeRounding(account);
        }
        if (nextAmortization != null) {
            throw new IllegalStateException("amortization rows of " + nextAmortization.accountId() + "/"
                    + nextAmortization.resourceId() + " have no stored charge rows to go with");
        }
        return rowsWritten;
    }

    private void writeResource() throws IOException {
        List<AmortizationRows.Timed> amortized = new ArrayList<>();
        while (nextAmortization != null && nextAmortization.sameKey(key)) {
            amortized.addAll(AmortizationRows.decode(nextAmortization.text()));
            nextAmortization = amortization.hasNext() ? amortization.next() : null;
        }
        int a = 0;
        for (AmortizationRows.Timed charge : charges) {
            while (a < amortized.size() && amortized.get(a).start().isBefore(charge.start())) {
                write(amortized.get(a++).row());
            }
            write(charge.row());
        }
        while (a < amortized.size()) {
            write(amortized.get(a++).row());
        }
        charges.clear();
    }

    private void writeRounding(String accountId) throws IOException {
        List<FinalInvoice> invoices = finalInvoices.remove(accountId);
        if (invoices == null) {
            return;
        }
        for (FinalInvoice i : invoices) {
            BigDecimal difference = i.total().subtract(billed.getOrDefault(i.invoiceId(), BigDecimal.ZERO));
            if (difference.signum() != 0) {
                write(rows.rounding(i.invoiceId(), i.accountId(), i.month(), i.currency(), difference));
            }
        }
    }

    private void write(String row) throws IOException {
        out.write(row);
        rowsWritten++;
    }
}
