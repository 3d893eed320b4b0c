package com.computebilling.findings;

/** Where a row came from: the file name and its line number, the header being line 1. */
public record SourceRef(String file, long line) {

    public static final SourceRef NONE = new SourceRef("", 0);

    // Written out: rating asks a set of repeated orders about every order's source, and a record's generated
    // hashCode and equals run through method handles, several times slower until the compiler gets to them.
    @Override
    public int hashCode() {
        return 31 * file.hashCode() + Long.hashCode(line);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceRef s && line == s.line && file.equals(s.file);
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
