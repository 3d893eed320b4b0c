package com.computebilling.job;

import com.computebilling.catalog.Catalog;
import com.computebilling.findings.FindingCode;
import com.computebilling.focus.FocusRows;
import com.computebilling.invoicing.InvoiceStatus;
import com.computebilling.output.Amounts;
import com.computebilling.output.Columns;
import com.computebilling.output.CsvLine;
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
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes {@code charges.csv} (and, with --focus, {@code focus.csv}), {@code invoices.csv}, {@code exceptions.csv} and
 * {@code summary.json} from the stored results, streaming rows in their contract order. Each file is complete or absent ({@link OutputFile}); the step
 * only reads committed data, so after a crash it simply writes them again, to the same bytes.
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

    /** Where exceptions.csv's findings are sorted when they outgrow one run in memory (FindingsInFileOrder). */
    static final String FINDINGS_SCRATCH = ".exceptions.csv.sort";
    /** Findings sorted in memory at a time: some tens of megabytes. */
    private static final int FINDINGS_RUN = 50_000;

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
        Files.deleteIfExists(outputDir.resolve(FINDINGS_SCRATCH));
        ChargeSums chargeSums = writeCharges(period, chunkContext.getStepContext().getStepExecution().getJobExecution());
        Map<String, BigDecimal> totals = writeInvoices(period);
        ExceptionCounts exceptions = writeExceptions();
        writeSummary(period, totals, exceptions);
        chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                .putString(REPORT, report(period, totals, exceptions));
        writeRunReport(chunkContext.getStepContext().getStepExecution().getJobExecution(), chargeSums);
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

    private Map<String, BigDecimal> writeInvoices(ProcessedPeriod period) throws IOException {
        Map<String, BigDecimal> totals = new TreeMap<>();
        List<Integer> months = period.months().stream().map(StoreKeys::monthKey).toList();
        try (OutputFile out = new OutputFile(outputDir.resolve("invoices.csv"))) {
            out.write(CsvLine.of(Columns.INVOICES));
            ledger.eachInvoice(period.zone(), months, rs -> {
                Currency currency = Currency.getInstance(rs.getString(4));
                BigDecimal total = rs.getBigDecimal(7);
                totals.merge(currency.getCurrencyCode(), total, BigDecimal::add);
                // YearMonth prints yyyy-MM, four-digit year padded, for every year 0-9999
                write(out, CsvLine.of(rs.getString(1), rs.getString(2),
                        StoreKeys.month(rs.getInt(3)).toString(), currency.getCurrencyCode(),
                        Amounts.money(rs.getBigDecimal(5), currency), Amounts.money(rs.getBigDecimal(6), currency),
                        Amounts.money(total, currency), String.valueOf(rs.getLong(8)), rs.getString(9)));
            });
            out.commit();
        }
        Map<String, BigDecimal> printed = new LinkedHashMap<>();
        totals.forEach((code, sum) -> printed.put(code, sum));
        return printed;
    }

    /**
     * What {@code exceptions.csv} holds, counted as its rows are written: rows per code (summary.json's
     * {@code exceptions}, which SPEC §4 defines as exactly that) and rejected rows per input file. Counting them in the
     * database instead took a pass over the run's findings for each figure: seconds each at a million findings.
     */
    private record ExceptionCounts(Map<String, Long> perCode, Map<String, Long> rejectedPerFile) {

        ExceptionCounts() {
            this(new TreeMap<>(), new HashMap<>());
        }

        void add(FindingsInFileOrder.Row f) {
            perCode.merge(f.code(), 1L, Long::sum);
            if (FindingCode.MALFORMED_ROW.name().equals(f.code())) {
                rejectedPerFile.merge(f.source(), 1L, Long::sum);
            }
        }

        /** Rejected rows of the files of one kind (their names start with its prefix). */
        long rejected(String filePrefix) {
            return rejectedPerFile.entrySet().stream().filter(e -> e.getKey().startsWith(filePrefix))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    private ExceptionCounts writeExceptions() throws IOException {
        ExceptionCounts counts = new ExceptionCounts();
        try (OutputFile out = new OutputFile(outputDir.resolve("exceptions.csv"));
             FindingsInFileOrder findings = new FindingsInFileOrder(results.textOrder(),
                     outputDir.resolve(FINDINGS_SCRATCH), FINDINGS_RUN)) {
            out.write(CsvLine.of(Columns.EXCEPTIONS));
            results.eachFinding(runId, f -> {
                try {
                    findings.add(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            findings.writeInOrder(f -> {
                out.write(CsvLine.of(f.code(), f.severity(), f.source(), f.line() == 0 ? "" : String.valueOf(f.line()),
                        f.accountId(), f.resourceId(), f.orderId(), f.recordId(), f.detail()));
                counts.add(f);
            });
            out.commit();
        }
        return counts;
    }

    private void writeSummary(ProcessedPeriod period, Map<String, BigDecimal> totals, ExceptionCounts exceptions)
            throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("period", period.label().orElse(null));
        summary.put("zone", period.zone().toString());
        summary.put("status", "COMPLETED");
        if (period.kind() == ProcessedPeriod.Kind.MONTHS_OF_USAGE) {
            summary.put("months", period.months().stream().map(Object::toString).toList());
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("catalog", counts("catalog", exceptions));
        rows.put("orders", counts("orders", exceptions));
        rows.put("usage", counts("usage", exceptions));
        summary.put("rows", rows);
        summary.put("orders_ignored", staging.ignoredOrders(runId));
        summary.put("node_seconds", results.nodeSeconds(runId).byName());
        Map<String, Object> money = new LinkedHashMap<>();
        totals.forEach((code, sum) -> money.put(code, Amounts.money(sum, Currency.getInstance(code))));
        summary.put("totals", money);
        summary.put("exceptions", exceptions.perCode());
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

    private String report(ProcessedPeriod period, Map<String, BigDecimal> totals, ExceptionCounts exceptions) {
        StringBuilder sb = new StringBuilder();
        sb.append("Billed ").append(period).append(" in ").append(period.zone())
                .append(": read ");
        List<String> kinds = new ArrayList<>();
        for (String kind : List.of("catalog", "orders", "usage")) {
            kinds.add(String.format("%,d %s rows (%,d rejected)", staging.dataRows(runId, kind), kind,
                    exceptions.rejected(kind)));
        }
        sb.append(String.join(", ", kinds)).append("; wrote ").append(String.format("%,d", results.chargeLineCount(runId)))
                .append(" charge lines. Totals: ");
        List<String> money = new ArrayList<>();
        totals.forEach((code, sum) -> money.add(code + " " + Amounts.money(sum, Currency.getInstance(code))));
        sb.append(money.isEmpty() ? "none" : String.join(", ", money)).append(". Exceptions: ");
        List<String> codes = new ArrayList<>();
        exceptions.perCode().forEach((code, n) -> codes.add(code + " " + n));
        sb.append(codes.isEmpty() ? "none" : String.join(", ", codes)).append(". Outputs in ").append(outputDir).append('.');
        return sb.toString();
    }

    private Map<String, Object> counts(String prefix, ExceptionCounts exceptions) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("read", staging.dataRows(runId, prefix));
        c.put("rejected", exceptions.rejected(prefix));
        return c;
    }

    private static void write(OutputFile out, String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
