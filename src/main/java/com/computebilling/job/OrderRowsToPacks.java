package com.computebilling.job;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.catalog.TermLength;
import com.computebilling.findings.SourceRef;
import com.computebilling.orders.Order;
import com.computebilling.orders.OrderStatus;
import com.computebilling.orders.OrderType;
import com.computebilling.usage.ResourceClass;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * V16: the orders a run staged before order packs (V15) existed, moved into packs, so that a run stopped under an
 * earlier version resumes under this one with all its rows. Each row becomes a pack of its own (a pack must never hold
 * rows of two chunks, and which chunk a row came from was not stored); rows already flagged as duplicates by a
 * planned run go to {@code order_duplicate}, and its ignored orders to {@code order_ignored} (a run not yet planned
 * has no flags, and its plan finds both again). Then {@code order_row} goes. Java, because a pack is written by
 * {@link OrderPacks}.
 */
final class OrderRowsToPacks extends RowsToPacksMigration {

    static final int VERSION = 16;

    OrderRowsToPacks() {
        super(VERSION, "order rows to packs");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement select = c.createStatement();
             PreparedStatement pack = c.prepareStatement(StagedPack.insertInto("order_pack"));
             PreparedStatement duplicate = c.prepareStatement("INSERT INTO order_duplicate (run_id, bucket, source,"
                     + " line) VALUES (?,?,?,?)")) {
            // Streamed, not read whole (PostgreSQL's driver holds a result in memory unless given a fetch size).
            select.setFetchSize(1000);
            ResultSet rs = select.executeQuery("SELECT run_id, resource_id, source, line, order_id, account_id,"
                    + " resource_class, region, sku, quantity, order_type, billing_mode, effective_at, duration,"
                    + " duration_unit, auto_renew, status, duplicate FROM order_row");
            int batched = 0;
            while (rs.next()) {
                long runId = rs.getLong(1);
                int duration = rs.getInt(14);
                TermLength term = rs.wasNull() ? null : new TermLength(duration, PriceUnit.valueOf(rs.getString(15)));
                Order order = new Order(rs.getString(5), rs.getString(6), rs.getString(2),
                        ResourceClass.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getInt(10),
                        OrderType.valueOf(rs.getString(11)), BillingMode.valueOf(rs.getString(12)),
                        Instant.ofEpochSecond(rs.getLong(13)), term, rs.getBoolean(16),
                        OrderStatus.valueOf(rs.getString(17)), new SourceRef(rs.getString(3), rs.getLong(4)));
                for (StagedPack p : OrderPacks.pack(List.of(order))) {
                    p.bind(pack, runId);
                    pack.addBatch();
                }
                if (rs.getBoolean(18)) {
                    duplicate.setLong(1, runId);
                    duplicate.setInt(2, RatingBuckets.of(order.resourceId()));
                    duplicate.setString(3, order.source().file());
                    duplicate.setLong(4, order.source().line());
                    duplicate.addBatch();
                }
                if (++batched % 1000 == 0) {
                    pack.executeBatch();
                    duplicate.executeBatch();
                }
            }
            pack.executeBatch();
            duplicate.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO order_ignored (run_id, status, orders) SELECT run_id, status, COUNT(*) FROM order_row"
                    + " WHERE duplicate = FALSE AND status <> 'PAID' GROUP BY run_id, status");
            s.execute("DROP TABLE order_row");
        }
    }
}
