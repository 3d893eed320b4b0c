package com.computebilling.job;

import com.computebilling.input.CsvRecord;
import com.computebilling.input.InputKind;
import com.computebilling.reconciliation.SourceRef;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

import java.util.List;

/**
 * Where a load step stands: the file and line of the last row its committed chunks took, saved with each chunk
 * beside the reader's own position. When the step opens, anything of its kind staged beyond that row is a leftover
 * of an execution that died with a chunk uncommitted; it is discarded and read again, so a resume is never wedged on
 * a duplicate key (see {@link BillingStore#discardStagedAfter}).
 */
class LoadPosition implements ItemStream, ItemReadListener<CsvRecord> {

    private static final String FILE = "loadPosition.file";
    private static final String LINE = "loadPosition.line";

    private final BillingStore store;
    private final long runId;
    private final InputKind kind;
    private final List<String> files;
    private SourceRef last;

    LoadPosition(BillingStore store, long runId, InputKind kind, List<String> files) {
        this.store = store;
        this.runId = runId;
        this.kind = kind;
        this.files = List.copyOf(files);
    }

    @Override
    public void open(ExecutionContext context) {
        last = context.containsKey(FILE) ? new SourceRef(context.getString(FILE), context.getLong(LINE)) : null;
        store.discardStagedAfter(runId, kind, files, last);
    }

    @Override
    public void afterRead(CsvRecord row) {
        last = row.source();
    }

    @Override
    public void update(ExecutionContext context) {
        if (last != null) {
            context.putString(FILE, last.file());
            context.putLong(LINE, last.line());
        }
    }
}
