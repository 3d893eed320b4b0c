package com.computebilling.job;

import com.computebilling.findings.SourceRef;
import com.computebilling.time.Interval;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * V13: the usage a run staged before packs (V12) existed, moved into packs, so that a run stopped under an earlier
 * version resumes under this one with all its rows. Each row becomes a pack of its own: a pack must never hold rows
 * of two chunks (see {@link UsagePacks}), and which chunk a row came from was not stored. Then {@code usage_row} goes.
 * Java, not SQL, because a pack's bytes are written by {@link UsagePacks}.
 */
final class UsageRowsToPacks extends RowsToPacksMigration {

    static final int VERSION = 13;

    UsageRowsToPacks() {
        super(VERSION, "usage rows to packs");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement select = c.createStatement();
             PreparedStatement insert = c.prepareStatement(StagedPack.insertInto("usage_pack"))) {
            // Streamed, not read whole: PostgreSQL's driver holds a result in memory unless given a fetch size (and,
            // as here, a transaction), and a stopped run may have staged millions of rows.
            select.setFetchSize(1000);
            ResultSet rs = select.executeQuery("SELECT run_id, resource_id, source, line, record_id, account_id,"
                    + " resource_class, region, sku, quantity, start_at, end_at FROM usage_row");
            int batched = 0;
            while (rs.next()) {
                UsageRecord row = new UsageRecord(rs.getString(5), rs.getString(6), rs.getString(2),
                        ResourceClass.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getInt(10),
                        new Interval(Instant.ofEpochSecond(rs.getLong(11)), Instant.ofEpochSecond(rs.getLong(12))),
                        new SourceRef(rs.getString(3), rs.getLong(4)));
                for (StagedPack p : UsagePacks.pack(List.of(row), Comparator.naturalOrder())) {
                    p.bind(insert, rs.getLong(1));
                    insert.addBatch();
                    if (++batched % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        }
        try (Statement drop = c.createStatement()) {
            drop.execute("DROP TABLE usage_row");
        }
    }
}
