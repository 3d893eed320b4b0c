package com.computebilling.job;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.findings.Finding;
import com.computebilling.findings.SourceRef;
import com.computebilling.input.InputKind;
import com.computebilling.input.MalformedRowException;
import com.computebilling.orders.Order;
import com.computebilling.orders.OrderStatus;
import com.computebilling.time.BillingZone;
import com.computebilling.usage.UsageRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
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

    /** Order packs read at once when looking for duplicates: at most 128 chunks' orders of one bucket. */
    private static final int ORDER_PACKS_PAGE = 128;

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
        jdbc.batchUpdate(StagedPack.insertInto("order_pack"), OrderPacks.pack(rows), 100,
                (ps, p) -> p.bind(ps, runId));
    }

    void insertUsage(long runId, BillingZone zone, List<? extends UsageRecord> rows) {
        jdbc.batchUpdate(StagedPack.insertInto("usage_pack"), UsagePacks.pack(rows, database.get().textOrder()), 100,
                (ps, p) -> p.bind(ps, runId));
        // The chunk's months (first and last month of each interval), a handful of rows, for planning.
        // Each pair as one long (first << 32 | last); neighbouring rows nearly always share theirs.
        Set<Long> months = new LinkedHashSet<>();
        long previous = -1;
        for (UsageRecord u : rows) {
            long pair = (long) monthKey(zone.monthOf(u.interval().start())) << 32
                    | (monthKey(zone.monthOf(u.interval().end().minusSeconds(1))) & 0xFFFFFFFFL);
            if (pair != previous) {
                months.add(pair);
                previous = pair;
            }
        }
        jdbc.batchUpdate("INSERT INTO usage_months (run_id, first_month, last_month) VALUES (?,?,?)", months,
                months.size(), (ps, m) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, (int) (m >>> 32));
                    ps.setInt(3, (int) (long) m);
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
     * a committed chunk took): rows a dead attempt left there ({@link Leftovers}) would collide with the same rows read
     * again, so they are dropped and read again instead.
     */
    void discardStagedAfter(long runId, InputKind kind, String file, long after, long before) {
        String table = switch (kind) {
            case CATALOG -> "catalog_row";
            case ORDERS -> "order_pack";
            case USAGE -> "usage_pack";
        };
        // a pack holds rows of one chunk only, so its first line tells on which side of the position all of it is
        String line = kind == InputKind.CATALOG ? "line" : "first_line";
        Leftovers.delete(jdbc, !database.postgres(), List.of(
                new Leftovers.Delete(table, "run_id = ? AND source = ? AND " + line + " > ? AND "
                        + line + " < ?", runId, file, after, before),
                new Leftovers.Delete("finding", "run_id = ? AND code = 'MALFORMED_ROW' AND source = ?"
                        + " AND line > ? AND line < ?", runId, file, after, before)));
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
            for (String table : List.of("order_pack", "usage_pack", "catalog_row")) {
                jdbc.execute("ANALYZE " + table);
            }
        }
    }

    /**
     * Finds the order rows whose order_id an earlier row (file order, then line) already used, and the orders ignored
     * for their status, and keeps both for rating and the summary (replacing what an earlier attempt kept).
     */
    void findDuplicateOrders(long runId) {
        long staged = jdbc.queryForObject("SELECT COALESCE(SUM(row_count), 0) FROM order_pack WHERE run_id = ?",
                Long.class, runId);
        DuplicateOrders.Found found = DuplicateOrders.find(staged,
                (shares, share, consumer) -> eachStagedOrder(runId, shares, share, consumer), database.get().textOrder());
        jdbc.update("DELETE FROM order_duplicate WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM order_ignored WHERE run_id = ?", runId);
        jdbc.batchUpdate("INSERT INTO order_duplicate (run_id, bucket, source, line) VALUES (?,?,?,?)",
                found.duplicates(), 1000, (ps, o) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, o.bucket());
                    ps.setString(3, o.source().file());
                    ps.setLong(4, o.source().line());
                });
        found.ignored().forEach((status, orders) -> jdbc.update(
                "INSERT INTO order_ignored (run_id, status, orders) VALUES (?,?,?)", runId, status.name(), orders));
    }

    /**
     * The staged orders of the run whose id falls in one share, a page of packs at a time (by key, so that no database
     * sorts them).
     */
    private void eachStagedOrder(long runId, int shares, int share,
                                 java.util.function.Consumer<OrderPacks.IdRef> consumer) {
        record Key(int bucket, String source, long firstLine) {
        }
        Key last = new Key(-1, "", -1);
        while (true) {
            List<Key> read = new ArrayList<>();
            jdbc.query("SELECT bucket, source, first_line, records FROM order_pack WHERE run_id = ?"
                    + " AND (bucket, source, first_line) > (?, ?, ?) ORDER BY run_id, bucket, source, first_line"
                    + " FETCH FIRST " + ORDER_PACKS_PAGE + " ROWS ONLY", (RowCallbackHandler) rs -> {
                        read.add(new Key(rs.getInt(1), rs.getString(2), rs.getLong(3)));
                        OrderPacks.skim(rs.getString(2), rs.getInt(1), rs.getBytes(4), shares, share, consumer);
                    }, runId, last.bucket(), last.source(), last.firstLine());
            if (read.size() < ORDER_PACKS_PAGE) {
                return;
            }
            last = read.get(read.size() - 1);
        }
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
        jdbc.query("SELECT source, bucket, SUM(row_count) FROM order_pack WHERE run_id = ? GROUP BY source, bucket",
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
        jdbc.query("SELECT status, orders FROM order_ignored WHERE run_id = ?",
                (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)), runId);
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
        for (String table : List.of("usage_pack", "usage_months", "order_pack", "order_duplicate", "order_ignored",
                "catalog_row", "focus_rows")) {
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
