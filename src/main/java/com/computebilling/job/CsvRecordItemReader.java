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
 */
class CsvRecordItemReader extends AbstractItemCountingItemStreamItemReader<CsvRecord>
        implements ResourceAwareItemReaderItemStream<CsvRecord> {

    private final InputKind kind;
    private Resource resource;
    private CsvFileReader file;

    CsvRecordItemReader(InputKind kind) {
        this.kind = kind;
        setName(kind.name().toLowerCase() + "File");
    }

    @Override
    public void setResource(Resource resource) {
        this.resource = resource;
    }

    @Override
    protected void doOpen() throws Exception {
        file = new CsvFileReader(kind, resource.getFile().toPath());
    }

    @Override
    protected CsvRecord doRead() throws Exception {
        return file.next();
    }

    @Override
    protected void doClose() throws Exception {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
