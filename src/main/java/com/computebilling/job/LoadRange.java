package com.computebilling.job;

import com.computebilling.input.FileSplits;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Path;

/** What one load partition reads: a range of one input file, as its step execution context keeps it. */
record LoadRange(String file, FileSplits.Range lines) {

    private static final String FILE = "range.file";
    private static final String START = "range.start";
    private static final String END = "range.end";
    private static final String FIRST_LINE = "range.firstLine";
    private static final String END_LINE = "range.endLine";

    String fileName() {
        return Path.of(file).getFileName().toString();
    }

    ExecutionContext context() {
        ExecutionContext context = new ExecutionContext();
        context.putString(FILE, file);
        context.putLong(START, lines.start());
        context.putLong(END, lines.end());
        context.putLong(FIRST_LINE, lines.firstLine());
        context.putLong(END_LINE, lines.endLine());
        return context;
    }

    static LoadRange of(ExecutionContext context) {
        return new LoadRange(context.getString(FILE), new FileSplits.Range(context.getLong(START), context.getLong(END),
                context.getLong(FIRST_LINE), context.getLong(END_LINE)));
    }
}
