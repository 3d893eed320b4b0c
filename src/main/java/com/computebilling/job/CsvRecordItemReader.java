package com.computebilling.job;

import com.computebilling.input.CsvFileReader;
import com.computebilling.input.CsvRecord;
import com.computebilling.input.InputKind;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import java.nio.file.Path;

/**
 * Adapts {@link CsvFileReader} to Spring Batch: one range of one file (a load partition, see {@link LoadPartitioner}),
 * one row per read, restartable by row count (a restart re-reads and discards the rows a committed chunk already took).
 * <p>
 * Beside the count it saves the line of the last row a committed chunk took. Anything staged from its range beyond
 * that line is a leftover of an execution that died with a chunk uncommitted (an embedded file database killed at the
 * wrong moment has been seen to keep such rows, h2database#1222): before the load step's partitions start, it is
 * discarded ({@link #discardLeftovers}, called by {@link PartitionDefinitions}) and read again, so a resume is never
 * wedged on a duplicate key.
 * <p>
 * Every pass reads the range to its end, so at the end it knows how many data rows the range holds, whatever a restart
 * skipped; it records that count inside the chunk that reached the end, for the run's books.
 */
class CsvRecordItemReader extends AbstractItemCountingItemStreamItemReader<CsvRecord> {

    private static final String LINE = "lastLine";

    private final InputKind kind;
    private final LoadRange range;
    private final StagingStore store;
    private final long runId;
    private CsvFileReader file;
    private long rows;
    private long lastLine;

    CsvRecordItemReader(InputKind kind, LoadRange range, StagingStore store, long runId) {
        this.kind = kind;
        this.range = range;
        this.store = store;
        this.runId = runId;
        setName(nameOf(kind));
    }

    /**
     * Discards what is staged from a load partition's range beyond the last line its committed chunks took, as saved in
     * its context; run before the step's partitions start (see {@link Leftovers}).
     */
    static void discardLeftovers(StagingStore store, long runId, InputKind kind, ExecutionContext context) {
        LoadRange range = LoadRange.of(context);
        String key = nameOf(kind) + "." + LINE;    // as ItemStreamSupport keys this reader's entries
        long committed = context.containsKey(key) ? context.getLong(key) : range.lines().firstLine() - 1;
        store.discardStagedAfter(runId, kind, range.fileName(), committed, range.lines().endLine());
    }

    private static String nameOf(InputKind kind) {
        return kind.name().toLowerCase() + "Range";
    }

    @Override
    protected void doOpen() throws Exception {
        file = new CsvFileReader(kind, Path.of(range.file()), range.lines());
        rows = 0;
        lastLine = 0;
    }

    @Override
    protected CsvRecord doRead() throws Exception {
        CsvRecord row = file.next();
        if (row == null) {
            store.recordFileRows(runId, file.fileName(), range.lines().firstLine(), rows);
        } else {
            rows++;
            lastLine = row.source().line();
        }
        return row;
    }

    @Override
    public void update(ExecutionContext context) {
        super.update(context);
        if (lastLine > 0) {
            context.putLong(getExecutionContextKey(LINE), lastLine);
        }
    }

    @Override
    protected void doClose() throws Exception {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
