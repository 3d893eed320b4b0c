package com.computebilling.findings;

import java.util.Objects;

/** One row of {@code exceptions.csv}. Empty strings, never null, for what does not apply. */
public record Finding(FindingCode code, SourceRef source, String accountId, String resourceId, String orderId,
                      String recordId, String detail) {

    public Finding {
        Objects.requireNonNull(code);
        source = source == null ? SourceRef.NONE : source;
        accountId = nz(accountId);
        resourceId = nz(resourceId);
        orderId = nz(orderId);
        recordId = nz(recordId);
        detail = nz(detail);
    }

    public Severity severity() {
        return code.severity();
    }

    public static Finding malformed(SourceRef source, String reason) {
        return new Finding(FindingCode.MALFORMED_ROW, source, "", "", "", "", reason);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
