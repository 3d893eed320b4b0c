package com.computebilling.findings;

import static com.computebilling.findings.Severity.ERROR;
import static com.computebilling.findings.Severity.WARNING;

/** Every code the reconciliation report can carry, with its severity. */
public enum FindingCode {
    MALFORMED_ROW(ERROR),
    DUPLICATE_ORDER(ERROR),
    PUBLIC_POOL_NOT_ORDERABLE(ERROR),
    ACCOUNT_MISMATCH(ERROR),
    MODE_NOT_OFFERED(ERROR),
    CHANGE_NOT_ALLOWED(ERROR),
    RESOURCE_NOT_ENABLED(ERROR),
    CHANGE_NOT_PAY_AS_YOU_GO(ERROR),
    RELEASE_NOT_PAY_AS_YOU_GO(ERROR),
    MIXED_BILLING_MODES(ERROR),
    OUT_OF_STOCK(ERROR),
    NO_PRICE(ERROR),
    USAGE_WITHOUT_ORDER(ERROR),
    QUANTITY_EXCEEDS_ORDER(ERROR),
    SKU_MISMATCH(WARNING),
    OVERLAPPING_USAGE(WARNING),
    ORDER_WITHOUT_USAGE(WARNING),
    OUT_OF_PERIOD(WARNING);

    private final Severity severity;

    FindingCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
