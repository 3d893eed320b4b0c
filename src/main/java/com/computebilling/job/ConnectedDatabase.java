package com.computebilling.job;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The database the stores write to, asked of a connection once, and the SQL that differs with it. */
@Component
class ConnectedDatabase {

    private final JdbcTemplate jdbc;
    private volatile Database database;

    ConnectedDatabase(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** PostgreSQL or the embedded H2: the only two the product runs on. */
    Database get() {
        if (database == null) {
            database = jdbc.execute((ConnectionCallback<Database>) Database::of);
        }
        return database;
    }

    boolean postgres() {
        return get() == Database.POSTGRESQL;
    }

    /** Text compared as Java compares it (code points): PostgreSQL's columns may collate otherwise. */
    String codePointOrder() {
        return get().codePointCollation();
    }
}
