package com.computebilling.job;

import com.computebilling.findings.FindingCode;
import com.computebilling.output.Amounts;
import com.computebilling.output.Columns;
import com.computebilling.output.CsvLine;
import com.computebilling.output.OutputFile;
import com.computebilling.time.ProcessedPeriod;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes {@code invoices.csv} and {@code exceptions.csv} into pending files of the output directory
 * ({@code .invoices.csv.pending}, {@code .exceptions.csv.pending}, forced to disk, see {@link PendingFiles}) right
 * after {@code publish}, while {@code
 * writeCharges} is still copying {@code charges.csv} beside it: both need the published invoices or the run's findings,
 * nothing of charges.csv, and at 10,000,000 usage rows they took seconds that the copy's last part leaves a core idle
 * for. Like charges.csv's copy, they are not outputs yet: {@code writeOutputs} moves them into place once both flows
 * are done ({@link #takePending}), and writes them itself when there is nothing to take (a restart whose pending files
 * went missing or changed, or with another {@code --output}).
 *
 * <p>What {@code summary.json} and the operator's paragraph need of the two files, the totals per currency and the
 * findings per code and rejected rows per file, is counted as their rows are written ({@link Written}) and kept in this
 * step's execution context with the files' directory and sizes, so that a restart after this step completed still
 * finds them.
 */
class WriteInvoicesTasklet implements Tasklet {

    /** The step's name: {@code writeOutputs} looks its execution up by it. */
    static final String STEP = "writeInvoices";
    static final String INVOICES_PENDING = PendingFiles.name("invoices.csv");
    static final String EXCEPTIONS_PENDING = PendingFiles.name("exceptions.csv");

    /** Where exceptions.csv's findings are sorted when they outgrow one run in memory (FindingsInFileOrder). */
    static final String FINDINGS_SCRATCH = ".exceptions.csv.sort";
    /** Findings sorted in memory at a time: some tens of megabytes. */
    private static final int FINDINGS_RUN = 50_000;

    private static final String TOTALS = "billing.invoices.totals";
    private static final String PER_CODE = "billing.exceptions.perCode";
    private static final String REJECTED = "billing.exceptions.rejectedPerFile";

    private final ResultStore results;
    private final RunStore runStore;
    private final Ledger ledger;
    private final long runId;
    private final Path outputDir;

    WriteInvoicesTasklet(ResultStore results, RunStore runStore, Ledger ledger, long runId, Path outputDir) {
        this.results = results;
        this.runStore = runStore;
        this.ledger = ledger;
        this.runId = runId;
        this.outputDir = outputDir;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        ProcessedPeriod period = runStore.plan(runId).orElseThrow();
        // what an attempt that died here left: the pending files (complete or not, they are made again)
        PendingFiles.clear(outputDir, "invoices.csv", "exceptions.csv");
        Written written;
        try {
            written = write(results, ledger, runId, period, outputDir, INVOICES_PENDING, EXCEPTIONS_PENDING);
        } catch (IOException | RuntimeException e) {
            // invoices.csv's pending file is complete before exceptions.csv's is begun: a step that fails (a full
            // disk) leaves neither, as it leaves no temporary
            Files.deleteIfExists(outputDir.resolve(INVOICES_PENDING));
            throw e;
        }
        ExecutionContext kept = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        PendingFiles.record(kept, outputDir, "invoices.csv", "exceptions.csv");
        written.keep(kept);
        return RepeatStatus.FINISHED;
    }

    /**
     * Moves the pending files of this job instance's completed {@code writeInvoices} into place as {@code invoices.csv}
     * and {@code exceptions.csv} and gives what was counted writing them; empty when there are none to take (no such
     * step, another output directory, a file missing or of another size), in which case pending files left there are
     * removed and the caller writes the two files ({@link #write}).
     */
    static Optional<Written> takePending(JobRepository repository, JobInstance instance, Path outputDir)
            throws IOException {
        Optional<Written> written = PendingFiles.intact(repository, instance, STEP, outputDir,
                Written::keptIn, "invoices.csv", "exceptions.csv").flatMap(Written::kept);
        if (written.isPresent()) {
            // in the order writeOutputs always used: invoices, then exceptions
            PendingFiles.putInPlace(outputDir, "invoices.csv", "exceptions.csv");
        }
        return written;
    }

    /** Writes invoices.csv and exceptions.csv of the run under the given names of the output directory. */
    static Written write(ResultStore results, Ledger ledger, long runId, ProcessedPeriod period, Path outputDir,
                         String invoicesName, String exceptionsName) throws IOException {
        Map<String, BigDecimal> totals = writeInvoices(ledger, period, outputDir.resolve(invoicesName));
        Written written = new Written(totals, new TreeMap<>(), new HashMap<>());
        writeExceptions(results, runId, outputDir, outputDir.resolve(exceptionsName), written);
        return written;
    }

    private static Map<String, BigDecimal> writeInvoices(Ledger ledger, ProcessedPeriod period, Path target)
            throws IOException {
        Map<String, BigDecimal> totals = new TreeMap<>();
        List<Integer> months = period.months().stream().map(StoreKeys::monthKey).toList();
        try (OutputFile out = new OutputFile(target)) {
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
        return totals;
    }

    private static void writeExceptions(ResultStore results, long runId, Path outputDir, Path target, Written counts)
            throws IOException {
        Files.deleteIfExists(outputDir.resolve(FINDINGS_SCRATCH));
        try (OutputFile out = new OutputFile(target);
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
                write(out, CsvLine.of(f.code(), f.severity(), f.source(), f.line() == 0 ? "" : String.valueOf(f.line()),
                        f.accountId(), f.resourceId(), f.orderId(), f.recordId(), f.detail()));
                counts.add(f);
            });
            out.commit();
        }
    }

    private static void write(OutputFile out, String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@code summary.json} and the operator's paragraph need of the two files, counted as their rows are written:
     * the invoices' totals per currency, rows per finding code (summary.json's {@code exceptions}, which SPEC §4
     * defines as exactly that) and rejected rows per input file. Counting them in the database instead took a pass
     * over the run's findings for each figure: seconds each at a million findings.
     */
    record Written(Map<String, BigDecimal> totals, Map<String, Long> perCode, Map<String, Long> rejectedPerFile) {

        Written {
            totals = new TreeMap<>(totals);     // by currency code, as summary.json lists them
            perCode = new TreeMap<>(perCode);
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

        /** Kept in a step's execution context, for a restart after the step completed. */
        void keep(ExecutionContext context) {
            context.putString(TOTALS, state(totals, BigDecimal::toPlainString));
            context.putString(PER_CODE, state(perCode, String::valueOf));
            context.putString(REJECTED, state(rejectedPerFile, String::valueOf));
        }

        /** Whether the context holds what {@link #keep} keeps. */
        static boolean keptIn(ExecutionContext context) {
            return context.containsKey(TOTALS) && context.containsKey(PER_CODE) && context.containsKey(REJECTED);
        }

        /** What {@link #keep} kept; empty if the context holds none of it. */
        static Optional<Written> kept(ExecutionContext context) {
            if (!keptIn(context)) {
                return Optional.empty();
            }
            return Optional.of(new Written(restored(context.getString(TOTALS), BigDecimal::new),
                    restored(context.getString(PER_CODE), Long::valueOf),
                    restored(context.getString(REJECTED), Long::valueOf)));
        }
    }

    /** A map as a line per entry, its key URL-encoded: file names may hold any character but a line break's. */
    private static <V> String state(Map<String, V> map, Function<V, String> value) {
        StringBuilder sb = new StringBuilder();
        map.forEach((k, v) -> sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('\t')
                .append(value.apply(v)).append('\n'));
        return sb.toString();
    }

    private static <V> Map<String, V> restored(String state, Function<String, V> value) {
        Map<String, V> map = new LinkedHashMap<>();
        for (String line : state.split("\n")) {
            if (!line.isEmpty()) {
                int tab = line.indexOf('\t');
                map.put(URLDecoder.decode(line.substring(0, tab), StandardCharsets.UTF_8),
                        value.apply(line.substring(tab + 1)));
            }
        }
        return map;
    }
}
