package com.computebilling.output;

import java.util.List;

/** RFC 4180 output: a field is quoted only when it holds a comma, a quote or a line break. Lines end with LF. */
public final class CsvLine {

    private CsvLine() {
    }

    public static String of(List<String> fields) {
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            append(sb, fields.get(i));
        }
        return sb.append('\n').toString();
    }

    public static String of(String... fields) {
        return of(List.of(fields));
    }

    /** One field, quoted only if it must be. */
    static void append(StringBuilder sb, String field) {
        String f = field == null ? "" : field;
        boolean quote = false;
        for (int i = 0; i < f.length() && !quote; i++) {
            char c = f.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            sb.append(f);
            return;
        }
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
    }
}
