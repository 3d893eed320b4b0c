package com.computebilling.job;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows a dead attempt left beyond a partition's committed position, and how they are discarded.
 * <p>
 * A database keeps nothing of a chunk it never committed, but the embedded H2 database killed at the wrong moment
 * does: its file can hold a transaction's rows without the undo log that would roll them back, still marked with the
 * id of that dead transaction. H2 shows such a row only to a transaction that happens to get the same id (ids are
 * given lowest first, so it comes back soon) and reports it as a duplicate to every insert of its key: a discard in
 * another transaction did not see it and the insert that followed failed ("Unique index or primary key violation", or
 * a lock timeout after "Row ... not found in primary index"). Read uncommitted, the discard sees those rows, and H2
 * lets a write overwrite an entry whose transaction is gone. Since the rows a discard removes belong to its partition
 * alone, reading uncommitted ones of others is safe.
 * <p>
 * A running transaction that took the dead one's id makes such a write wait for it to end, so the discards run once,
 * before a step's partitions start ({@link PartitionDefinitions}), not beside them (a rating reader holds a
 * transaction for its whole partition).
 * <p>
 * A kill can also leave the other half: an index entry of such a row whose row the table no longer has. Every
 * statement that meets it fails ("Row ... not found in primary index", reported as a lock timeout), so a resume would
 * fail at the same discard every time; the discard rebuilds that table's indexes from its rows
 * ({@link EmbeddedIndexes}) and runs once more. On PostgreSQL a dead process's uncommitted rows are gone; a partition a
 * remote worker gave up is handed on to another without new leftovers.
 */
final class Leftovers {

    /** What one partition discards before it starts: everything beyond its committed position. */
    @FunctionalInterface
    interface OfPartition {
        void discard(long runId, ExecutionContext partition);
    }

    /** A delete from one table: its condition and the condition's arguments. */
    record Delete(String table, String where, Object... args) {

        String sql() {
            return "DELETE FROM " + table + " WHERE " + where;
        }
    }

    private Leftovers() {
    }

    /** Runs the deletes, on H2 reading uncommitted rows (when not inside a transaction, where that cannot change). */
    static void delete(JdbcTemplate jdbc, boolean embedded, List<Delete> deletes) {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            boolean switched = embedded && c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            if (switched) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            }
            try {
                for (Delete d : deletes) {
                    try {
                        execute(c, d);
                    } catch (SQLException e) {
                        // only outside a transaction: H2 commits the open one before any DDL
                        if (!switched || !EmbeddedIndexes.pointToLostRow(e)) {
                            throw e;
                        }
                        EmbeddedIndexes.rebuild(c, d.table(), e);
                        execute(c, d);
                    }
                }
            } finally {
                if (switched) {
                    c.setTransactionIsolation(isolation);
                }
            }
            return null;
        });
    }

    private static void execute(Connection c, Delete d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(d.sql())) {
            for (int i = 0; i < d.args().length; i++) {
                ps.setObject(i + 1, d.args()[i]);
            }
            ps.executeUpdate();
        }
    }
}
