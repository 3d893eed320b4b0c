package com.computebilling.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The two databases the product runs on, told apart in this one place: by the JDBC URL before a context starts, by
 * an open connection after. What differs between them is here too.
 */
public enum Database {
    H2, POSTGRESQL;

    public static Database ofUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
    }

    static Database of(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                ? POSTGRESQL : H2;
    }

    /**
     * What follows a text column to compare it by code points, as Java and H2 do: PostgreSQL sorts text by locale
     * unless told otherwise, and code-point order keeps outputs identical to H2's.
     */
    String codePointCollation() {
        return this == POSTGRESQL ? " COLLATE \"C\"" : "";
    }

    /**
     * The order this database sorts the product's text columns in, for Java code that must agree with a query's
     * ORDER BY: H2 compares strings as {@link String#compareTo} does (UTF-16 units), PostgreSQL's "C" collation by code
     * points. The two differ only where a character above U+FFFF meets one from U+E000 to U+FFFF.
     */
    Comparator<String> textOrder() {
        return this == POSTGRESQL ? Database::compareCodePoints : Comparator.naturalOrder();
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * Rating commits every this many resources (fewer when they hold much usage, see {@link ResourceGroups}). A commit
     * on PostgreSQL is a round of statements over the network and a wait for the server's log flush, which remote
     * workers sharing the server's cores felt most (2,000,000 rows, warm workers: rate 47-53 s with one worker and
     * 28-34 s with two at 100 resources, 42 s and 24 s at 500). Embedded H2 commits in the worker's own thread: 250
     * against 100 took 3 % off the one-day 1,000,000-row set (five pairs) and rate 39.1 s against 43.7 s at
     * 10,000,000 rows, once loading's chunks of 10,000 rows had cut the packs each resource is merged from; 500 was
     * slower than 250 there (A/B 1.07), as it had been than 100 at 10,000,000 rows (rate 192 s against 167 s).
     */
    int ratingChunk() {
        return this == POSTGRESQL ? 500 : 250;
    }

    /** Spring properties that set the connection pool and the schema's migrations up for this database. */
    public Map<String, Object> springProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        if (this == POSTGRESQL) {
            // One multi-row INSERT per batch instead of one statement per row: staging a million rows takes 11 s, not 17.
            props.put("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");
        }
        props.put("spring.flyway.placeholders.text_order", codePointCollation().strip());
        return props;
    }
}
