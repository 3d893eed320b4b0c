package com.computebilling.input;

import com.computebilling.reconciliation.SourceRef;

/** One data row as read, before it is parsed: where it came from and its fields. */
public record CsvRecord(InputKind kind, SourceRef source, HeaderIndex header, String[] fields) {

    public String get(String column) {
        return header.value(fields, column);
    }
}
