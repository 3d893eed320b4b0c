package com.computebilling.job;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One stored pack of staged rows ({@link UsagePacks}, {@link OrderPacks}): its rating bucket, input file, smallest
 * line, row count and bytes. Both kinds are stored the same way, in {@code usage_pack} and {@code order_pack}.
 */
record StagedPack(int bucket, String source, long firstLine, int rows, byte[] bytes) {

    /** The insert of a pack into {@code table}; its parameters are set by {@link #bind}. */
    static String insertInto(String table) {
        return "INSERT INTO " + table + " (run_id, bucket, source, first_line, row_count, records) VALUES (?,?,?,?,?,?)";
    }

    void bind(PreparedStatement ps, long runId) throws SQLException {
        ps.setLong(1, runId);
        ps.setInt(2, bucket);
        ps.setString(3, source);
        ps.setLong(4, firstLine);
        ps.setInt(5, rows);
        ps.setBytes(6, bytes);
    }
}
