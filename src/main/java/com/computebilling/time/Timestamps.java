package com.computebilling.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Reads the exports' ISO-8601 timestamps; one without an offset is a wall-clock time of the billing zone. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant parse(String text, ZoneId billingZone) {
        String s = text.trim();
        Instant quick = quickOffsetDateTime(s);
        if (quick != null) {
            return quick;
        }
        Instant instant;
        try {
            if (hasOffset(s)) {
                instant = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } else {
                instant = LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(billingZone).toInstant();
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not an ISO-8601 timestamp: '" + text + "'");
        }
        if (instant.getNano() != 0) {
            // Output is at second precision and durations are whole seconds: a fraction could not be explained.
            throw new IllegalArgumentException("timestamp with a fraction of a second: '" + text + "'");
        }
        return instant;
    }

    /**
     * The exports' usual shapes, {@code 2023-04-18T15:29:16+08:00} and {@code 2023-04-18T07:29:16Z}, read by hand:
     * usage files hold two per row, millions of rows. Anything else, and anything out of range, returns null and goes
     * to the formatter, which decides; a test holds the two to the same instants.
     */
    static Instant quickOffsetDateTime(String s) {
        int n = s.length();
        if ((n != 20 && n != 25) || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int offset;
        if (n == 20) {
            if (s.charAt(19) != 'Z') {
                return null;
            }
            offset = 0;
        } else {
            char sign = s.charAt(19);
            int oh = digits(s, 20, 2);
            int om = digits(s, 23, 2);
            if ((sign != '+' && sign != '-') || s.charAt(22) != ':' || oh < 0 || om < 0 || oh > 17 || om > 59) {
                return null;
            }
            offset = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 1000 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offset);
    }

    /** The unsigned decimal of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean hasOffset(String s) {
        int t = s.indexOf('T');
        if (t < 0) {
            return false;
        }
        String time = s.substring(t + 1);
        return time.endsWith("Z") || time.endsWith("z") || time.contains("+") || time.contains("-");
    }
}
