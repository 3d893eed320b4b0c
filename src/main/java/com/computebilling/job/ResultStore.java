package com.computebilling.job;

import com.computebilling.invoicing.DayTotals;
import com.computebilling.output.ChargeRows;
import com.computebilling.rating.NodeSeconds;
import com.computebilling.time.BillingZone;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import static com.computebilling.job.StoreKeys.placeholders;

/**
 * What rating stores, in the chunk's transaction: per resource its charges.csv rows, day totals, findings and FOCUS
 * amortization rows; per rated group and bucket the line ids of those rows and the node-second tally. Read back by
 * the self-check, the outputs, {@code history} and {@code explain}; kept as history after the run.
 */
@Component
class ResultStore {

    private final JdbcTemplate jdbc;
    private final ConnectedDatabase database;

    /** Findings fetched from PostgreSQL's cursor at a time. */
    private static final int FINDING_FETCH = 10_000;
    /** Pieces of charges.csv texts fetched at a time: up to a megabyte each (ChargeTextGroups). */
    private static final int PIECE_FETCH = 16;

    /** Texts of charges.csv read at once: at most 50 × 500,000 characters in memory. */
    private static final int CHARGE_PAGE = 50;

    ResultStore(JdbcTemplate jdbc, ConnectedDatabase database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    void insertBills(long runId, BillingZone zone, ChargeRows render, List<? extends RatedResource> rated) {
        // A bill's lines come in output order; they are stored as rendered rows, one text per account and resource
        // (in parts, see V6__charge_rows_and_totals.sql), so that charges.csv is a copy of these texts in key order: a
        // text of many lines in a row of its own (packed, see PackedRows), the others a group's at a time
        // (ChargeTextGroups).
        record Part(int bucket, ChargeRows.Part rows) {
        }
        record Total(int bucket, DayTotals totals) {
        }
        List<Part> parts = new ArrayList<>();
        List<Total> totals = new ArrayList<>();
        List<FindingRows.BucketedFinding> findings = new ArrayList<>();
        List<FocusPart> focusParts = new ArrayList<>();
        for (RatedResource r : rated) {
            List<ChargeRows.Part> rendered = render.parts(r.bill());
            rendered.forEach(p -> parts.add(new Part(r.bucket(), p)));
            // focus.csv is written by walking charge_rows' keys: an account with amortization rows but no line of
            // this resource gets an empty part, so that its key is there to walk.
            Set<String> accounts = r.amortization().isEmpty() ? Set.of()
                    : rendered.stream().map(ChargeRows.Part::accountId).collect(Collectors.toSet());
            r.amortization().forEach((account, rows) -> {
                if (!accounts.contains(account)) {
                    parts.add(new Part(r.bucket(), new ChargeRows.Part(account, r.bill().resourceId(), 0, 0, "", "")));
                }
                focusParts.addAll(FocusPart.split(r.bucket(), account, r.bill().resourceId(), rows));
            });
            DayTotals.of(r.bill(), zone).forEach(t -> totals.add(new Total(r.bucket(), t)));
            r.bill().findings().forEach(f -> findings.add(new FindingRows.BucketedFinding(r.bucket(), f)));
        }
        // Statements are prepared even for nothing to insert: FOCUS rows exist only in runs with --focus.
        if (!focusParts.isEmpty()) {
            insertFocusParts(runId, focusParts);
        }
        // charges.csv texts and their line ids once per group and bucket (see ChargeTextGroups, LineIdGroups), keyed
        // like the rest by the last resource with a stored text (FOCUS-only ones included)
        List<Part> ownRows = new ArrayList<>();
        List<GroupText> lineIds = new ArrayList<>();
        List<GroupPiece> rowPieces = new ArrayList<>();
        byBucket(parts, Part::bucket).forEach((bucket, inBucket) -> {
            List<String> texts = LineIdGroups.texts(inBucket.stream().map(Part::rows).toList(), LineIdGroups.TEXT_CHARS);
            String last = inBucket.get(inBucket.size() - 1).rows().resourceId();
            for (int piece = 0; piece < texts.size(); piece++) {
                lineIds.add(new GroupText(bucket, last, piece, texts.get(piece)));
            }
            List<ChargeRows.Part> grouped = new ArrayList<>();
            for (Part p : inBucket) {
                if (ChargeTextGroups.ownRow(p.rows())) {
                    ownRows.add(p);
                } else {
                    grouped.add(p.rows());
                }
            }
            List<byte[]> pieces = ChargeTextGroups.pack(grouped, ChargeTextGroups.PIECE_BYTES);
            for (int piece = 0; piece < pieces.size(); piece++) {
                rowPieces.add(new GroupPiece(bucket, last, piece, pieces.get(piece)));
            }
        });
        jdbc.batchUpdate("INSERT INTO charge_rows (run_id, account_id, resource_id, part, line_count, csv_rows,"
                + " csv_packed, bucket) VALUES (?,?,?,?,?,?,?,?)", ownRows, 100, (ps, p) -> {
                    Optional<byte[]> packed = PackedRows.pack(p.rows().rows());
                    ps.setLong(1, runId);
                    ps.setString(2, p.rows().accountId());
                    ps.setString(3, p.rows().resourceId());
                    ps.setInt(4, p.rows().part());
                    ps.setInt(5, p.rows().lineCount());
                    ps.setString(6, packed.isPresent() ? null : p.rows().rows());
                    ps.setBytes(7, packed.orElse(null));
                    ps.setInt(8, p.bucket());
                });
        jdbc.batchUpdate("INSERT INTO charge_row_groups (run_id, bucket, resource_id, piece, texts)"
                + " VALUES (?,?,?,?,?)", rowPieces, 100, (ps, g) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, g.bucket());
                    ps.setString(3, g.lastResource());
                    ps.setInt(4, g.piece());
                    ps.setBytes(5, g.bytes());
                });
        jdbc.batchUpdate("INSERT INTO charge_line_id_groups (run_id, bucket, resource_id, piece, keyed_ids)"
                + " VALUES (?,?,?,?,?)", lineIds, 100, (ps, g) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, g.bucket());
                    ps.setString(3, g.lastResource());
                    ps.setInt(4, g.piece());
                    ps.setString(5, g.text());
                });
        // Day totals once per group and bucket (see DayTotalPacks), keyed like the tallies by the last rated resource.
        List<GroupTotals> dayTotals = new ArrayList<>();
        Map<Integer, List<Total>> totalsByBucket = byBucket(totals, Total::bucket);
        byBucket(rated, RatedResource::bucket).forEach((bucket, inBucket) -> {
            List<Total> ofBucket = totalsByBucket.getOrDefault(bucket, List.of());
            if (!ofBucket.isEmpty()) {
                String last = inBucket.get(inBucket.size() - 1).bill().resourceId();
                dayTotals.add(new GroupTotals(bucket, last, DayTotalPacks.pack(ofBucket.stream().map(Total::totals)
                        .toList())));
            }
        });
        jdbc.batchUpdate("INSERT INTO charge_total_groups (run_id, bucket, resource_id, first_month, last_month,"
                + " line_count, totals) VALUES (?,?,?,?,?,?,?)", dayTotals, 100, (ps, g) -> {
                    ps.setLong(1, runId);
                    ps.setInt(2, g.bucket());
                    ps.setString(3, g.lastResource());
                    ps.setInt(4, g.pack().firstMonth());
                    ps.setInt(5, g.pack().lastMonth());
                    ps.setLong(6, g.pack().lineCount());
                    ps.setBytes(7, g.pack().bytes());
                });
        FindingRows.insert(jdbc, runId, findings);
        List<Tally> tallies = new ArrayList<>();
        byBucket(rated, RatedResource::bucket).forEach((bucket, inBucket) -> tallies.add(Tally.of(inBucket)));
        jdbc.batchUpdate("INSERT INTO resource_tally (run_id, resource_id, input, billed, covered, without_order,"
                + " quantity_excess, no_price, out_of_period, bucket, usage_rows, order_rows, resources)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", tallies, 100, (ps, t) -> {
                    NodeSeconds n = t.nodeSeconds();
                    ps.setLong(1, runId);
                    ps.setString(2, t.lastResource());
                    ps.setLong(3, n.input());
                    ps.setLong(4, n.billed());
                    ps.setLong(5, n.covered());
                    ps.setLong(6, n.withoutOrder());
                    ps.setLong(7, n.quantityExcess());
                    ps.setLong(8, n.noPrice());
                    ps.setLong(9, n.outOfPeriod());
                    ps.setInt(10, t.bucket());
                    ps.setLong(11, t.usageRows());
                    ps.setLong(12, t.orderRows());
                    ps.setInt(13, t.resources());
                });
    }

    private void insertFocusParts(long runId, List<FocusPart> focusParts) {
        jdbc.batchUpdate("INSERT INTO focus_rows (run_id, account_id, resource_id, part, bucket, timed_rows)"
                + " VALUES (?,?,?,?,?,?)", focusParts, 100, (ps, p) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, p.accountId());
                    ps.setString(3, p.resourceId());
                    ps.setInt(4, p.part());
                    ps.setInt(5, p.bucket());
                    ps.setString(6, p.text());
                });
    }

    /**
     * A text stored for a rated group's resources of one bucket, keyed like the rest by one of them, the last with a
     * stored text (FOCUS-only ones included): a restart's discard of the resources after its position keeps or drops
     * a group's rows together.
     */
    private record GroupText(int bucket, String lastResource, int piece, String text) {
    }

    /** A piece of a rated group's charges.csv texts of one bucket (see ChargeTextGroups). */
    private record GroupPiece(int bucket, String lastResource, int piece, byte[] bytes) {
    }

    /** The day totals of a rated group's resources of one bucket, keyed by the last of them. */
    private record GroupTotals(int bucket, String lastResource, DayTotalPacks.Pack pack) {
    }

    /** The node-second tally and staged rows of a rated group's resources of one bucket. */
    private record Tally(int bucket, String lastResource, NodeSeconds nodeSeconds, long usageRows, long orderRows,
                         int resources) {

        static Tally of(List<? extends RatedResource> rated) {
            NodeSeconds n = new NodeSeconds(0, 0, 0, 0, 0, 0, 0);
            long usage = 0;
            long orders = 0;
            for (RatedResource r : rated) {
                n = n.plus(r.bill().nodeSeconds());
                usage += r.usageRows();
                orders += r.orderRows();
            }
            RatedResource last = rated.get(rated.size() - 1);
            return new Tally(last.bucket(), last.bill().resourceId(), n, usage, orders, rated.size());
        }
    }

    /** Items by bucket, in the order they come (a group's resources are in rating order: bucket, then id). */
    private static <T> Map<Integer, List<T>> byBucket(List<? extends T> items, ToIntFunction<T> bucket) {
        Map<Integer, List<T>> by = new LinkedHashMap<>();
        for (T item : items) {
            by.computeIfAbsent(bucket.applyAsInt(item), b -> new ArrayList<>()).add(item);
        }
        return by;
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
        List<Leftovers.Delete> deletes = new ArrayList<>();
        for (String table : List.of("charge_rows", "charge_row_groups", "charge_line_ids", "charge_line_id_groups", "charge_total",
                "charge_total_groups", "resource_tally", "finding", "focus_rows")) {
            deletes.add(new Leftovers.Delete(table, "run_id = ? AND ((bucket = ? AND resource_id"
                    + database.codePointOrder() + " > ?)" + later + ")", args.toArray()));
        }
        // rows a dead attempt left there (see Leftovers) would collide with the same resources rated again
        Leftovers.delete(jdbc, !database.postgres(), deletes);
    }

    /** Per bucket: the staged usage and order rows its rated resources were rated from. */
    Map<Integer, Books.Rated> ratedByBucket(long runId) {
        Map<Integer, Books.Rated> rated = new TreeMap<>();
        jdbc.query("SELECT bucket, SUM(usage_rows), SUM(order_rows) FROM resource_tally WHERE run_id = ? GROUP BY bucket",
                (RowCallbackHandler) rs -> rated.put(rs.getInt(1), new Books.Rated(rs.getLong(2), rs.getLong(3))), runId);
        return rated;
    }

    NodeSeconds nodeSeconds(long runId) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(input),0), COALESCE(SUM(billed),0), COALESCE(SUM(covered),0),"
                + " COALESCE(SUM(without_order),0), COALESCE(SUM(quantity_excess),0), COALESCE(SUM(no_price),0),"
                + " COALESCE(SUM(out_of_period),0) FROM resource_tally WHERE run_id = ?",
                (rs, i) -> new NodeSeconds(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)), runId);
    }

    long chargeLineCount(long runId) {
        // The day totals count the lines they were added up from: a row per rated group, not one per line. Runs stored
        // before V19 kept a row per resource and day in charge_total.
        return jdbc.queryForObject("SELECT (SELECT COALESCE(SUM(line_count), 0) FROM charge_total WHERE run_id = ?)"
                + " + (SELECT COALESCE(SUM(line_count), 0) FROM charge_total_groups WHERE run_id = ?)",
                Long.class, runId, runId);
    }

    /**
     * The run's findings in no particular order ({@link FindingsInFileOrder} puts them in the file's), streamed: the
     * database is asked not to gather the result first (H2 runs the query lazily, PostgreSQL reads it through a cursor).
     */
    void eachFinding(long runId, Consumer<FindingsInFileOrder.Row> each) {
        streamed("SELECT code, severity, source, line, account_id, resource_id, order_id, record_id, detail"
                + " FROM finding WHERE run_id = ?", runId, FINDING_FETCH,
                rs -> each.accept(new FindingsInFileOrder.Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9))));
    }

    /**
     * Each row of a query of one run, streamed: H2 runs it lazily; PostgreSQL reads it through a cursor, which its driver
     * opens only inside a transaction (autocommit off; the steps' tasklets run in one), and otherwise reads the whole
     * result into memory first.
     */
    private void streamed(String sql, long runId, int fetchSize, RowCallbackHandler each) {
        boolean h2 = !database.postgres();
        jdbc.execute((ConnectionCallback<Void>) c -> {
            if (h2) {
                lazyQueries(c, true);
            }
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setFetchSize(fetchSize);
                select.setLong(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        each.processRow(rs);
                    }
                }
            } finally {
                if (h2) {
                    lazyQueries(c, false);   // the connection goes back to the pool as it came
                }
            }
            return null;
        });
    }

    private static void lazyQueries(Connection c, boolean on) throws SQLException {
        try (Statement set = c.createStatement()) {
            set.execute("SET LAZY_QUERY_EXECUTION " + on);
        }
    }

    /** The order the database sorts text in, for Java code that must agree with its ORDER BY. */
    Comparator<String> textOrder() {
        return database.get().textOrder();
    }

    /** A stored text of one account and resource: a part of its charges.csv rows, or of its FOCUS amortization rows. */
    record KeyedText(String accountId, String resourceId, int part, byte[] utf8) {

        String text() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        boolean sameKey(KeyedText other) {
            return other != null && accountId.equals(other.accountId) && resourceId.equals(other.resourceId);
        }
    }

    /**
     * The run's charges.csv texts with their keys, in charges.csv order (each text ends in LF), put in that order
     * through two scratch files that are gone when this returns. Texts stored before V20, a row each in charge_rows,
     * come merged in: a run rated partly before it and resumed after holds both.
     */
    void eachChargeText(long runId, Path blocksScratch, Path keysScratch, SortedInRuns.Sink<KeyedText> each)
            throws IOException {
        try (ChargeTextsInKeyOrder texts = new ChargeTextsInKeyOrder(textOrder(), blocksScratch, keysScratch,
                ChargeTextsInKeyOrder.KEYS_RUN)) {
            streamed("SELECT texts FROM charge_row_groups WHERE run_id = ?", runId, PIECE_FETCH, rs -> {
                try {
                    texts.add(rs.getBytes(1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            texts.inOrder(new TextPages(runId, "charge_rows", "csv_rows, csv_packed",
                    rs -> PackedRows.utf8(rs.getString(4), rs.getBytes(5))), each);
        }
    }

    /** The run's focus_rows texts in the same key order as {@link #eachChargeText}. */
    Iterator<KeyedText> focusTexts(long runId) {
        return new TextPages(runId, "focus_rows", "timed_rows", rs -> rs.getString(4).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the text, in UTF-8, of a row whose first three columns are its key. */
    private interface TextColumns {
        byte[] utf8(ResultSet rs) throws SQLException;
    }

    /**
     * Reads a page of texts at a time after the last key seen: a text can hold half a megabyte, and a database may
     * hold a whole result in memory before handing out its first row (H2 does, up to a row count, not a size). The
     * whole key, run_id included, is in ORDER BY: H2 then reads the key in order instead of sorting.
     */
    private final class TextPages implements Iterator<KeyedText> {
        private final long runId;
        private final String table;
        private final String columns;
        private final TextColumns text;
        private final ArrayDeque<KeyedText> page = new ArrayDeque<>();
        private KeyedText last = new KeyedText("", "", -1, null);
        private boolean exhausted;

        TextPages(long runId, String table, String columns, TextColumns text) {
            this.runId = runId;
            this.table = table;
            this.columns = columns;
            this.text = text;
        }

        @Override
        public boolean hasNext() {
            if (page.isEmpty() && !exhausted) {
                List<KeyedText> read = jdbc.query("SELECT account_id, resource_id, part, " + columns + " FROM " + table
                        + " WHERE run_id = ? AND (account_id, resource_id, part) > (?, ?, ?)"
                        + " ORDER BY run_id, account_id, resource_id, part FETCH FIRST " + CHARGE_PAGE + " ROWS ONLY",
                        (rs, i) -> new KeyedText(rs.getString(1), rs.getString(2), rs.getInt(3), text.utf8(rs)),
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
        // group: the bucket and last resource of the rated group whose texts hold the key (runs since V18)
        record Found(long runId, LineIdGroups.Key key, boolean owns, Integer bucket, String groupResource) {
        }
        String owns = "CASE WHEN EXISTS (SELECT 1 FROM day_owner d WHERE d.run_id = i.run_id) THEN 1 ELSE 0 END";
        List<Found> found = new ArrayList<>(jdbc.query("SELECT i.run_id, i.account_id, i.resource_id, i.part, " + owns
                + " FROM charge_line_ids i WHERE i.line_ids LIKE ?",
                (rs, i) -> new Found(rs.getLong(1), new LineIdGroups.Key(rs.getString(2), rs.getString(3),
                        rs.getInt(4)), rs.getInt(5) == 1, null, null), "%" + lineId + "%"));
        jdbc.query("SELECT i.run_id, i.keyed_ids, " + owns + ", i.bucket, i.resource_id"
                + " FROM charge_line_id_groups i WHERE i.keyed_ids LIKE ?",
                (RowCallbackHandler) rs -> {
                    long runId = rs.getLong(1);
                    boolean owner = rs.getInt(3) == 1;
                    int bucket = rs.getInt(4);
                    String group = rs.getString(5);
                    LineIdGroups.keyOf(rs.getString(2), lineId)
                            .ifPresent(key -> found.add(new Found(runId, key, owner, bucket, group)));
                },
                "%" + lineId + "%");
        found.sort(Comparator.comparing(Found::owns).thenComparingLong(Found::runId).reversed());
        for (Found f : found) {
            LineIdGroups.Key k = f.key();
            Optional<String> rows = f.bucket() == null ? Optional.empty()
                    : groupedText(f.runId(), f.bucket(), f.groupResource(), k);
            // texts rated before V20 are a row each; a text that is in neither place holds no line here
            String text = rows.orElseGet(() -> String.join("", jdbc.query("SELECT csv_rows, csv_packed FROM charge_rows"
                    + " WHERE run_id = ? AND account_id = ? AND resource_id = ? AND part = ?",
                    (rs, i) -> PackedRows.text(rs.getString(1), rs.getBytes(2)), f.runId(), k.accountId(),
                    k.resourceId(), k.part())));
            Optional<String> row = text.lines().filter(l -> l.startsWith(lineId + ",")).findFirst();
            if (row.isPresent()) {
                return Optional.of(new StoredLine(f.runId(), k.accountId(), k.resourceId(), row.get()));
            }
        }
        return Optional.empty();
    }

    /** The text of this key among a rated group's pieces (runs since V20), if they hold it. */
    private Optional<String> groupedText(long runId, int bucket, String groupResource, LineIdGroups.Key key) {
        List<byte[]> pieces = jdbc.query("SELECT texts FROM charge_row_groups WHERE run_id = ? AND bucket = ?"
                + " AND resource_id = ? ORDER BY piece", (rs, i) -> rs.getBytes(1), runId, bucket, groupResource);
        for (byte[] piece : pieces) {
            for (ChargeTextGroups.Entry e : ChargeTextGroups.entries(piece)) {
                if (e.accountId().equals(key.accountId()) && e.resourceId().equals(key.resourceId())
                        && e.part() == key.part()) {
                    return Optional.of(new String(ChargeTextGroups.utf8(piece, e), StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }
}
