package com.computebilling.job;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.catalog.TermLength;
import com.computebilling.findings.Finding;
import com.computebilling.findings.SourceRef;
import com.computebilling.input.InputKind;
import com.computebilling.input.MalformedRowException;
import com.computebilling.orders.Order;
import com.computebilling.orders.OrderStatus;
import com.computebilling.orders.OrderType;
import com.computebilling.time.BillingZone;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.computebilling.job.StoreKeys.monthKey;
import static com.computebilling.job.StoreKeys.month;

/**
 * The staged inputs of a run: written by the load steps (each chunk's rows with its restart position, in the chunk's
 * transaction), read by plan, rating and the self-check, counted for the summary, dropped by cleanup.
 */
@Component
class StagingStore {

    private final JdbcTemplate jdbc;
    private final ConnectedDatabase database;

    StagingStore(JdbcTemplate jdbc, ConnectedDatabase database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    void insertCatalog(long runId, List<? extends CatalogPrice> rows) {
        jdbc.batchUpdate("INSERT INTO catalog_row (run_id, source, line, sku, region, billing_mode, price_unit,"
                + " unit_price, currency, effective_from, effective_to, in_stock) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                rows, rows.size(), (ps, p) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, p.source().file());
                    ps.setLong(3, p.source().line());
                    ps.setString(4, p.sku());
                    ps.setString(5, p.region());
                    ps.setString(6, p.mode().name());
                    ps.setString(7, p.unit().name());
                    ps.setString(8, p.unitPrice().toPlainString());
                    ps.setString(9, p.currency().getCurrencyCode());
                    ps.setLong(10, p.effectiveFrom().getEpochSecond());
                    if (p.effectiveTo() == null) {
                        ps.setNull(11, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(11, p.effectiveTo().getEpochSecond());
                    }
                    ps.setBoolean(12, p.inStock());
                });
    }

    void insertOrders(long runId, List<? extends Order> rows) {
        jdbc.batchUpdate("INSERT INTO order_row (run_id, source, line, order_id, account_id, resource_id,"
                + " resource_class, region, sku, quantity, order_type, billing_mode, effective_at, duration,"
                + " duration_unit, auto_renew, status, bucket) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows, rows.size(), (ps, o) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, o.source().file());
                    ps.setLong(3, o.source().line());
                    ps.setString(4, o.orderId());
                    ps.setString(5, o.accountId());
                    ps.setString(6, o.resourceId());
                    ps.setString(7, o.resourceClass().name());
                    ps.setString(8, o.region());
                    ps.setString(9, o.sku());
                    ps.setInt(10, o.quantity());
                    ps.setString(11, o.type().name());
                    ps.setString(12, o.billingMode().name());
                    ps.setLong(13, o.effectiveAt().getEpochSecond());
                    if (o.term() == null) {
                        ps.setNull(14, java.sql.Types.INTEGER);
                        ps.setNull(15, java.sql.Types.VARCHAR);
                    } else {
                        ps.setInt(14, o.term().length());
                        ps.setString(15, o.term().unit().name());
                    }
                    ps.setBoolean(16, o.autoRenew());
                    ps.setString(17, o.status().name());
                    ps.setInt(18, RatingBuckets.of(o.resourceId()));
                });
    }

    void insertUsage(long runId, BillingZone zone, List<? extends UsageRecord> rows) {
        jdbc.batchUpdate("INSERT INTO usage_pack (run_id, bucket, source, first_line, row_count, records)"
                + " VALUES (?,?,?,?,?,?)", UsagePacks.pack(rows, database.get().textOrder()), 100, (ps, p) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, p.bucket());
                    ps.setString(3, p.source());
                    ps.setLong(4, p.firstLine());
                    ps.setInt(5, p.rows());
                    ps.setBytes(6, p.bytes());
                });
        // The chunk's months (first and last month of each interval), a handful of rows, for planning.
        Set<List<Integer>> months = new LinkedHashSet<>();
        for (UsageRecord u : rows) {
            months.add(List.of(monthKey(zone.monthOf(u.interval().start())),
                    monthKey(zone.monthOf(u.interval().end().minusSeconds(1)))));
        }
        jdbc.batchUpdate("INSERT INTO usage_months (run_id, first_month, last_month) VALUES (?,?,?)", months,
                months.size(), (ps, m) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, m.get(0));
                    ps.setInt(3, m.get(1));
                });
    }

    /** Findings of loading (no bucket): malformed rows. */
    void insertFindings(long runId, List<Finding> findings) {
        FindingRows.insert(jdbc, runId, findings.stream()
                .map(f -> new FindingRows.BucketedFinding(FindingRows.NO_BUCKET, f)).toList());
    }

    /**
     * Discards this run's staged rows of one input kind from one file, and the malformed-row findings of those lines,
     * that lie after line {@code after} and before line {@code before} (one load partition's range beyond the last row
     * a committed chunk took). A database keeps nothing of a chunk it never committed, but an embedded file database
     * killed at the wrong moment has been seen to (h2database#1222); such rows would collide with the same rows read
     * again, so they are dropped and read again instead.
     */
    void discardStagedAfter(long runId, InputKind kind, String file, long after, long before) {
        String table = switch (kind) {
            case CATALOG -> "catalog_row";
            case ORDERS -> "order_row";
            case USAGE -> "usage_pack";
        };
        // a usage pack holds rows of one chunk only, so its first line tells on which side of the position all of it is
        String line = kind == InputKind.USAGE ? "first_line" : "line";
        jdbc.update("DELETE FROM " + table + " WHERE run_id = ? AND source = ? AND " + line + " > ? AND " + line
                + " < ?",
                runId, file, after, before);
        jdbc.update("DELETE FROM finding WHERE run_id = ? AND code = 'MALFORMED_ROW' AND source = ? AND line > ?"
                + " AND line < ?", runId, file, after, before);
    }

    /** The data rows of one range of an input file, as its reader counted them on reaching the range's end. */
    void recordFileRows(long runId, String source, long firstLine, long dataRows) {
        jdbc.update("DELETE FROM input_file WHERE run_id = ? AND source = ? AND first_line = ?", runId, source,
                firstLine);
        jdbc.update("INSERT INTO input_file (run_id, source, first_line, data_rows) VALUES (?,?,?,?)", runId, source,
                firstLine, dataRows);
    }

    /**
     * PostgreSQL plans a query from table statistics that its autovacuum refreshes in its own time: staging tables
     * filled a moment ago by fast loaders (remote workers load 100,000 rows in seconds) still look empty to it, and
     * the duplicate-order search below then ran as a nested scan (6 s for 12,000 orders). A sampled ANALYZE of the
     * staging tables, once loaded, costs a fraction of a second at any size. H2 needs none.
     */
    void refreshStagingStatistics() {
        if (database.postgres()) {
            for (String table : List.of("order_row", "usage_pack", "catalog_row")) {
                jdbc.execute("ANALYZE " + table);
            }
        }
    }

    /** Marks every order row whose order_id an earlier row (file order, then line) already used. */
    void flagDuplicateOrders(long runId) {
        jdbc.update("UPDATE order_row o SET duplicate = TRUE WHERE o.run_id = ? AND EXISTS (SELECT 1 FROM order_row e"
                + " WHERE e.run_id = o.run_id AND e.order_id = o.order_id"
                + " AND (e.source < o.source OR (e.source = o.source AND e.line < o.line)))", runId);
    }

    /** Every month some usage interval lies in (an interval of at most 31 days can touch three). */
    SortedSet<YearMonth> monthsWithUsage(long runId) {
        SortedSet<YearMonth> months = new TreeSet<>();
        jdbc.query("SELECT DISTINCT first_month, last_month FROM usage_months WHERE run_id = ?", rs -> {
            YearMonth first = month(rs.getInt(1));
            YearMonth last = month(rs.getInt(2));
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                months.add(m);
            }
        }, runId);
        return months;
    }

    List<CatalogPrice> catalog(long runId) {
        return jdbc.query("SELECT source, line, sku, region, billing_mode, price_unit, unit_price, currency,"
                + " effective_from, effective_to, in_stock FROM catalog_row WHERE run_id = ? ORDER BY source, line",
                (rs, i) -> {
                    long to = rs.getLong(10);
                    Instant effectiveTo = rs.wasNull() ? null : Instant.ofEpochSecond(to);
                    return new CatalogPrice(rs.getString(3), rs.getString(4), BillingMode.valueOf(rs.getString(5)),
                            PriceUnit.valueOf(rs.getString(6)), new BigDecimal(rs.getString(7)),
                            Currency.getInstance(rs.getString(8)), Instant.ofEpochSecond(rs.getLong(9)), effectiveTo,
                            rs.getBoolean(11), new SourceRef(rs.getString(1), rs.getLong(2)));
                }, runId);
    }

    static final String ORDER_COLUMNS = "resource_id, source, line, order_id, account_id, resource_class, region, sku,"
            + " quantity, order_type, billing_mode, effective_at, duration, duration_unit, auto_renew, status, duplicate";

    static Order order(ResultSet rs) throws SQLException {
        int duration = rs.getInt(13);
        TermLength term = rs.wasNull() ? null : new TermLength(duration, PriceUnit.valueOf(rs.getString(14)));
        return new Order(rs.getString(4), rs.getString(5), rs.getString(1), ResourceClass.valueOf(rs.getString(6)),
                rs.getString(7), rs.getString(8), rs.getInt(9), OrderType.valueOf(rs.getString(10)),
                BillingMode.valueOf(rs.getString(11)), Instant.ofEpochSecond(rs.getLong(12)), term, rs.getBoolean(15),
                OrderStatus.valueOf(rs.getString(16)), new SourceRef(rs.getString(2), rs.getLong(3)));
    }

    /** The data rows per input file: the sum of its ranges. */
    Map<String, Long> fileRows(long runId) {
        Map<String, Long> rows = new TreeMap<>();
        jdbc.query("SELECT source, SUM(data_rows) FROM input_file WHERE run_id = ? GROUP BY source",
                (RowCallbackHandler) rs -> rows.put(rs.getString(1), rs.getLong(2)), runId);
        return rows;
    }

    /** Rows staged per file (all three tables) and, for orders and usage, per bucket. */
    Books.Staged staged(long runId) {
        Books.Staged staged = new Books.Staged();
        jdbc.query("SELECT source, COUNT(*) FROM catalog_row WHERE run_id = ? GROUP BY source",
                (RowCallbackHandler) rs -> staged.file(rs.getString(1), rs.getLong(2)), runId);
        jdbc.query("SELECT source, bucket, COUNT(*) FROM order_row WHERE run_id = ? GROUP BY source, bucket",
                (RowCallbackHandler) rs -> staged.orders(rs.getString(1), rs.getInt(2), rs.getLong(3)), runId);
        jdbc.query("SELECT source, bucket, SUM(row_count) FROM usage_pack WHERE run_id = ? GROUP BY source, bucket",
                (RowCallbackHandler) rs -> staged.usage(rs.getString(1), rs.getInt(2), rs.getLong(3)), runId);
        return staged;
    }

    Map<String, Long> rejectedByFile(long runId) {
        Map<String, Long> rejected = new TreeMap<>();
        jdbc.query("SELECT source, COUNT(*) FROM finding WHERE run_id = ? AND code = 'MALFORMED_ROW' GROUP BY source",
                (RowCallbackHandler) rs -> rejected.put(rs.getString(1), rs.getLong(2)), runId);
        return rejected;
    }

    /**
     * Rows read per kind: the data rows of the kind's files as their readers counted them, which the self-check
     * (checkBooks) has proved equal to the rows staged plus the rows rejected.
     */
    long dataRows(long runId, String filePrefix) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(data_rows), 0) FROM input_file WHERE run_id = ? AND source LIKE ?",
                Long.class, runId, filePrefix + "%");
    }

    long rejectedRows(long runId, String filePrefix) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM finding WHERE run_id = ? AND code = 'MALFORMED_ROW'"
                + " AND source LIKE ?", Long.class, runId, filePrefix + "%");
    }

    /** The last malformed row of a kind's files in reading order (file, then line), with why it was rejected. */
    MalformedRowException lastRejection(long runId, String filePrefix) {
        return jdbc.query("SELECT source, line, detail FROM finding WHERE run_id = ? AND code = 'MALFORMED_ROW'"
                + " AND source LIKE ? ORDER BY source" + database.codePointOrder() + " DESC, line DESC",
                (rs, i) -> new MalformedRowException(new SourceRef(rs.getString(1), rs.getLong(2)), rs.getString(3)),
                runId, filePrefix + "%").stream().findFirst()
                .orElse(new MalformedRowException(SourceRef.NONE, ""));
    }

    Map<String, Long> ignoredOrders(long runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(OrderStatus.UNPAID.name(), 0L);
        counts.put(OrderStatus.CANCELLED.name(), 0L);
        jdbc.query("SELECT status, COUNT(*) FROM order_row WHERE run_id = ? AND duplicate = FALSE AND status <> 'PAID'"
                + " GROUP BY status", (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)), runId);
        return counts;
    }

    /**
     * Staged input rows are only needed while the run is going; results stay as history. H2 rewrites every row a
     * DELETE removes, which for a million usage rows takes longer than staging them; when this run is the only one
     * with rows in a table, H2 empties it instead. That is safe because an H2 file is open in one process only, and
     * a process runs one job at a time. PostgreSQL, shared by concurrent runs, deletes the run's rows.
     */
    void dropStaging(long runId) {
        boolean h2 = !database.postgres();
        for (String table : List.of("usage_pack", "usage_months", "order_row", "catalog_row", "focus_rows")) {
            boolean onlyThisRun = Boolean.TRUE.equals(jdbc.query("SELECT MIN(run_id), MAX(run_id) FROM " + table,
                    rs -> rs.next() && (rs.getObject(1) == null || rs.getLong(1) == runId && rs.getLong(2) == runId)));
            if (h2 && onlyThisRun) {
                jdbc.execute("TRUNCATE TABLE " + table);
            } else {
                jdbc.update("DELETE FROM " + table + " WHERE run_id = ?", runId);
            }
        }
    }
}
