package com.computebilling.job;

import com.computebilling.findings.Finding;
import com.computebilling.input.CsvRecord;
import com.computebilling.input.MalformedRowException;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One load partition's chunk loop: each call reads up to a chunk of rows from the range, parses them, and stages the
 * good ones and a MALFORMED_ROW finding for each bad one; the step commits what the call wrote together with the
 * reader's position (the reader is this step's stream), so a chunk's rows, its findings and its restart position are
 * one transaction, as in a chunk-oriented step.
 * <p>
 * Why a tasklet and not a chunk-oriented step of reader, processor and writer: Spring Batch 6's
 * {@code ChunkOrientedStep} does real work per item — an observation scope per read and per process, a retry template
 * per item, a scoped-proxy lookup per call to the step-scoped reader and processor — which was about a third of a
 * loading thread's samples on a million usage rows (and half of loading orders, whose code is still cold then). Here
 * that is paid once per chunk. The counts the step reports are the ones a chunk-oriented step kept: every row read,
 * every row staged written, every malformed row a process skip.
 * <p>
 * The skip limit ({@code --skip-limit}, per input kind) is checked over all partitions once they are done
 * ({@link SkipLimitCheck}); here a partition only stops as soon as its own skips pass it, so a broken export is not
 * read to its end. One more skip than the limit fails the step, and its chunk is not committed.
 */
class LoadRangeTasklet<T> implements Tasklet, ItemStream {

    private final CsvRecordItemReader reader;
    private final Function<CsvRecord, T> parse;
    private final ItemWriter<T> writer;
    private final StagingStore store;
    private final long runId;
    private final int chunkRows;

    LoadRangeTasklet(CsvRecordItemReader reader, Function<CsvRecord, T> parse, ItemWriter<T> writer,
                     StagingStore store, long runId, int chunkRows) {
        this.reader = reader;
        this.parse = parse;
        this.writer = writer;
        this.store = store;
        this.runId = runId;
        this.chunkRows = chunkRows;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = contribution.getStepExecution();
        long limit = SkipLimitCheck.limitOf(step.getJobParameters());
        List<T> rows = new ArrayList<>(Math.min(chunkRows, 4096));   // BILLING_CHUNK_ROWS may be large
        List<Finding> malformed = new ArrayList<>();
        boolean atEnd = false;
        for (int i = 0; i < chunkRows; i++) {
            CsvRecord record = reader.read();
            if (record == null) {
                atEnd = true;
                break;
            }
            contribution.incrementReadCount();
            try {
                rows.add(parse.apply(record));
            } catch (MalformedRowException e) {
                // skips of this execution before this one: earlier chunks (applied to the step) and this chunk's
                if (step.getSkipCount() + malformed.size() >= limit) {
                    throw new SkipLimitExceededException(limit, e);
                }
                malformed.add(Finding.malformed(record.source(), e.reason()));
                contribution.incrementProcessSkipCount();
            }
        }
        if (!rows.isEmpty() || !malformed.isEmpty()) {
            // every chunk that read a row is written, even one of bad rows only, as a chunk-oriented step does
            writer.write(new Chunk<>(rows));
            contribution.incrementWriteCount(rows.size());
        }
        if (!malformed.isEmpty()) {
            store.insertFindings(runId, malformed);
        }
        return atEnd ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        reader.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        reader.update(executionContext);
    }

    @Override
    public void close() {
        reader.close();
    }
}
