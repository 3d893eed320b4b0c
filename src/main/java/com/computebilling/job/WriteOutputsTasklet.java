package com.computebilling.job;

import com.computebilling.catalog.Catalog;
import com.computebilling.focus.FocusRows;
import com.computebilling.invoicing.InvoiceStatus;
import com.computebilling.output.Amounts;
import com.computebilling.output.Json;
import com.computebilling.output.OutputFile;
import com.computebilling.report.ChargeSums;
import com.computebilling.report.RunFacts;
import com.computebilling.report.RunReport;
import com.computebilling.time.ProcessedPeriod;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the run's outputs in place: {@code charges.csv}, {@code invoices.csv} and {@code exceptions.csv} as the steps
 * before made them (pending copies, see {@link WriteChargesTasklet} and {@link WriteInvoicesTasklet}) or, when there
 * is none to take, written here from the stored results (and, with --focus, charges.csv with {@code focus.csv}); then
 * {@code summary.json} and {@code report.html}. Each file is complete or absent ({@link OutputFile}); the step only
 * reads committed data, so after a crash it simply writes them again, to the same bytes.
 */
class WriteOutputsTasklet implements Tasklet {

    private final StagingStore staging;
    private final ResultStore results;
    private final RunStore runStore;
    private final Ledger ledger;
    private final long runId;
    private final Path outputDir;
    private final Clock clock;
    private final JobRepository repository;
    /** focus.csv's provider name on a run with --focus; null: the run writes no focus.csv. */
    private final String focusProvider;

    /** Every file this step writes. */
    static final List<String> OUTPUTS = List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json",
            "report.html", "focus.csv");

    /** The closing paragraph for the operator, kept in the job's execution context. */
    static final String REPORT = "billing.report";

    WriteOutputsTasklet(StagingStore staging, ResultStore results, RunStore runStore, Ledger ledger, long runId,
                        Path outputDir, Clock clock, String focusProvider, JobRepository repository) {
        this.clock = clock;
        this.repository = repository;
        this.focusProvider = focusProvider;
        this.staging = staging;
        this.results = results;
        this.runStore = runStore;
        this.ledger = ledger;
        this.runId = runId;
        this.outputDir = outputDir;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        ProcessedPeriod period = runStore.plan(runId).orElseThrow();
        // An attempt that died while writing (killed, or a full disk) may have left temporaries; they go first.
        OutputFile.removeLeftovers(outputDir, OUTPUTS);
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        ChargeSums chargeSums = writeCharges(period, execution);
        WriteInvoicesTasklet.Written written = WriteInvoicesTasklet.takePending(repository, execution.getJobInstance(),
                outputDir).orElse(null);
        if (written == null) {
            written = WriteInvoicesTasklet.write(results, ledger, runId, period, outputDir, "invoices.csv",
                    "exceptions.csv");
        }
        writeSummary(period, written);
        execution.getExecutionContext().putString(REPORT, report(period, written));
        writeRunReport(execution, chargeSums);
        return RepeatStatus.FINISHED;
    }

    /**
     * {@code report.html}, last: it is rendered from the four files just written (charges.csv's figures summed from its
     * rows as they were written), plus what only the job knows (the execution's start, the input directory and
     * digest). Duration is this execution's, until now.
     */
    private void writeRunReport(JobExecution execution, ChargeSums chargeSums) throws IOException {
        JobParameters parameters = execution.getJobParameters();
        String inputDir = parameters.getString(JobKeys.INPUT_DIR, "");
        Instant now = clock.instant();
        Instant started = execution.getStartTime() == null ? now
                : execution.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
        RunReport.write(outputDir, new RunFacts(runId, execution.getId(), inputDir,
                RunFacts.inputFilesOf(Path.of(inputDir)), parameters.getString(JobKeys.INPUT_DIGEST, ""), started,
                Duration.between(started, now)), chargeSums);
    }

    /**
     * The rows were rendered when rated (see {@code ChargeRows}); the file is a copy of them in key order, usually made
     * beside publish by {@link WriteChargesTasklet} and moved into place here. With --focus, focus.csv is
     * written in the same pass, from the same rows (see {@link FocusFile}).
     */
    private ChargeSums writeCharges(ProcessedPeriod period, JobExecution execution) throws IOException {
        if (focusProvider == null) {
            Optional<ChargeSums> pending = WriteChargesTasklet.takePending(repository, execution.getJobInstance(),
                    outputDir, period);
            if (pending.isPresent()) {
                return pending.get();
            }
        }
        try (OutputFile out = new OutputFile(outputDir.resolve("charges.csv"));
             OutputFile focusOut = focusProvider == null ? null : new OutputFile(outputDir.resolve("focus.csv"))) {
            FocusFile focus = focusOut == null ? null : new FocusFile(
                    new FocusRows(period.zone(), new Catalog(staging.catalog(runId)), focusProvider),
                    results.focusTexts(runId), finalInvoices(period), focusOut);
            ChargeSums summed = WriteChargesTasklet.copyCharges(results, runId, outputDir, period, out, focus);
            if (focus != null) {
                focus.finish();
                focusOut.commit();
            }
            out.commit();
            return summed;
        }
    }

    /** The run's FINAL invoices (published before this step), which focus.csv balances with R rows. */
    private List<FocusFile.FinalInvoice> finalInvoices(ProcessedPeriod period) {
        List<FocusFile.FinalInvoice> invoices = new ArrayList<>();
        List<Integer> months = period.months().stream().map(StoreKeys::monthKey).toList();
        ledger.eachInvoice(period.zone(), months, rs -> {
            if (InvoiceStatus.FINAL.name().equals(rs.getString(9))) {
                invoices.add(new FocusFile.FinalInvoice(rs.getString(1), rs.getString(2),
                        StoreKeys.month(rs.getInt(3)), Currency.getInstance(rs.getString(4)),
                        rs.getBigDecimal(7)));
            }
        });
        return invoices;
    }

    private void writeSummary(ProcessedPeriod period, WriteInvoicesTasklet.Written written) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("period", period.label().orElse(null));
        summary.put("zone", period.zone().toString());
        summary.put("status", "COMPLETED");
        if (period.kind() == ProcessedPeriod.Kind.MONTHS_OF_USAGE) {
            summary.put("months", period.months().stream().map(Object::toString).toList());
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("catalog", counts("catalog", written));
        rows.put("orders", counts("orders", written));
        rows.put("usage", counts("usage", written));
        summary.put("rows", rows);
        summary.put("orders_ignored", staging.ignoredOrders(runId));
        summary.put("node_seconds", results.nodeSeconds(runId).byName());
        Map<String, Object> money = new LinkedHashMap<>();
        written.totals().forEach((code, sum) -> money.put(code, Amounts.money(sum, Currency.getInstance(code))));
        summary.put("totals", money);
        summary.put("exceptions", written.perCode());
        summary.put("charge_lines", results.chargeLineCount(runId));
        // The books were checked before publishing (checkBooks): a run that gets here passed.
        Books.Passed books = runStore.check(runId).orElseThrow(() -> new IllegalStateException(
                "run " + runId + " has no passed self-check; outputs are not written"));
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("status", "PASSED");
        check.put("files", books.files());
        check.put("data_rows", books.dataRows());
        check.put("rating_buckets", books.buckets());
        summary.put("self_check", check);
        try (OutputFile out = new OutputFile(outputDir.resolve("summary.json"))) {
            out.write(Json.write(summary));
            out.commit();
        }
    }

    private String report(ProcessedPeriod period, WriteInvoicesTasklet.Written written) {
        StringBuilder sb = new StringBuilder();
        sb.append("Billed ").append(period).append(" in ").append(period.zone())
                .append(": read ");
        List<String> kinds = new ArrayList<>();
        for (String kind : List.of("catalog", "orders", "usage")) {
            kinds.add(String.format("%,d %s rows (%,d rejected)", staging.dataRows(runId, kind), kind,
                    written.rejected(kind)));
        }
        sb.append(String.join(", ", kinds)).append("; wrote ").append(String.format("%,d", results.chargeLineCount(runId)))
                .append(" charge lines. Totals: ");
        List<String> money = new ArrayList<>();
        written.totals().forEach((code, sum) -> money.add(code + " " + Amounts.money(sum, Currency.getInstance(code))));
        sb.append(money.isEmpty() ? "none" : String.join(", ", money)).append(". Exceptions: ");
        List<String> codes = new ArrayList<>();
        written.perCode().forEach((code, n) -> codes.add(code + " " + n));
        sb.append(codes.isEmpty() ? "none" : String.join(", ", codes)).append(". Outputs in ").append(outputDir).append('.');
        return sb.toString();
    }

    private Map<String, Object> counts(String prefix, WriteInvoicesTasklet.Written written) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("read", staging.dataRows(runId, prefix));
        c.put("rejected", written.rejected(prefix));
        return c;
    }
}
