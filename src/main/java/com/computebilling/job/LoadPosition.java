package com.computebilling.job;

import com.computebilling.input.CsvRecord;
import com.computebilling.input.InputDirectory;
import com.computebilling.input.InputKind;
import com.computebilling.reconciliation.SourceRef;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a load step stands: the file and line of the last row its committed chunks took, saved with each chunk
 * beside the reader's own position. When the step opens, anything of its kind staged beyond that row is a leftover
 * of an execution that died with a chunk uncommitted; it is discarded and read again, so a resume is never wedged on
 * a duplicate key (see {@link BillingStore#discardStagedAfter}).
 * <p>
 * One per load step, not step-scoped: it is told of every row read, and a step-scoped proxy would look itself up on
 * each call. It learns the run and its files before the step opens its streams.
 */
class LoadPosition implements ItemStream, ItemReadListener<CsvRecord>, StepExecutionListener {

    private static final String FILE = "loadPosition.file";
    private static final String LINE = "loadPosition.line";

    private final BillingStore store;
    private final InputKind kind;
    private long runId;
    private List<String> files;
    private SourceRef last;

    LoadPosition(BillingStore store, InputKind kind) {
        this.store = store;
        this.kind = kind;
    }

    @Override
    public void beforeStep(StepExecution step) {
        runId = step.getJobExecution().getJobInstance().getInstanceId();
        String inputDir = step.getJobParameters().getString(JobKeys.INPUT_DIR);
        try {
            files = new InputDirectory(Path.of(inputDir)).files(kind).stream()
                    .map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new ItemStreamException("cannot list the " + kind.pattern() + " files of " + inputDir, e);
        }
        discardBeyond(step.getExecutionContext());
    }

    /**
     * The discarding happens here, before the step's streams open and before the skip policy counts the malformed rows
     * earlier executions committed (a leftover finding must not count against the skip limit): this listener is
     * registered ahead of that policy.
     */
    private void discardBeyond(ExecutionContext context) {
        last = context.containsKey(FILE) ? new SourceRef(context.getString(FILE), context.getLong(LINE)) : null;
        store.discardStagedAfter(runId, kind, files, last);
    }

    @Override
    public void open(ExecutionContext context) {
        // done in beforeStep
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
