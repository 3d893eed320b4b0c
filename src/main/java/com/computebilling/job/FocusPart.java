package com.computebilling.job;

import com.computebilling.focus.AmortizationRows;
import com.computebilling.output.ChargeRows;

import java.util.ArrayList;
import java.util.List;

/** A part of one account's and resource's FOCUS amortization rows, as stored in {@code focus_rows}. */
record FocusPart(int bucket, String accountId, String resourceId, int part, String text) {

    /** Cuts the rows into parts below the column's size, as {@link ChargeRows} cuts charge rows. */
    static List<FocusPart> split(int bucket, String accountId, String resourceId, List<AmortizationRows.Timed> rows) {
        List<FocusPart> parts = new ArrayList<>();
        List<AmortizationRows.Timed> current = new ArrayList<>();
        int chars = 0;
        for (AmortizationRows.Timed row : rows) {
            current.add(row);
            chars += row.row().length() + 24;
            if (chars > ChargeRows.PART_CHARS) {
                parts.add(new FocusPart(bucket, accountId, resourceId, parts.size(), AmortizationRows.encode(current)));
                current = new ArrayList<>();
                chars = 0;
            }
        }
        if (!current.isEmpty()) {
            parts.add(new FocusPart(bucket, accountId, resourceId, parts.size(), AmortizationRows.encode(current)));
        }
        return parts;
    }
}
