package com.computebilling.job;

import com.computebilling.input.CsvRecord;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.file.MultiResourceItemReader;

/**
 * The files of one input kind, read one after the other ({@link MultiResourceItemReader}), with one restart case
 * added: a position saved after the last file's end. Spring Batch's reader cannot open there (it indexes one past its
 * last file), and the embedded database can keep such a position while losing the step's completion, which it
 * commits a moment later, when the process is killed in between (H2 writes commits to its file within a second). The
 * step then has nothing left to read, and completes.
 */
class InputFilesReader implements ItemStreamReader<CsvRecord> {

    private final MultiResourceItemReader<CsvRecord> files;
    private final String indexKey;
    private final int count;
    private boolean past;

    InputFilesReader(MultiResourceItemReader<CsvRecord> files, String name, int count) {
        this.files = files;
        this.indexKey = name + ".resourceIndex";
        this.count = count;
    }

    @Override
    public void open(ExecutionContext context) {
        past = count > 0 && context.containsKey(indexKey) && context.getInt(indexKey) >= count;
        if (!past) {
            files.open(context);
        }
    }

    @Override
    public CsvRecord read() throws Exception {
        return past ? null : files.read();
    }

    @Override
    public void update(ExecutionContext context) {
        if (!past) {
            files.update(context);
        }
    }

    @Override
    public void close() {
        if (!past) {
            files.close();
        }
    }
}
