package com.computebilling.job;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run replaces and reads the invoices of its months only: H2 must find them by their month (V21's index), not by
 * walking every invoice of the zone, every month of its history, as it did with the primary key (zone, invoice_id).
 */
class InvoicesByMonthTest {

    @Test
    void publishing_finds_the_months_invoices_it_replaces_by_their_month() throws SQLException {
        String plan = plan(Ledger.DELETE_MONTH.replaceFirst("\\?", "'Asia/Shanghai'").replaceFirst("\\?", "202304"));

        assertThat(plan).containsIgnoringCase("INVOICE_BY_MONTH");
    }

    @Test
    void writing_invoices_csv_finds_the_runs_months_by_their_month() throws SQLException {
        String plan = plan(String.format(Ledger.SELECT_MONTHS, "202303,202304").replaceFirst("\\?", "'Asia/Shanghai'"));

        assertThat(plan).containsIgnoringCase("INVOICE_BY_MONTH");
    }

    private static String plan(String sql) throws SQLException {
        SchemaMigrationTest.flyway("invoices-by-month").migrate();
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:invoices-by-month;DB_CLOSE_DELAY=-1", "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
