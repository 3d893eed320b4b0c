package com.computebilling.job;

import com.computebilling.findings.Finding;
import com.computebilling.input.CsvRecord;
import com.computebilling.input.MalformedRowException;
import org.springframework.batch.core.listener.SkipListener;

import java.util.List;

/**
 * Reports every skipped row as MALFORMED_ROW. Spring Batch calls this inside the chunk's transaction, so the
 * report commits with the chunk that skipped the row, never without it.
 */
class MalformedRowRecorder implements SkipListener<CsvRecord, Object> {

    private final StagingStore store;
    private final long runId;

    MalformedRowRecorder(StagingStore store, long runId) {
        this.store = store;
        this.runId = runId;
    }

    @Override
    public void onSkipInProcess(CsvRecord item, Throwable t) {
        String reason = t instanceof MalformedRowException m ? m.reason() : String.valueOf(t.getMessage());
        store.insertFindings(runId, List.of(Finding.malformed(item.source(), reason)));
    }
}
