package com.computebilling.input;

import com.computebilling.time.Timestamps;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/** Typed access to one row's fields; every problem becomes a {@link MalformedRowException} naming the column. */
final class Fields {

    // Compiled once: String.matches compiles its pattern on every call.
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");

    /** Identifiers, SKUs and regions longer than this are malformed: no export needs more, and the store holds 100. */
    static final int MAX_TEXT = 100;
    /** Digits of a decimal: more cannot be priced exactly in the 38 digits amounts are stored with. */
    static final int MAX_DECIMAL = 30;

    private final CsvRecord record;
    private final ZoneId zone;

    Fields(CsvRecord record, ZoneId zone) {
        CsvFileReader.checkShape(record);
        this.record = record;
        this.zone = zone;
    }

    String text(String column) {
        String v = record.get(column);
        if (v.isEmpty()) {
            throw bad("missing value for " + column);
        }
        if (v.length() > MAX_TEXT) {
            throw bad(column + " is longer than " + MAX_TEXT + " characters");
        }
        return v;
    }

    String optional(String column) {
        return record.get(column);
    }

    boolean isEmpty(String column) {
        return record.get(column).isEmpty();
    }

    int positiveInt(String column) {
        String v = text(column);
        if (!oneToNineDigits(v)) {
            throw bad("bad integer for " + column + ": '" + v + "'");
        }
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw bad(column + " must be at least 1, was " + n);
        }
        return n;
    }

    /** What {@code \d{1,9}} matches (ASCII digits), checked by hand: every usage and order row has a quantity. */
    private static boolean oneToNineDigits(String v) {
        int n = v.length();
        if (n < 1 || n > 9) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Decimals use '.' and no grouping; no exponent, no sign other than a leading '-' (refused anyway). */
    BigDecimal nonNegativeDecimal(String column) {
        String v = text(column);
        if (!DECIMAL.matcher(v).matches()) {
            throw bad("bad decimal for " + column + ": '" + v + "'");
        }
        if (v.length() > MAX_DECIMAL) {
            throw bad(column + " has more than " + MAX_DECIMAL + " characters");
        }
        return new BigDecimal(v);
    }

    Instant instant(String column) {
        String v = text(column);
        try {
            return Timestamps.parse(v, zone);
        } catch (IllegalArgumentException e) {
            throw bad("bad timestamp for " + column + ": " + e.getMessage());
        }
    }

    <E extends Enum<E>> E enumeration(String column, Class<E> type) {
        String v = text(column);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("unknown " + column + ": '" + v + "'");
        }
    }

    boolean flag(String column, boolean whenEmpty) {
        String v = optional(column);
        if (v.isEmpty()) {
            return whenEmpty;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad("bad boolean for " + column + ": '" + v + "'");
    }

    Currency currency(String column) {
        String v = text(column).toUpperCase(Locale.ROOT);
        try {
            Currency c = Currency.getInstance(v);
            if (c.getDefaultFractionDigits() < 0) {
                throw bad("currency " + v + " has no minor units");
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw bad("unknown currency: '" + v + "'");
        }
    }

    MalformedRowException bad(String reason) {
        return new MalformedRowException(record.source(), reason);
    }
}
