package com.computebilling.job;

import com.computebilling.input.CsvFileReader;
import com.computebilling.input.CsvRecord;
import com.computebilling.input.InputKind;
import org.springframework.batch.infrastructure.item.file.ResourceAwareItemReaderItemStream;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.core.io.Resource;

/**
 * Adapts {@link CsvFileReader} to Spring Batch: one file, one row per read, restartable by row count
 * (a restart re-reads and discards the rows a committed chunk already took).
 * <p>
 * Every pass reads the file to its end, so at the end it knows how many data rows the file holds, whatever a restart
 * skipped; it hands that count to {@code atEnd} inside the chunk that reached the end, for the run's books.
 */
class CsvRecordItemReader extends AbstractItemCountingItemStreamItemReader<CsvRecord>
        implements ResourceAwareItemReaderItemStream<CsvRecord> {

    /** Told the data rows of a file when its end is read. */
    @FunctionalInterface
    interface FileEnd {
        void dataRows(String file, long rows);
    }

    private final InputKind kind;
    private final FileEnd atEnd;
    private Resource resource;
    private CsvFileReader file;
    private long rows;

    CsvRecordItemReader(InputKind kind, FileEnd atEnd) {
        this.kind = kind;
        this.atEnd = atEnd;
        setName(kind.name().toLowerCase() + "File");
    }

    @Override
    public void setResource(Resource resource) {
        this.resource = resource;
    }

    @Override
    protected void doOpen() throws Exception {
        file = new CsvFileReader(kind, resource.getFile().toPath());
        rows = 0;
    }

    @Override
    protected CsvRecord doRead() throws Exception {
        CsvRecord row = file.next();
        if (row == null) {
            atEnd.dataRows(file.fileName(), rows);
        } else {
            rows++;
        }
        return row;
    }

    @Override
    protected void doClose() throws Exception {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
