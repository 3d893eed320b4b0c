package com.computebilling.job;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code h2-leftovers/billing.mv.db} is a database file a {@code kill -9} left (reduced to what matters): run 1's
 * usage partition had committed up to line 87,992 of usage.csv, and the file still holds three packs of the next chunk
 * (first lines 87,993, 88,056 and 88,078), which never committed, under the id of a dead transaction, 1, without an
 * undo log. The resume of that run failed on them with a duplicate key. Transaction 1 of a new session (the first to
 * begin) is what a concurrent chunk would be: while it is open, the leftovers are its own to it and hidden from others.
 */
class LeftoversTest {

    private static final List<Leftovers.Delete> BEYOND_THE_POSITION = List.of(new Leftovers.Delete("usage_pack",
            "run_id = ? AND source = ? AND first_line > ? AND first_line < ?", 1L, "usage.csv", 87_992L, Long.MAX_VALUE));

    @TempDir
    Path dir;
    String url;
    JdbcTemplate jdbc;

    @BeforeEach
    void theDatabaseAKillLeft() throws Exception {
        Files.copy(Path.of("src/test/resources/h2-leftovers/billing.mv.db"), dir.resolve("billing.mv.db"));
        url = "jdbc:h2:file:" + dir.resolve("billing").toAbsolutePath();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
    }

    @Test
    void read_committed_the_discard_misses_the_leftovers_and_the_same_rows_staged_again_collide() throws Exception {
        try (Connection concurrent = transactionOne()) {
            assertThat(leftoversSeenBy(concurrent)).as("the leftovers are transaction 1's own to it").isEqualTo(3);

            Leftovers.delete(jdbc, false, BEYOND_THE_POSITION);
            concurrent.commit();    // the concurrent chunk ends; its commit does not touch entries it never wrote
        }
        assertThatThrownBy(this::stageTheFirstPackAgain).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void read_uncommitted_the_discard_removes_them_once_the_transaction_that_took_their_id_ends() throws Exception {
        try (Connection concurrent = transactionOne()) {
            Thread chunkEnds = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    concurrent.commit();
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            chunkEnds.start();

            Leftovers.delete(jdbc, true, BEYOND_THE_POSITION);
            chunkEnds.join();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_pack WHERE first_line > 87992", Long.class)).isZero();
        stageTheFirstPackAgain();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_pack WHERE first_line > 87992", Long.class)).isOne();
    }

    @Test
    void read_uncommitted_the_discard_keeps_what_lies_before_the_committed_position() {
        // the fixture keeps nothing committed of the run; a row before the position must survive the discard
        jdbc.update("INSERT INTO usage_pack (run_id, bucket, source, first_line, row_count, records)"
                + " VALUES (1, 7, 'usage.csv', 87900, 1, X'00')");
        Leftovers.delete(jdbc, true, BEYOND_THE_POSITION);
        assertThat(jdbc.queryForList("SELECT first_line FROM usage_pack", Long.class)).containsExactly(87_900L);
    }

    /** The first transaction of the session: id 1, the dead one's. */
    private Connection transactionOne() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE BATCH_JOB_INSTANCE SET VERSION = VERSION WHERE 1 = 0");
        }
        return c;
    }

    private static long leftoversSeenBy(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM usage_pack WHERE first_line > 87992")) {
            r.next();
            return r.getLong(1);
        }
    }

    private void stageTheFirstPackAgain() {
        jdbc.update("INSERT INTO usage_pack (run_id, bucket, source, first_line, row_count, records)"
                + " VALUES (1, 52, 'usage.csv', 87993, 100, X'00')");
    }
}
