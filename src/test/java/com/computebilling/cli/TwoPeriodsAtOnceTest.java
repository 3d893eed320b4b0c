package com.computebilling.cli;

import com.computebilling.postgres.PostgresSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §5: runs of different periods may go at the same time on one PostgreSQL database. Two processes, as two cron
 * entries or an operator's re-run beside the nightly would be (two Spring applications started at the same instant in
 * one JVM race for the JVM-wide logging system, which is a test's artefact, not the product's).
 */
class TwoPeriodsAtOnceTest {

    @TempDir
    Path tmp;
    PostgresSchema schema;
    private final List<ChildJvm> started = new ArrayList<>();

    @BeforeEach
    void schema() {
        schema = PostgresSchema.createOrSkip();
    }

    @AfterEach
    void dropSchema() throws InterruptedException {
        // a run still going (its sibling failed or timed out first) must not write into the schema being dropped
        for (ChildJvm child : started) {
            child.process.destroyForcibly();
            child.process.waitFor();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    private ChildJvm run(String day) throws Exception {
        ChildJvm child = ChildJvm.start(List.of("run", "--input=input-samples", "--output=" + tmp.resolve(day),
                "--period=" + day, "--zone=Asia/Shanghai", "--db=" + schema.url(),
                "--db-user=" + PostgresSchema.USER), Map.of());
        started.add(child);
        return child;
    }

    @Test
    void two_day_runs_at_once_both_complete_and_the_month_holds_both() throws Exception {
        // the schema first, so that the two runs do not both create it
        ChildJvm history = ChildJvm.start(List.of("history", "--db=" + schema.url(),
                "--db-user=" + PostgresSchema.USER), Map.of());
        assertThat(history.awaitExit()).as(history.log()).isZero();

        ChildJvm day18 = run("2023-04-18");
        ChildJvm day20 = run("2023-04-20");
        int exit18 = day18.awaitExit();
        int exit20 = day20.awaitExit();
        assertThat(exit18).as(day18.log()).isZero();
        assertThat(exit20).as(day20.log()).isZero();
        // whichever published last saw the other's charges: the stored month-to-date invoices hold both days,
        // 04-18's pool (9000.00 + 18.44 + 18.30 CNY) and 04-20's renewal (12 × 9800 = 117,600 JPY)
        assertThat(storedInvoices()).containsExactlyInAnyOrder(
                "jp-lab-202304-JPY 117600.00000000 DRAFT", "pool-co-202304-CNY 9036.74000000 DRAFT");
    }

    private List<String> storedInvoices() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = schema.connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT invoice_id, total_amount, status FROM invoice")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getBigDecimal(2).toPlainString() + " " + rs.getString(3));
            }
        }
        return rows;
    }
}
