package com.computebilling.job;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.catalog.TermLength;
import com.computebilling.invoicing.DayTotals;
import com.computebilling.invoicing.Invoice;
import com.computebilling.invoicing.InvoiceTotals;
import com.computebilling.invoicing.InvoiceStatus;
import com.computebilling.input.InputKind;
import com.computebilling.input.MalformedRowException;
import com.computebilling.output.ChargeRows;
import com.computebilling.rating.NodeSeconds;
import com.computebilling.rating.ResourceBill;
import com.computebilling.rating.UsageRecord;
import com.computebilling.reconciliation.Finding;
import com.computebilling.reconciliation.SourceRef;
import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import com.computebilling.time.ProcessedPeriod;
import com.computebilling.timeline.Order;
import com.computebilling.timeline.OrderStatus;
import com.computebilling.timeline.OrderType;
import com.computebilling.timeline.ResourceClass;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * All SQL of the product. Every write goes through the one {@link JdbcTemplate} on the DataSource the job
 * repository uses, so it joins the chunk's transaction: a chunk's rows and its restart position commit together.
 */
@Component
public class BillingStore {

    private final JdbcTemplate jdbc;

    /** Texts of charges.csv read at once: at most 50 × 500,000 characters in memory. */
    private static final int CHARGE_PAGE = 50;

    /** The bucket of a finding that belongs to no rated resource (a malformed row). */
    static final int NO_BUCKET = -1;

    private volatile Database database;

    public BillingStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** PostgreSQL or the embedded H2: the only two the product runs on. */
    Database database() {
        if (database == null) {
            database = jdbc.execute((ConnectionCallback<Database>) Database::of);
        }
        return database;
    }

    boolean postgres() {
        return database() == Database.POSTGRESQL;
    }

    /** Text compared as Java compares it (code points): PostgreSQL's columns may collate otherwise. */
    private String codePointOrder() {
        return database().codePointCollation();
    }

    // ---- restart: what a crashed execution may have left beyond its committed position ------------------------

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

    /**
     * Discards the rating results of resources a partition has not committed: every resource of {@code buckets}
     * after {@code lastResource} in the first bucket (the one the partition stands in) and all of the later ones.
     */
    void discardRatedAfter(long runId, List<Integer> buckets, String lastResource) {
        if (buckets.isEmpty()) {
            return;
        }
        String later = buckets.size() == 1 ? "" : " OR bucket IN (" + placeholders(buckets.size() - 1) + ")";
        List<Object> args = new ArrayList<>(List.of(runId, buckets.get(0), lastResource));
        args.addAll(buckets.subList(1, buckets.size()));
        for (String table : List.of("charge_rows", "charge_line_ids", "charge_total", "resource_tally", "finding",
                "focus_rows")) {
            jdbc.update("DELETE FROM " + table + " WHERE run_id = ? AND ((bucket = ? AND resource_id" + codePointOrder()
                    + " > ?)" + later + ")", args.toArray());
        }
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    // ---- the run's books -------------------------------------------------------------------------------------

    /** The data rows of one range of an input file, as its reader counted them on reaching the range's end. */
    void recordFileRows(long runId, String source, long firstLine, long dataRows) {
        jdbc.update("DELETE FROM input_file WHERE run_id = ? AND source = ? AND first_line = ?", runId, source,
                firstLine);
        jdbc.update("INSERT INTO input_file (run_id, source, first_line, data_rows) VALUES (?,?,?,?)", runId, source,
                firstLine, dataRows);
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

    /** Per bucket: the staged usage and order rows its rated resources were rated from. */
    Map<Integer, Books.Rated> ratedByBucket(long runId) {
        Map<Integer, Books.Rated> rated = new TreeMap<>();
        jdbc.query("SELECT bucket, SUM(usage_rows), SUM(order_rows) FROM resource_tally WHERE run_id = ? GROUP BY bucket",
                (RowCallbackHandler) rs -> rated.put(rs.getInt(1), new Books.Rated(rs.getLong(2), rs.getLong(3))), runId);
        return rated;
    }

    void saveCheck(long runId, Books.Passed passed) {
        jdbc.update("DELETE FROM run_check WHERE run_id = ?", runId);
        jdbc.update("INSERT INTO run_check (run_id, status, files, data_rows, buckets) VALUES (?,?,?,?,?)", runId,
                "PASSED", passed.files(), passed.dataRows(), passed.buckets());
    }

    /** A failed check is kept (in its own transaction, the step's rolls back) so the next attempt starts over. */
    void saveFailedCheck(long runId) {
        jdbc.update("DELETE FROM run_check WHERE run_id = ?", runId);
        jdbc.update("INSERT INTO run_check (run_id, status, files, data_rows, buckets) VALUES (?,?,0,0,0)", runId,
                "FAILED");
    }

    boolean checkFailed(long runId) {
        return Boolean.TRUE.equals(jdbc.query("SELECT 1 FROM run_check WHERE run_id = ? AND status = 'FAILED'",
                ResultSet::next, runId));
    }

    Optional<Books.Passed> check(long runId) {
        return jdbc.query("SELECT files, data_rows, buckets FROM run_check WHERE run_id = ? AND status = 'PASSED'",
                (rs, i) -> new Books.Passed(rs.getInt(1), rs.getLong(2), rs.getInt(3)), runId).stream().findFirst();
    }

    // ---- staging -------------------------------------------------------------------------------------------

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
                    ps.setInt(18, Buckets.of(o.resourceId()));
                });
    }

    void insertUsage(long runId, BillingZone zone, List<? extends UsageRecord> rows) {
        jdbc.batchUpdate("INSERT INTO usage_pack (run_id, bucket, source, first_line, row_count, records)"
                + " VALUES (?,?,?,?,?,?)", UsagePacks.pack(rows), 100, (ps, p) -> {
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

    /** A finding and the bucket of the resource it is about ({@link #NO_BUCKET} for a malformed row). */
    private record BucketedFinding(int bucket, Finding finding) {
    }

    /** Findings of loading (no bucket): malformed rows. */
    void insertFindings(long runId, List<Finding> findings) {
        insertBucketedFindings(runId, findings.stream().map(f -> new BucketedFinding(NO_BUCKET, f)).toList());
    }

    private void insertBucketedFindings(long runId, List<BucketedFinding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO finding (run_id, code, severity, source, line, account_id, resource_id,"
                + " order_id, record_id, detail, bucket) VALUES (?,?,?,?,?,?,?,?,?,?,?)", findings, findings.size(),
                (ps, bf) -> {
                    Finding f = bf.finding();
                    ps.setLong(1, runId);
                    ps.setString(2, f.code().name());
                    ps.setString(3, f.severity().name());
                    ps.setString(4, f.source().file());
                    ps.setLong(5, f.source().line());
                    ps.setString(6, f.accountId());
                    ps.setString(7, f.resourceId());
                    ps.setString(8, f.orderId());
                    ps.setString(9, f.recordId());
                    ps.setString(10, truncate(f.detail(), 2000));
                    ps.setInt(11, bf.bucket());
                });
    }

    /**
     * PostgreSQL plans a query from table statistics that its autovacuum refreshes in its own time: staging tables
     * filled a moment ago by fast loaders (remote workers load 100,000 rows in seconds) still look empty to it, and
     * the duplicate-order search below then ran as a nested scan (6 s for 12,000 orders). A sampled ANALYZE of the
     * staging tables, once loaded, costs a fraction of a second at any size. H2 needs none.
     */
    void refreshStagingStatistics() {
        if (postgres()) {
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

    // ---- plan ----------------------------------------------------------------------------------------------

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

    void savePlan(long runId, ProcessedPeriod period) {
        jdbc.update("DELETE FROM run_plan WHERE run_id = ?", runId);
        String value = period.kind() == ProcessedPeriod.Kind.DAY ? period.days().get(0).toString()
                : period.months().stream().map(YearMonth::toString).collect(Collectors.joining(","));
        jdbc.update("INSERT INTO run_plan (run_id, zone, period_kind, period_value, day_count) VALUES (?,?,?,?,?)",
                runId, period.zone().toString(), period.kind().name(), value, period.days().size());
    }

    Optional<ProcessedPeriod> plan(long runId) {
        List<ProcessedPeriod> plans = jdbc.query("SELECT zone, period_kind, period_value FROM run_plan WHERE run_id = ?",
                (rs, i) -> {
                    BillingZone zone = BillingZone.of(rs.getString(1));
                    String value = rs.getString(3);
                    return switch (ProcessedPeriod.Kind.valueOf(rs.getString(2))) {
                        case DAY -> ProcessedPeriod.day(LocalDate.parse(value), zone);
                        case MONTH -> ProcessedPeriod.month(YearMonth.parse(value), zone);
                        case MONTHS_OF_USAGE -> ProcessedPeriod.monthsOfUsage(value.isEmpty() ? new TreeSet<>()
                                : java.util.Arrays.stream(value.split(",")).map(YearMonth::parse)
                                .collect(Collectors.toCollection(TreeSet::new)), zone);
                    };
                }, runId);
        return plans.stream().findFirst();
    }

    // ---- rating --------------------------------------------------------------------------------------------

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

    void insertBills(long runId, BillingZone zone, ChargeRows render, List<? extends RatedResource> rated) {
        // A bill's lines come in output order; they are stored as rendered rows, one text per account and resource
        // (in parts, see V6__charge_rows_and_totals.sql), so that charges.csv is a copy of these texts in key order.
        record Part(int bucket, ChargeRows.Part rows) {
        }
        record Total(int bucket, DayTotals totals) {
        }
        List<Part> parts = new ArrayList<>();
        List<Total> totals = new ArrayList<>();
        List<BucketedFinding> findings = new ArrayList<>();
        List<FocusPart> focusParts = new ArrayList<>();
        for (RatedResource r : rated) {
            List<ChargeRows.Part> rendered = render.parts(r.bill());
            rendered.forEach(p -> parts.add(new Part(r.bucket(), p)));
            // focus.csv is written by walking charge_rows' keys: an account with amortization rows but no line of
            // this resource gets an empty part, so that its key is there to walk.
            Set<String> accounts = rendered.stream().map(ChargeRows.Part::accountId).collect(Collectors.toSet());
            r.amortization().forEach((account, rows) -> {
                if (!accounts.contains(account)) {
                    parts.add(new Part(r.bucket(), new ChargeRows.Part(account, r.bill().resourceId(), 0, 0, "", "")));
                }
                focusParts.addAll(FocusPart.split(r.bucket(), account, r.bill().resourceId(), rows));
            });
            DayTotals.of(r.bill(), zone).forEach(t -> totals.add(new Total(r.bucket(), t)));
            r.bill().findings().forEach(f -> findings.add(new BucketedFinding(r.bucket(), f)));
        }
        jdbc.batchUpdate("INSERT INTO focus_rows (run_id, account_id, resource_id, part, bucket, timed_rows)"
                + " VALUES (?,?,?,?,?,?)", focusParts, 100, (ps, p) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, p.accountId());
                    ps.setString(3, p.resourceId());
                    ps.setInt(4, p.part());
                    ps.setInt(5, p.bucket());
                    ps.setString(6, p.text());
                });
        jdbc.batchUpdate("INSERT INTO charge_rows (run_id, account_id, resource_id, part, line_count, csv_rows, bucket)"
                + " VALUES (?,?,?,?,?,?,?)", parts, 100, (ps, p) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, p.rows().accountId());
                    ps.setString(3, p.rows().resourceId());
                    ps.setInt(4, p.rows().part());
                    ps.setInt(5, p.rows().lineCount());
                    ps.setString(6, p.rows().rows());
                    ps.setInt(7, p.bucket());
                });
        jdbc.batchUpdate("INSERT INTO charge_line_ids (run_id, account_id, resource_id, part, bucket, line_ids)"
                + " VALUES (?,?,?,?,?,?)", parts, 100, (ps, p) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, p.rows().accountId());
                    ps.setString(3, p.rows().resourceId());
                    ps.setInt(4, p.rows().part());
                    ps.setInt(5, p.bucket());
                    ps.setString(6, p.rows().lineIds());
                });
        jdbc.batchUpdate("INSERT INTO charge_total (run_id, resource_id, billing_day, account_id, currency,"
                + " billing_month, subscription_amount, usage_amount, line_count, bucket) VALUES (?,?,?,?,?,?,?,?,?,?)",
                totals, 1000, (ps, total) -> {
                    DayTotals t = total.totals();
                    ps.setLong(1, runId);
                    ps.setString(2, t.resourceId());
                    ps.setInt(3, dayKey(t.day()));
                    ps.setString(4, t.accountId());
                    ps.setString(5, t.currency().getCurrencyCode());
                    ps.setInt(6, monthKey(YearMonth.from(t.day())));
                    ps.setBigDecimal(7, t.subscriptionLines());
                    ps.setBigDecimal(8, t.usageLines());
                    ps.setLong(9, t.lineCount());
                    ps.setInt(10, total.bucket());
                });
        insertBucketedFindings(runId, findings);
        jdbc.batchUpdate("INSERT INTO resource_tally (run_id, resource_id, input, billed, covered, without_order,"
                + " quantity_excess, no_price, out_of_period, bucket, usage_rows, order_rows)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rated, rated.size(), (ps, r) -> {
                    NodeSeconds n = r.bill().nodeSeconds();
                    ps.setLong(1, runId);
                    ps.setString(2, r.bill().resourceId());
                    ps.setLong(3, n.input());
                    ps.setLong(4, n.billed());
                    ps.setLong(5, n.covered());
                    ps.setLong(6, n.withoutOrder());
                    ps.setLong(7, n.quantityExcess());
                    ps.setLong(8, n.noPrice());
                    ps.setLong(9, n.outOfPeriod());
                    ps.setInt(10, r.bucket());
                    ps.setLong(11, r.usageRows());
                    ps.setLong(12, r.orderRows());
                });
    }

    // ---- publish -------------------------------------------------------------------------------------------

    /** This run's charges now stand for every day of its period: the replacement, in the caller's transaction. */
    void takeOwnership(long runId, ProcessedPeriod period) {
        // Serialises publishing across processes: held until this transaction commits (see V3__publish_lock.sql).
        jdbc.update("UPDATE publish_lock SET publishes = publishes + 1 WHERE id = 1");
        String zone = period.zone().toString();
        List<Integer> days = period.days().stream().map(BillingStore::dayKey).toList();
        for (int i = 0; i < days.size(); i += 500) {
            List<Integer> slice = days.subList(i, Math.min(days.size(), i + 500));
            String in = slice.stream().map(String::valueOf).collect(Collectors.joining(","));
            jdbc.update("DELETE FROM day_owner WHERE zone = ? AND billing_day IN (" + in + ")", zone);
        }
        jdbc.batchUpdate("INSERT INTO day_owner (zone, billing_day, run_id) VALUES (?,?,?)", days, 500, (ps, d) -> {
            ps.setString(1, zone);
            ps.setInt(2, d);
            ps.setLong(3, runId);
        });
    }

    /** Does every day of this run's period still carry this run's charges? */
    boolean ownsItsPeriod(long runId) {
        Integer planned = jdbc.query("SELECT day_count FROM run_plan WHERE run_id = ?",
                rs -> rs.next() ? rs.getInt(1) : null, runId);
        Integer owned = jdbc.queryForObject("SELECT COUNT(*) FROM day_owner WHERE run_id = ?", Integer.class, runId);
        return planned != null && owned != null && planned.equals(owned);
    }

    /**
     * Exact sums of the stored charges of a month, as the days' current owners left them: per owning run, the day
     * totals of the days it owns (written with the lines, see {@code DayTotals}); the runs' sums add up exactly.
     */
    List<InvoiceTotals> invoiceTotals(BillingZone zone, YearMonth month) {
        Map<List<String>, InvoiceTotals> totals = new LinkedHashMap<>();
        daysByOwner(zone, month).forEach((owner, owned) -> {
            String in = literals(owned);
            jdbc.query("SELECT account_id, currency, SUM(subscription_amount), SUM(usage_amount), SUM(line_count)"
                    + " FROM charge_total WHERE run_id = ? AND billing_month = ? AND billing_day IN (" + in + ")"
                    + " GROUP BY account_id, currency",
                    (RowCallbackHandler) rs -> totals.merge(List.of(rs.getString(1), rs.getString(2)),
                            new InvoiceTotals(rs.getString(1), month, Currency.getInstance(rs.getString(2)),
                                    rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getLong(5)), InvoiceTotals::plus),
                    owner, monthKey(month));
        });
        return new ArrayList<>(totals.values());
    }

    /** The days of a month each run owns now (day_owner): whose charges stand for which day. */
    private Map<Long, List<Integer>> daysByOwner(BillingZone zone, YearMonth month) {
        Interval days = zone.monthInterval(month);
        Map<Long, List<Integer>> daysByOwner = new TreeMap<>();
        jdbc.query("SELECT run_id, billing_day FROM day_owner WHERE zone = ? AND billing_day >= ? AND billing_day < ?",
                (RowCallbackHandler) rs -> daysByOwner.computeIfAbsent(rs.getLong(1), r -> new ArrayList<>())
                        .add(rs.getInt(2)),
                zone.toString(), dayKey(zone.dayOf(days.start())), dayKey(zone.dayOf(days.end())));
        return daysByOwner;
    }

    /** At most 31 day keys, as literals: a constant IN list is a hash lookup per row on every database. */
    private static String literals(List<Integer> keys) {
        return keys.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    void replaceInvoices(long runId, BillingZone zone, YearMonth month, List<Invoice> invoices) {
        jdbc.update("DELETE FROM invoice WHERE zone = ? AND billing_month = ?", zone.toString(), monthKey(month));
        jdbc.batchUpdate("INSERT INTO invoice (zone, invoice_id, account_id, billing_month, currency,"
                + " subscription_amount, usage_amount, total_amount, line_count, status, run_id)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?)", invoices, 500, (ps, inv) -> {
                    ps.setString(1, zone.toString());
                    ps.setString(2, inv.invoiceId());
                    ps.setString(3, inv.accountId());
                    ps.setInt(4, monthKey(inv.month()));
                    ps.setString(5, inv.currency().getCurrencyCode());
                    ps.setBigDecimal(6, inv.subscriptionAmount());
                    ps.setBigDecimal(7, inv.usageAmount());
                    ps.setBigDecimal(8, inv.totalAmount());
                    ps.setLong(9, inv.lineCount());
                    ps.setString(10, inv.status().name());
                    ps.setLong(11, runId);
                });
    }

    // ---- outputs -------------------------------------------------------------------------------------------

    /** A stored text of one account and resource: a part of its charges.csv rows, or of its FOCUS amortization rows. */
    record KeyedText(String accountId, String resourceId, int part, String text) {

        boolean sameKey(KeyedText other) {
            return other != null && accountId.equals(other.accountId) && resourceId.equals(other.resourceId);
        }
    }

    /** The run's charge_rows texts with their keys, in charges.csv order (each text ends in LF). */
    Iterator<KeyedText> chargeTexts(long runId) {
        return new TextPages(runId, "charge_rows", "csv_rows");
    }

    /** The run's focus_rows texts in the same key order as {@link #chargeTexts}. */
    Iterator<KeyedText> focusTexts(long runId) {
        return new TextPages(runId, "focus_rows", "timed_rows");
    }

    /**
     * Reads a page of texts at a time after the last key seen: a text can hold half a megabyte, and a database may
     * hold a whole result in memory before handing out its first row (H2 does, up to a row count, not a size). The
     * whole key, run_id included, is in ORDER BY: H2 then reads the key in order instead of sorting.
     */
    private final class TextPages implements Iterator<KeyedText> {
        private final long runId;
        private final String table;
        private final String column;
        private final ArrayDeque<KeyedText> page = new ArrayDeque<>();
        private KeyedText last = new KeyedText("", "", -1, null);
        private boolean exhausted;

        TextPages(long runId, String table, String column) {
            this.runId = runId;
            this.table = table;
            this.column = column;
        }

        @Override
        public boolean hasNext() {
            if (page.isEmpty() && !exhausted) {
                List<KeyedText> read = jdbc.query("SELECT account_id, resource_id, part, " + column + " FROM " + table
                        + " WHERE run_id = ? AND (account_id, resource_id, part) > (?, ?, ?)"
                        + " ORDER BY run_id, account_id, resource_id, part FETCH FIRST " + CHARGE_PAGE + " ROWS ONLY",
                        (rs, i) -> new KeyedText(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)),
                        runId, last.accountId(), last.resourceId(), last.part());
                page.addAll(read);
                exhausted = read.size() < CHARGE_PAGE;
                if (!read.isEmpty()) {
                    last = read.get(read.size() - 1);
                }
            }
            return !page.isEmpty();
        }

        @Override
        public KeyedText next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.removeFirst();
        }
    }

    void eachInvoice(BillingZone zone, List<Integer> months, RowCallbackHandler handler) {
        if (months.isEmpty()) {
            return;
        }
        String in = months.stream().map(String::valueOf).collect(Collectors.joining(","));
        jdbc.query("SELECT invoice_id, account_id, billing_month, currency, subscription_amount, usage_amount,"
                + " total_amount, line_count, status FROM invoice WHERE zone = ? AND billing_month IN (" + in + ")"
                + " ORDER BY account_id, billing_month, currency", handler, zone.toString());
    }

    void eachFinding(long runId, RowCallbackHandler handler) {
        jdbc.query("SELECT code, severity, source, line, account_id, resource_id, order_id, record_id, detail"
                + " FROM finding WHERE run_id = ? ORDER BY source, line, code, record_id, order_id, resource_id, detail",
                handler, runId);
    }

    Map<String, Long> findingCounts(long runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT code, COUNT(*) FROM finding WHERE run_id = ? GROUP BY code ORDER BY code",
                (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)), runId);
        return counts;
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
                + " AND source LIKE ? ORDER BY source" + codePointOrder() + " DESC, line DESC",
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

    NodeSeconds nodeSeconds(long runId) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(input),0), COALESCE(SUM(billed),0), COALESCE(SUM(covered),0),"
                + " COALESCE(SUM(without_order),0), COALESCE(SUM(quantity_excess),0), COALESCE(SUM(no_price),0),"
                + " COALESCE(SUM(out_of_period),0) FROM resource_tally WHERE run_id = ?",
                (rs, i) -> new NodeSeconds(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)), runId);
    }

    long chargeLineCount(long runId) {
        // The day totals count the lines they were added up from: tens of thousands of rows to read, not millions.
        return jdbc.queryForObject("SELECT COALESCE(SUM(line_count), 0) FROM charge_total WHERE run_id = ?",
                Long.class, runId);
    }

    /**
     * Staged input rows are only needed while the run is going; results stay as history. H2 rewrites every row a
     * DELETE removes, which for a million usage rows takes longer than staging them; when this run is the only one
     * with rows in a table, H2 empties it instead. That is safe because an H2 file is open in one process only, and
     * a process runs one job at a time. PostgreSQL, shared by concurrent runs, deletes the run's rows.
     */
    void dropStaging(long runId) {
        boolean h2 = !postgres();
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

    // ---- explain -------------------------------------------------------------------------------------------

    /** A stored charge line: the run that stored it, its resource and its charges.csv row. */
    record StoredLine(long runId, String accountId, String resourceId, String csvRow) {
    }

    /**
     * The stored line with this id. Ids are stable across re-runs, so several runs may hold it: the one whose days it
     * stands for now (the newest run that owns a day) is preferred, else the newest.
     */
    Optional<StoredLine> storedLine(String lineId) {
        if (!lineId.matches("CL[0-9a-f]{20}")) {
            return Optional.empty();
        }
        List<Object[]> parts = jdbc.query("SELECT i.run_id, i.account_id, i.resource_id, i.part,"
                + " CASE WHEN EXISTS (SELECT 1 FROM day_owner d WHERE d.run_id = i.run_id) THEN 1 ELSE 0 END"
                + " FROM charge_line_ids i WHERE i.line_ids LIKE ? ORDER BY 5 DESC, i.run_id DESC",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)},
                "%" + lineId + "%");
        for (Object[] p : parts) {
            String rows = jdbc.queryForObject("SELECT csv_rows FROM charge_rows WHERE run_id = ? AND account_id = ?"
                    + " AND resource_id = ? AND part = ?", String.class, p);
            Optional<String> row = rows.lines().filter(l -> l.startsWith(lineId + ",")).findFirst();
            if (row.isPresent()) {
                return Optional.of(new StoredLine((Long) p[0], (String) p[1], (String) p[2], row.get()));
            }
        }
        return Optional.empty();
    }

    /** The exact sums of one invoice: {@link #invoiceTotals} for its account and currency only. */
    Optional<InvoiceTotals> invoiceTotals(BillingZone zone, YearMonth month, String accountId, Currency currency) {
        InvoiceTotals[] sum = {null};
        daysByOwner(zone, month).forEach((owner, owned) -> jdbc.query("SELECT SUM(subscription_amount),"
                + " SUM(usage_amount), SUM(line_count) FROM charge_total WHERE run_id = ? AND billing_month = ?"
                + " AND account_id = ? AND currency = ? AND billing_day IN (" + literals(owned) + ") HAVING COUNT(*) > 0",
                (RowCallbackHandler) t -> {
                    InvoiceTotals part = new InvoiceTotals(accountId, month, currency, t.getBigDecimal(1),
                            t.getBigDecimal(2), t.getLong(3));
                    sum[0] = sum[0] == null ? part : sum[0].plus(part);
                }, owner, monthKey(month), accountId, currency.getCurrencyCode()));
        return Optional.ofNullable(sum[0]);
    }

    /** An invoice as stored: its exact sums are those of the day totals of its month. */
    Optional<Invoice> invoice(BillingZone zone, String invoiceId) {
        return jdbc.query("SELECT account_id, billing_month, currency, subscription_amount, usage_amount, total_amount,"
                + " line_count, status FROM invoice WHERE zone = ? AND invoice_id = ?", (rs, i) ->
                new Invoice(invoiceId, rs.getString(1), month(rs.getInt(2)), Currency.getInstance(rs.getString(3)),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7),
                        InvoiceStatus.valueOf(rs.getString(8))), zone.toString(), invoiceId).stream().findFirst();
    }

    // ---- keys ----------------------------------------------------------------------------------------------

    static int dayKey(LocalDate d) {
        return d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
    }

    static int monthKey(YearMonth m) {
        return m.getYear() * 100 + m.getMonthValue();
    }

    static YearMonth month(int key) {
        return YearMonth.of(key / 100, key % 100);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
