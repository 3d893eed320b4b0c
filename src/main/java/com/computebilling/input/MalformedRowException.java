package com.computebilling.input;

import com.computebilling.findings.SourceRef;

/** A data row that cannot be read. The step skips it and reports it as MALFORMED_ROW; it never stops the job. */
public class MalformedRowException extends RuntimeException {

    private final SourceRef source;

    public MalformedRowException(SourceRef source, String reason) {
        super(reason);
        this.source = source;
    }

    public SourceRef source() {
        return source;
    }

    public String reason() {
        return getMessage();
    }
}
