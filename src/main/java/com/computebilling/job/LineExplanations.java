package com.computebilling.job;

import com.computebilling.explain.ExplainedLine;
import com.computebilling.explain.Explanation;
import com.computebilling.explain.LineExplainer;
import com.computebilling.explain.ResourceInputs;
import com.computebilling.input.InputDirectory;
import com.computebilling.invoicing.Invoice;
import com.computebilling.invoicing.InvoiceTotals;
import com.computebilling.output.Columns;
import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;
import com.opencsv.RFC4180Parser;
import com.opencsv.RFC4180ParserBuilder;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code billing explain LINE_ID}: finds a stored charge line, reads the inputs of the run that stored it again (after
 * checking they are the same bytes), rates that one resource again and hands back where the line comes from. Nothing
 * is written.
 */
@Component
public class LineExplanations {

    private final ResultStore results;
    private final RunStore runStore;
    private final Ledger ledger;
    private final JobRepository repository;

    LineExplanations(ResultStore results, RunStore runStore, Ledger ledger, JobRepository repository) {
        this.results = results;
        this.runStore = runStore;
        this.ledger = ledger;
        this.repository = repository;
    }

    /** @param input the directory to read instead of the run's own (the same files moved elsewhere), or null */
    public ExplainedLine explain(String lineId, Path input) throws Refusal, IOException {
        ResultStore.StoredLine stored = results.storedLine(lineId)
                .orElseThrow(() -> new Refusal("no stored charge line has the id '" + lineId + "'"));
        JobInstance instance = repository.getJobInstance(stored.runId());
        JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
        if (last == null) {
            throw new Refusal("run " + stored.runId() + " that stored line " + lineId + " is not in the job repository");
        }
        JobParameters parameters = last.getJobParameters();
        Path dir = input != null ? input : Path.of(parameters.getString(JobKeys.INPUT_DIR, ""));
        if (!Files.isDirectory(dir)) {
            throw new Refusal("the inputs of run " + stored.runId() + " are not at " + dir + " any more; name them"
                    + " with --input=DIR");
        }
        InputDirectory inputs = new InputDirectory(dir);
        ProcessedPeriod period = runStore.plan(stored.runId())
                .orElseThrow(() -> new Refusal("run " + stored.runId() + " has no processed period stored"));
        BillingZone zone = period.zone();
        // The digest reads every byte of the inputs; it runs on the second core while the resource's rows are read.
        CompletableFuture<String> digest = CompletableFuture.supplyAsync(() -> {
            try {
                return inputs.problems().isEmpty() ? inputs.digest() : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ResourceInputs resource = ResourceInputs.read(inputs, stored.resourceId(), zone.id());
        if (!digest.join().equals(parameters.getString(JobKeys.INPUT_DIGEST, ""))) {
            throw new Refusal("the input files in " + dir + " are not those run " + stored.runId() + " billed (their"
                    + " digest differs); an explanation from other files would not be this line's");
        }
        Explanation explanation = new LineExplainer(resource.catalog(), period).explain(resource.work(), lineId)
                .orElseThrow(() -> new IllegalStateException("rating resource " + stored.resourceId()
                        + " again from the same inputs does not give line " + lineId));
        Map<String, String> columns = columns(stored.csvRow());
        String invoiceId = columns.get("invoice_id");
        Invoice invoice = ledger.invoice(zone, invoiceId).orElse(null);
        InvoiceTotals exact = invoice == null ? null
                : ledger.invoiceTotals(zone, invoice.month(), invoice.accountId(), invoice.currency()).orElse(null);
        return new ExplainedLine(columns, stored.runId(), explanation, invoice, exact, zone);
    }

    private static Map<String, String> columns(String csvRow) throws IOException {
        RFC4180Parser parser = new RFC4180ParserBuilder().build();
        String[] values = parser.parseLine(csvRow);
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < Columns.CHARGES.size(); i++) {
            columns.put(Columns.CHARGES.get(i), values[i]);
        }
        return columns;
    }
}
