package com.computebilling.job;

import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rebuilds the indexes of a table of the embedded H2 database that point to rows the table no longer has.
 * <p>
 * H2 stores a table's rows in one map and each index in another; a process killed while a transaction's rows were
 * being written can leave, in the file, an index entry whose row is not there. H2 has no command that checks or
 * repairs an index, and every statement that reaches that entry fails the same way ({@value #LOST_ROW}, "Row ... not
 * found in primary index", which H2 retries until it gives up with a lock timeout), so the table is unusable until the
 * index is made again. An index is made from the table's rows, so dropping it and creating it again, under the same
 * name, on the same columns, leaves an index without the stray entry: the repair the run's resume needs, and nothing a
 * row can be lost by, since no row is touched.
 * <p>
 * An index a constraint owns (the primary key, which H2 keeps as an index of its own unless it is a single integer
 * column) is made again by dropping and adding the constraint.
 */
final class EmbeddedIndexes {

    /** H2's error code for an index entry whose row is not in the table. */
    static final int LOST_ROW = 90143;

    private EmbeddedIndexes() {
    }

    /** Whether H2 failed, at any depth of causes, on an index entry whose row is gone. */
    static boolean pointToLostRow(Throwable failure) {
        return lostRow(failure) != null;
    }

    private static SQLException lostRow(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() == LOST_ROW) {
                return e;
            }
        }
        return null;
    }

    /**
     * Drops and creates again every index of {@code table} (in the connection's current schema); must run outside a
     * transaction, since H2 commits before each statement of DDL, and while no statement of another session uses the
     * table.
     */
    static void rebuild(Connection c, String table, SQLException failure) throws SQLException {
        List<Index> indexes = indexesOf(c, table.toUpperCase(Locale.ROOT));
        SQLException lost = lostRow(failure);
        LoggerFactory.getLogger(EmbeddedIndexes.class).warn("the embedded database's table {} has an index entry"
                + " without its row, left by a killed process ({}); rebuilding its indexes {}", table,
                (lost == null ? failure : lost).getMessage().lines().findFirst().orElse(""),
                indexes.stream().map(Index::name).toList());
        try (Statement s = c.createStatement()) {
            for (Index index : indexes) {
                for (String sql : index.rebuild(table)) {
                    s.execute(sql);
                }
            }
        }
    }

    private static List<Index> indexesOf(Connection c, String table) throws SQLException {
        Map<String, Index> indexes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.INDEX_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE,"
                + " ic.COLUMN_NAME FROM INFORMATION_SCHEMA.INDEXES i"
                + " JOIN INFORMATION_SCHEMA.INDEX_COLUMNS ic"
                + " ON ic.INDEX_SCHEMA = i.INDEX_SCHEMA AND ic.INDEX_NAME = i.INDEX_NAME"
                + " LEFT JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
                + " ON tc.INDEX_SCHEMA = i.INDEX_SCHEMA AND tc.INDEX_NAME = i.INDEX_NAME"
                + " WHERE i.TABLE_SCHEMA = SCHEMA() AND i.TABLE_NAME = ?"
                // a primary key on a single integer column is the map of rows itself (a "delegate" index)
                + " AND i.INDEX_CLASS = 'org.h2.mvstore.db.MVSecondaryIndex'"
                + " ORDER BY i.INDEX_NAME, ic.ORDINAL_POSITION")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Index index = indexes.get(rs.getString(1));
                    if (index == null) {
                        index = new Index(rs.getString(1), rs.getString(2), rs.getString(3), new ArrayList<>());
                        indexes.put(index.name(), index);
                    }
                    index.columns().add(rs.getString(4));
                }
            }
        }
        return List.copyOf(indexes.values());
    }

    /** An index and, when a constraint owns it, that constraint ({@code PRIMARY KEY} or {@code UNIQUE}). */
    private record Index(String name, String constraint, String constraintType, List<String> columns) {

        List<String> rebuild(String table) {
            String on = "(" + String.join(", ", columns.stream().map(EmbeddedIndexes::quoted).toList()) + ")";
            if (constraint == null) {
                return List.of("DROP INDEX " + quoted(name),
                        "CREATE INDEX " + quoted(name) + " ON " + table + " " + on);
            }
            return List.of("ALTER TABLE " + table + " DROP CONSTRAINT " + quoted(constraint),
                    "ALTER TABLE " + table + " ADD CONSTRAINT " + quoted(constraint) + " " + constraintType + " " + on);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
