package com.computebilling.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Reads the exports' ISO-8601 timestamps; one without an offset is a wall-clock time of the billing zone. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant parse(String text, ZoneId billingZone) {
        String s = text.trim();
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

    private static boolean hasOffset(String s) {
        int t = s.indexOf('T');
        if (t < 0) {
            return false;
        }
        String time = s.substring(t + 1);
        return time.endsWith("Z") || time.endsWith("z") || time.contains("+") || time.contains("-");
    }
}
