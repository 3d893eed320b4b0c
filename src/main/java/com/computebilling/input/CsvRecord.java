package com.computebilling.input;

import com.computebilling.findings.SourceRef;

/**
 * One data row as read, before it is parsed: where it came from and its fields. {@code problem} is set (and
 * {@code fields} empty) when the row could not even be split into fields.
 */
public record CsvRecord(InputKind kind, SourceRef source, HeaderIndex header, String[] fields, String problem) {

    public CsvRecord(InputKind kind, SourceRef source, HeaderIndex header, String[] fields) {
        this(kind, source, header, fields, null);
    }

    public String get(String column) {
        return header.value(fields, column);
    }
}
