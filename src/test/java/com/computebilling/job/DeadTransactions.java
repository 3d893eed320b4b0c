package com.computebilling.job;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVPrimaryIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.result.Row;
import org.h2.value.Value;
import org.h2.value.ValueBigint;
import org.h2.value.ValueInteger;
import org.h2.value.ValueVarchar;
import org.h2.value.VersionedValue;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What a {@code kill -9} can leave in the embedded H2 database's file, written straight into a table's map of rows,
 * past H2's transactions and indexes: states seen in files such kills left, made here on purpose so that a test can
 * meet them every time. Test code only; it reaches into H2's internals (2.4).
 */
final class DeadTransactions {

    /** The id of a transaction that no session has open: one that died with its process. */
    private static final int DEAD = 4242;

    private DeadTransactions() {
    }

    /** Takes a row out of its table's map of rows, leaving its entries in the table's other indexes. */
    static void loseRowKeepingItsIndexEntries(JdbcTemplate jdbc, String table, String resourceId) {
        long rowKey = jdbc.queryForObject("SELECT _ROWID_ FROM " + table + " WHERE resource_id = ?", Long.class,
                resourceId);
        jdbc.execute((ConnectionCallback<Void>) c -> {
            if (rowsOf(c, table).remove(rowKey) == null) {
                throw new IllegalStateException("no row " + rowKey + " in " + table);
            }
            return null;
        });
    }

    /**
     * Adds to the table's map of rows, under a new row key, a copy of {@code resourceId}'s row as {@code copyId}'s,
     * written by a dead transaction that never committed it and entered in none of the table's indexes.
     */
    static void leaveAnUncommittedRowOutsideTheIndexes(JdbcTemplate jdbc, String table, String resourceId,
                                                       String copyId) {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            MVMap<Long, VersionedValue<Object>> rows = rowsOf(c, table);
            long rowKey = jdbc.queryForObject("SELECT _ROWID_ FROM " + table + " WHERE resource_id = ?", Long.class,
                    resourceId);
            Row row = (Row) rows.get(rowKey).getCurrentValue();
            Value[] values = row.getValueList().clone();
            values[table(c, table).getColumn("RESOURCE_ID").getColumnId()] = ValueVarchar.get(copyId);
            long copyKey = rows.lastKey() + 1;
            rows.put(copyKey, uncommitted(Row.get(values, row.getMemory(), copyKey), null));
            return null;
        });
    }

    /**
     * Leaves a step execution's row with an update of its version that a dead transaction made and never committed,
     * without the undo log that would roll it back: what a chunk killed in its commit can leave.
     */
    static void leaveAnUncommittedVersion(JdbcTemplate jdbc, long stepExecutionId) {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            MVMap<Long, VersionedValue<Object>> rows = rowsOf(c, "BATCH_STEP_EXECUTION");
            Row committed = (Row) rows.get(stepExecutionId).getCurrentValue();
            int version = table(c, "BATCH_STEP_EXECUTION").getColumn("VERSION").getColumnId();
            Value[] values = committed.getValueList().clone();
            values[version] = bumped(values[version]);
            Row updated = Row.get(values, committed.getMemory(), committed.getKey());
            rows.put(stepExecutionId, uncommitted(updated, committed));
            return null;
        });
    }

    private static Value bumped(Value version) {
        return version instanceof ValueBigint ? ValueBigint.get(version.getLong() + 1)
                : ValueInteger.get(version.getInt() + 1);
    }

    @SuppressWarnings("unchecked")
    private static VersionedValue<Object> uncommitted(Row current, Row committed) {
        try {
            Method operation = Class.forName("org.h2.mvstore.tx.TransactionStore")
                    .getDeclaredMethod("getOperationId", int.class, long.class);
            operation.setAccessible(true);
            Method value = Class.forName("org.h2.mvstore.tx.VersionedValueUncommitted")
                    .getDeclaredMethod("getInstance", long.class, Object.class, Object.class);
            value.setAccessible(true);
            return (VersionedValue<Object>) value.invoke(null, operation.invoke(null, DEAD, 0L), current, committed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static MVMap<Long, VersionedValue<Object>> rowsOf(Connection c, String table) throws SQLException {
        SessionLocal session = session(c);
        return (MVMap<Long, VersionedValue<Object>>) (MVMap<?, ?>)
                ((MVPrimaryIndex) table(c, table).getScanIndex(session)).getMVMap();
    }

    private static MVTable table(Connection c, String table) throws SQLException {
        SessionLocal session = session(c);
        return (MVTable) session.getDatabase().getSchema("PUBLIC")
                .findTableOrView(session, table.toUpperCase(Locale.ROOT));
    }

    private static SessionLocal session(Connection c) throws SQLException {
        return (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
    }
}
