package com.computebilling.job;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.ChargeType;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.output.ChargeRows;
import com.computebilling.rating.ChargeLine;
import com.computebilling.rating.NodeSeconds;
import com.computebilling.rating.ResourceBill;
import com.computebilling.time.BillingZone;
import com.computebilling.usage.ResourceClass;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A kill can leave the embedded database an index entry whose row is gone (see {@link EmbeddedIndexes}): here made by
 * taking the row of the chunk a kill cut short out of the table's row map, past H2's indexes, as the file a kill left
 * had it. Every statement that reached that entry failed, and with it every resume of the run.
 */
class EmbeddedIndexesTest {

    private static final BillingZone UTC = BillingZone.of("UTC");
    private static final int BUCKET = 5;
    private static final long RUN = 7;

    private JdbcTemplate jdbc;
    private ResultStore results;

    /** A database file, closed whenever no connection is open: each statement opens it as a new process would. */
    @TempDir
    Path dir;

    @BeforeEach
    void aRunWithOneCommittedChunkAndOneAKillCutShort() {
        Flyway flyway = SchemaMigrationTest.flywayAt("jdbc:h2:file:" + dir.resolve("billing").toAbsolutePath()
                + ";LOCK_TIMEOUT=200");
        flyway.migrate();
        jdbc = new JdbcTemplate(flyway.getConfiguration().getDataSource());
        results = new ResultStore(jdbc, new ConnectedDatabase(jdbc));
        results.insertBills(RUN, UTC, new ChargeRows(UTC), List.of(payg("lj-1")));             // committed
        results.insertBills(RUN, UTC, new ChargeRows(UTC), List.of(payg("lj-2"), payg("lj-3")));  // beyond
        // a group's rows are keyed by its last resource: lj-3's rows are the second chunk's
        // charge_line_id_groups has an index of its own (by_bucket), charge_total_groups its primary key's
        DeadTransactions.loseRowKeepingItsIndexEntries(jdbc, "charge_line_id_groups", "lj-3");
        DeadTransactions.loseRowKeepingItsIndexEntries(jdbc, "charge_total_groups", "lj-3");
    }

    @Test
    void a_statement_that_meets_an_index_entry_without_its_row_fails_as_a_lock_timeout() {
        assertThatThrownBy(() -> jdbc.update("DELETE FROM charge_line_id_groups WHERE run_id = ? AND bucket = ?",
                RUN, BUCKET))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(EmbeddedIndexes.pointToLostRow(e)).isTrue())
                .hasMessageContaining("Timeout trying to lock table");
    }

    @Test
    void the_resumes_discard_rebuilds_the_indexes_and_removes_what_lies_beyond_the_committed_resource() {
        results.discardRatedAfter(RUN, List.of(BUCKET), "lj-1");

        assertThat(jdbc.queryForList("SELECT resource_id FROM charge_line_id_groups", String.class))
                .containsExactly("lj-1");
        assertThat(jdbc.queryForList("SELECT resource_id FROM charge_total_groups", String.class))
                .containsExactly("lj-1");
        assertThat(jdbc.queryForList("SELECT resource_id FROM resource_tally ORDER BY resource_id", String.class))
                .containsExactly("lj-1");
        // the same resources rated again are stored and found through the rebuilt indexes
        results.insertBills(RUN, UTC, new ChargeRows(UTC), List.of(payg("lj-2"), payg("lj-3")));
        assertThat(jdbc.queryForList("SELECT resource_id FROM charge_line_id_groups WHERE run_id = ? AND bucket = ?"
                + " ORDER BY resource_id", String.class, RUN, BUCKET)).containsExactly("lj-1", "lj-3");
        // 1 + 2 resources of one hour each: three lines
        assertThat(results.chargeLineCount(RUN)).isEqualTo(3);
    }

    @Test
    void a_dead_transactions_row_the_indexes_never_had_does_not_outlive_the_repair() {
        // lj-4's row, rated by the chunk the kill cut short, made it into the table's rows but into none of its indexes
        DeadTransactions.leaveAnUncommittedRowOutsideTheIndexes(jdbc, "charge_line_id_groups", "lj-1", "lj-4");
        assertThat(seenUncommitted("SELECT COUNT(*) FROM charge_line_id_groups WHERE resource_id = 'lj-4'"))
                .isOne();

        results.discardRatedAfter(RUN, List.of(BUCKET), "lj-1");

        // read uncommitted, as a transaction that took the dead one's id would see the table: nothing beyond lj-1 is
        // left that such a transaction could commit as its own, doubling lj-4's line ids
        assertThat(seenUncommitted("SELECT COUNT(*) FROM charge_line_id_groups WHERE resource_id > 'lj-1'"))
                .isZero();
    }

    @Test
    void the_rebuilt_indexes_keep_their_names_columns_and_constraints() {
        results.discardRatedAfter(RUN, List.of(BUCKET), "lj-1");

        assertThat(indexColumns("CHARGE_LINE_ID_GROUPS_BY_BUCKET")).containsExactly("RUN_ID", "BUCKET");
        assertThat(jdbc.queryForList("SELECT CONSTRAINT_TYPE FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                + " WHERE TABLE_NAME = 'CHARGE_TOTAL_GROUPS'", String.class)).containsExactly("PRIMARY KEY");
        assertThatThrownBy(() -> jdbc.update("INSERT INTO charge_total_groups (run_id, bucket, resource_id,"
                + " first_month, last_month, line_count, totals) SELECT run_id, bucket, resource_id, first_month,"
                + " last_month, line_count, totals FROM charge_total_groups"))
                .as("the primary key still refuses a second row of a key").isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void inside_a_transaction_the_discard_does_not_rebuild_since_that_would_commit_the_transaction() {
        assertThatThrownBy(() -> jdbc.execute((ConnectionCallback<Void>) c -> {
            c.setAutoCommit(false);
            try {
                Leftovers.delete(new JdbcTemplate(new SingleConnectionDataSource(c, true)), true, List.of(new Leftovers.Delete(
                        "charge_line_id_groups", "run_id = ? AND bucket = ?", RUN, BUCKET)));
                return null;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        })).satisfies(e -> assertThat(EmbeddedIndexes.pointToLostRow(e)).isTrue());
        assertThat(indexColumns("CHARGE_LINE_ID_GROUPS_BY_BUCKET")).containsExactly("RUN_ID", "BUCKET");
    }

    private long seenUncommitted(String count) {
        return jdbc.execute((ConnectionCallback<Long>) c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(count)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private List<String> indexColumns(String index) {
        return jdbc.queryForList("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE INDEX_NAME = ?"
                + " ORDER BY ORDINAL_POSITION", String.class, index);
    }

    /** One hour of one node: 3,600 s at 0.73/minute = 43.80. */
    private static RatedResource payg(String resource) {
        Instant hour = Instant.parse("2023-04-16T00:00:00Z");
        ChargeLine line = new ChargeLine("acct-a", resource, ResourceClass.LINGJUN, "cn-shanghai",
                "ml.gu7xf.8xlarge-gu108", ChargeType.USAGE, BillingMode.PAY_AS_YOU_GO, "o-" + resource, hour,
                hour.plusSeconds(3600), hour, hour.plusSeconds(3600), 1, 3600, "SECOND", new BigDecimal("0.73"),
                PriceUnit.MINUTE, new BigDecimal("43.80000000"), Currency.getInstance("CNY"));
        ResourceBill bill = new ResourceBill(resource, List.of(line), List.of(), new NodeSeconds(0, 0, 0, 0, 0, 0, 0));
        return new RatedResource(bill, BUCKET, 1, 1, Map.of());
    }
}
