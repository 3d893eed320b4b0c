package com.computebilling.findings;

/** Where a row came from: the file name and its line number, the header being line 1. */
public record SourceRef(String file, long line) {

    public static final SourceRef NONE = new SourceRef("", 0);

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
