package com.computebilling.postgres;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A fresh schema on the PostgreSQL server of this machine (127.0.0.1:5432, database test, trust auth; override with
 * BILLING_TEST_PG_URL and BILLING_TEST_PG_USER). Where no server answers, the test is skipped with the reason — except
 * when BILLING_REQUIRE_POSTGRES=1 (as .ci/run sets on this project's machines), where that is a failure.
 */
public final class PostgresSchema {

    public static final String SERVER = System.getenv().getOrDefault("BILLING_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("BILLING_TEST_PG_USER", "postgres");

    public final String name = "billing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public static PostgresSchema createOrSkip() {
        PostgresSchema schema = new PostgresSchema();
        try (Connection c = DriverManager.getConnection(SERVER, USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema.name);
        } catch (SQLException e) {
            String reason = "PostgreSQL not reachable at " + SERVER + " as " + USER + " (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("BILLING_REQUIRE_POSTGRES"))) {
                fail(reason + " but BILLING_REQUIRE_POSTGRES=1");
            }
            System.err.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        return schema;
    }

    public String url() {
        return SERVER + (SERVER.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    public void drop() {
        try (Connection c = DriverManager.getConnection(SERVER, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException ignored) {
            // a leftover schema is harmless
        }
    }
}
