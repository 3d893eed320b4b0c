package com.computebilling.report;

import java.math.BigDecimal;
import java.time.Duration;

/** Text into HTML and SVG: everything from the files (ids come from customers' exports) goes through {@link #text}. */
final class Html {

    private Html() {
    }

    /**
     * Escaped for element content and quoted attribute values alike, so {@code <script>} in an account id reads as
     * text. Control characters other than tab and line feed, which no HTML text may hold, show as U+FFFD.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\t' && c != '\n' || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    /** A count as the files print it: plain digits, so a figure on the page can be searched for in them. */
    static String count(long n) {
        return Long.toString(n);
    }

    /** An amount as the files print it (plain decimal, its own scale). */
    static String amount(BigDecimal a) {
        return a.toPlainString();
    }

    /** {@code part} as a percentage of {@code whole} to two places; a dash when the whole is nothing. */
    static String percent(long part, long whole) {
        if (whole == 0) {
            return "–";
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, java.math.RoundingMode.HALF_UP).toPlainString() + " %";
    }

    /** {@code 0.8 s}, {@code 37.7 s}, {@code 2 min 56 s}, {@code 1 h 05 min}. */
    static String duration(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 60_000) {
            return BigDecimal.valueOf(millis, 3).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " s";
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + String.format("%02d", seconds / 60 % 60) + " min";
    }
}
