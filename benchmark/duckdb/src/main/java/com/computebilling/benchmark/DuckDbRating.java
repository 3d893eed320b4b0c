package com.computebilling.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The competitor of {@code scripts/benchmark --compare}: rates the pay-as-you-go usage of an input directory in SQL
 * with DuckDB (2 threads) and writes {@code charges.csv} and {@code invoices.csv} in the product's formats.
 *
 * <pre>
 * DuckDbRating rate  --input=DIR --output=DIR [--zone=ZONE] [--period=YYYY-MM|YYYY-MM-DD] [--threads=2] [--memory=SIZE]
 *                    [--line-ids=false]
 * DuckDbRating check --product=DIR --duckdb=DIR      (see {@link Agreement})
 * </pre>
 *
 * <p>What it does, as the product does it (SPEC §2–4):
 * <ul>
 *   <li>reads {@code catalog*.csv}, {@code orders*.csv} and {@code usage*.csv} (each file's header decides where its
 *       columns are; every column is read as text and checked as the product checks it, then cast — DuckDB's own
 *       casts are laxer: {@code '1.5'} becomes the INTEGER 2, a space may stand for the {@code T} of a timestamp);
 *       a row the product would reject as malformed (wrong field count, bad number, bad timestamp, missing value,
 *       end not after start, longer than 31 days) is not rated;</li>
 *   <li>a resource's pay-as-you-go state: its first PAID {@code NEW PAY_AS_YOU_GO} order (LINGJUN or DEDICATED_POOL),
 *       from {@code effective_at} until its first PAID {@code RELEASE} or {@code CHANGE_TO_SUBSCRIPTION} after it;
 *       usage is rated at the order's account, SKU and region;</li>
 *   <li>each usage interval is cut at the billing zone's local hours, at the state's start and end and at catalog
 *       price changes (a piece is the intersection of the interval, an hour, the state and one PAY_AS_YOU_GO price
 *       row with {@code effective_from ≤ t < effective_to});</li>
 *   <li>pieces of one resource, hour, SKU, node count and unit price form a line: {@code charge_start}/{@code
 *       charge_end} the first and last billed instants, {@code duration} the seconds, {@code amount = unit_price ×
 *       nodes × seconds ÷ seconds_per_unit} exact in integers and rounded half-up to 8 places, and the
 *       product's {@code line_id} (the same SHA-256 digest of the same key), so that {@code charges.csv} can be
 *       compared byte for byte ({@code --line-ids=false} leaves the column empty: DuckDB's SHA-256 is a large
 *       share of writing the file, and a lighter competitor is then measured);</li>
 *   <li>{@code charges.csv} sorted as the product sorts it (account, resource, period start, charge start, SKU,
 *       nodes, line id), and
 *       {@code invoices.csv}: per account, local billing month and currency, the sum of the lines rounded once,
 *       half-up, to the currency's minor units (FINAL; DRAFT for a day period).</li>
 * </ul>
 *
 * <p>What it does not do, and the product does: findings ({@code exceptions.csv}) and the node-second conservation
 * ({@code summary.json}); the order rules of SPEC §3 (duplicate order ids, account and stock checks, a NEW on an
 * active resource, prices of orders — every PAID NEW PAY_AS_YOU_GO order is taken as valid); subscriptions,
 * renewals and auto-renewals (their usage is simply not billed, and their charges are not written);
 * public-pool usage (billed without an order); the catalog overlap check; stored history, day and month runs that
 * build on each other; restart after a kill. It is a fair competitor for pay-as-you-go data, not a second product.
 *
 * <p>Limits: the billing zone must keep one UTC offset over the usage's time range (any fixed-offset zone, whole
 * hour or not, e.g. UTC, Asia/Shanghai, Asia/Kolkata; a zone with daylight saving only between its changes) — the
 * program refuses otherwise; hour starts are then {@code ⌊(t + offset) / 3600⌋ × 3600 − offset} (instants after 1970).
 * Timestamps are read in the shapes {@code 2023-04-18T15:29:16+08:00}, {@code ...Z} and without an offset (in the
 * billing zone, by DuckDB's time-zone support); unit prices with at most 12 decimal places.
 */
public final class DuckDbRating {

    /** The product's usage cannot be longer than this (SPEC §4, malformed rows). */
    private static final long LONGEST_INTERVAL_SECONDS = 31L * 86_400;
    private static final int PRICE_SCALE = 12;
    /** A state or price without an end. */
    private static final long OPEN = Long.MAX_VALUE / 4;

    private static final List<String> CATALOG_COLUMNS = List.of("sku", "region", "billing_mode", "price_unit",
            "unit_price", "currency", "effective_from", "effective_to", "in_stock");
    private static final List<String> ORDER_COLUMNS = List.of("order_id", "account_id", "resource_id",
            "resource_class", "region", "sku", "quantity", "order_type", "billing_mode", "effective_at", "duration",
            "duration_unit", "auto_renew", "status");
    private static final List<String> USAGE_COLUMNS = List.of("record_id", "account_id", "resource_id",
            "resource_class", "region", "sku", "quantity", "start_time", "end_time");

    /** A refusal: a clear line on stderr and exit 2, as the product refuses bad options. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private DuckDbRating() {
    }

    public static void main(String[] args) {
        int code;
        try {
            if (args.length > 0 && args[0].equals("rate")) {
                code = rate(options(args), System.out);
            } else if (args.length > 0 && args[0].equals("check")) {
                code = Agreement.check(options(args), System.out);
            } else {
                throw new Refused("usage: DuckDbRating rate --input=DIR --output=DIR [--zone=ZONE] [--period=P] "
                        + "[--threads=N] [--memory=SIZE] [--line-ids=false] | check --product=DIR --duckdb=DIR");
            }
        } catch (Refused e) {
            System.err.println("duckdb-rating: " + e.getMessage());
            code = 2;
        } catch (IOException | SQLException e) {
            System.err.println("duckdb-rating: " + e);
            code = 1;
        }
        System.exit(code);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new Refused("unexpected argument '" + arg + "'");
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    static String required(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null || v.isEmpty()) {
            throw new Refused("--" + name + " is required");
        }
        return v;
    }

    // --------------------------------------------------------------------------------------------------- rating

    static int rate(Map<String, String> options, PrintStream out) throws IOException, SQLException {
        for (String name : options.keySet()) {
            if (!List.of("input", "output", "zone", "period", "threads", "memory", "line-ids").contains(name)) {
                throw new Refused("unknown option --" + name);
            }
        }
        boolean lineIds = !options.getOrDefault("line-ids", "true").equals("false");
        Path input = Path.of(required(options, "input"));
        Path output = Path.of(required(options, "output"));
        ZoneId zone;
        try {
            zone = ZoneId.of(options.getOrDefault("zone", "UTC"));
        } catch (RuntimeException e) {
            throw new Refused("unknown zone '" + options.get("zone") + "'");
        }
        String period = options.get("period");
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        List<Path> catalogs = files(input, "catalog");
        List<Path> orders = files(input, "orders");
        List<Path> usage = files(input, "usage");
        Files.createDirectories(output);
        Path temp = output.resolve(".duckdb-tmp");

        long started = System.nanoTime();
        Map<String, Long> phases = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET threads = " + threads);
            sql.execute("SET temp_directory = " + literal(temp.toString()));
            if (options.containsKey("memory")) {
                sql.execute("SET memory_limit = " + literal(options.get("memory")));
            }
            // A timestamp's instant in epoch seconds, NULL unless it has one of the product's shapes: DuckDB's cast
            // reads them (an offset-less one at the billing zone, the session's TimeZone) but also accepts more (a
            // space for the T, 24:00:00, a fraction of a second), which the length and character checks keep out.
            try {
                sql.execute("SET TimeZone = " + literal(zone.getId()));
            } catch (SQLException e) {
                throw new Refused("DuckDB does not know the zone " + zone.getId() + " (use a region id: Asia/Shanghai)");
            }
            sql.execute("CREATE MACRO instant(s) AS CASE WHEN (length(s) = 19 OR (length(s) = 20 AND s[20] = 'Z') "
                    + "OR (length(s) = 25 AND s[20] IN ('+', '-'))) AND s[11] = 'T' AND substr(s, 12, 2) < '24' "
                    + "THEN epoch_ms(try_cast(s AS TIMESTAMPTZ)) // 1000 END");
            // 1 to 9 digits, at least 1 (DuckDB's cast alone reads '1.5' as 2 and '1e2' as 100)
            sql.execute("CREATE MACRO positive_int(s) AS CASE WHEN length(s) BETWEEN 1 AND 9 "
                    + "AND ltrim(s, '0123456789') = '' AND s::INT >= 1 THEN s::INT END");

            // ---- read: the three exports, checked row by row as the product's parsers check them. Usage keeps its
            // rows unfiltered with a flag (the checks are then evaluated once, not again in a pushed-down filter).
            long t = System.nanoTime();
            sql.execute("CREATE TABLE catalog_row AS SELECT sku, region, upper(price_unit) AS price_unit, unit_price, "
                    + "upper(currency) AS currency, instant(effective_from) AS price_from, "
                    + "coalesce(instant(effective_to), " + OPEN + ") AS price_to FROM (" + readCsv(catalogs, CATALOG_COLUMNS) + ") "
                    + "WHERE upper(billing_mode) = 'PAY_AS_YOU_GO' AND upper(price_unit) IN ('SECOND', 'MINUTE', 'HOUR') "
                    + "AND sku IS NOT NULL AND region IS NOT NULL AND currency IS NOT NULL "
                    + "AND regexp_full_match(unit_price, '\\d+(\\.\\d+)?') AND length(unit_price) <= 30 "
                    + "AND instant(effective_from) IS NOT NULL AND (effective_to IS NULL OR instant(effective_to) IS NOT NULL)");
            sql.execute("CREATE TABLE order_row AS SELECT order_id, account_id, resource_id, "
                    + "upper(resource_class) AS resource_class, region, sku, upper(order_type) AS order_type, "
                    + "upper(billing_mode) AS billing_mode, instant(effective_at) AS effective FROM (" + readCsv(orders, ORDER_COLUMNS) + ") "
                    + "WHERE upper(status) = 'PAID' AND order_id IS NOT NULL AND account_id IS NOT NULL "
                    + "AND resource_id IS NOT NULL AND region IS NOT NULL AND sku IS NOT NULL "
                    + "AND positive_int(quantity) IS NOT NULL AND instant(effective_at) IS NOT NULL");
            sql.execute("CREATE TABLE usage_row AS SELECT resource_id, positive_int(quantity) AS nodes, "
                    + "instant(start_time) AS start_at, instant(end_time) AS end_at, "
                    + "record_id IS NOT NULL AND account_id IS NOT NULL AND resource_id IS NOT NULL "
                    + "  AND region IS NOT NULL AND sku IS NOT NULL "
                    + "  AND upper(resource_class) IN ('GENERAL', 'LINGJUN', 'DEDICATED_POOL') AS complete "
                    + "FROM (" + readCsv(usage, USAGE_COLUMNS) + ")");
            phases.put("read", System.nanoTime() - t);

            // ---- the zone's one offset over the usage, and the currencies' minor units (from Java, as the product)
            long offset = offsetOver(sql, zone);
            String suffix = offset == 0 ? "Z" : ZoneOffset.ofTotalSeconds((int) offset).getId();
            sql.execute("CREATE TABLE currency AS SELECT * FROM (VALUES " + minorUnits(sql)
                    + ") AS c(currency, minor_units, minor_factor, minor_divisor)");
            Instant[] range = period == null ? null : periodRange(period, offset);

            // ---- rate: states, prices, pieces, lines
            t = System.nanoTime();
            String o = Long.toString(offset);
            // A resource's pay-as-you-go state; state_no numbers them in output order (account, resource), so that
            // lines are grouped and sorted by integers and joined to their texts once, when written.
            sql.execute("CREATE TABLE state AS "
                    + "WITH new AS (SELECT * FROM order_row WHERE order_type = 'NEW' AND billing_mode = 'PAY_AS_YOU_GO' "
                    + "  AND resource_class IN ('LINGJUN', 'DEDICATED_POOL') "
                    + "  QUALIFY row_number() OVER (PARTITION BY resource_id ORDER BY effective, order_id) = 1), "
                    + "ending AS (SELECT resource_id, effective FROM order_row WHERE order_type IN ('RELEASE', 'CHANGE_TO_SUBSCRIPTION')) "
                    + "SELECT row_number() OVER (ORDER BY account_id, resource_id) AS state_no, * FROM ("
                    + "  SELECT n.resource_id, n.order_id, n.account_id, n.resource_class, n.region, n.sku, "
                    + "  n.effective AS state_from, coalesce(min(e.effective), " + OPEN + ") AS state_to "
                    + "  FROM new n LEFT JOIN ending e ON e.resource_id = n.resource_id AND e.effective > n.effective "
                    + "  GROUP BY ALL)");
            // unit_price as BigDecimal(text).stripTrailingZeros().toPlainString() (the line id's key), as printed
            // (at least the currency's minor units) and as an integer of 10^-scale, the scale being the most decimal
            // places of any price; price_key numbers the distinct (price, unit, currency): a price change to the
            // same price does not split a line
            sql.execute("CREATE TABLE price_text AS SELECT r.*, c.minor_units, "
                    + "  coalesce(nullif(ltrim(split_part(unit_price, '.', 1), '0'), ''), '0') AS whole, "
                    + "  rtrim(split_part(unit_price, '.', 2), '0') AS fraction "
                    + "FROM catalog_row r JOIN currency c USING (currency)");
            int scale = scaleOf(sql);
            sql.execute("CREATE TABLE price AS SELECT sku, region, "
                    + "  dense_rank() OVER (ORDER BY price_plain, price_unit, currency) AS price_key, price_plain, "
                    + "  price_printed, price_unit, currency, seconds_per_unit, price_scaled, price_from, price_to "
                    + "FROM (SELECT *, "
                    + "  whole || CASE WHEN fraction = '' THEN '' ELSE '.' || fraction END AS price_plain, "
                    + "  CASE WHEN length(fraction) >= minor_units THEN whole || CASE WHEN fraction = '' THEN '' ELSE '.' || fraction END "
                    + "    ELSE whole || '.' || rpad(fraction, minor_units, '0') END AS price_printed, "
                    + "  CASE price_unit WHEN 'SECOND' THEN 1 WHEN 'MINUTE' THEN 60 ELSE 3600 END AS seconds_per_unit, "
                    + "  try_cast(whole || rpad(fraction, " + scale + ", '0') AS BIGINT) AS price_scaled, "
                    + "  price_from, price_to FROM price_text)");
            refuseIf(sql, "SELECT count(*) FROM price WHERE price_scaled IS NULL",
                    "a unit price does not fit 64 bits at " + scale + " decimal places");
            String hourStart = "((%s + " + o + ") // 3600) * 3600 - " + o;
            String periodFilter = range == null ? ""
                    : " WHERE hour >= " + range[0].getEpochSecond() + " AND hour < " + range[1].getEpochSecond();
            sql.execute("CREATE TABLE line AS "
                    + "WITH u AS (SELECT resource_id, nodes, start_at AS s, end_at AS e FROM usage_row "
                    + "  WHERE complete AND nodes IS NOT NULL), "
                    // the part of each record inside its resource's pay-as-you-go state (NULL instants fail e > s)
                    + "billable AS (SELECT st.state_no, st.sku, st.region, u.nodes, "
                    + "  greatest(u.s, st.state_from) AS s, least(u.e, st.state_to) AS e "
                    + "  FROM u JOIN state st USING (resource_id) "
                    + "  WHERE u.e > u.s AND u.e - u.s <= " + LONGEST_INTERVAL_SECONDS
                    + "  AND u.s < st.state_to AND u.e > st.state_from), "
                    // one row per local hour it touches
                    + "hourly AS (SELECT *, unnest(range(" + hourStart.formatted("s") + ", e, 3600)) AS hour FROM billable), "
                    // cut at the price rows in effect within the hour
                    + "piece AS (SELECT h.state_no, h.hour, h.nodes, p.price_key, "
                    + "  greatest(h.s, h.hour, p.price_from) AS piece_start, least(h.e, h.hour + 3600, p.price_to) AS piece_end "
                    + "  FROM hourly h JOIN price p ON p.sku = h.sku AND p.region = h.region "
                    + "  AND p.price_from < least(h.e, h.hour + 3600) AND p.price_to > greatest(h.s, h.hour)) "
                    + "SELECT state_no, hour, nodes, price_key, min(piece_start) AS charge_start, "
                    + "  max(piece_end) AS charge_end, sum(piece_end - piece_start)::BIGINT AS seconds "
                    + "FROM piece" + periodFilter + " GROUP BY state_no, hour, nodes, price_key");
            phases.put("rate", System.nanoTime() - t);

            // ---- a line with its texts and amount, for both files
            sql.execute("CREATE VIEW charge AS SELECT l.*, s.resource_id, s.order_id, s.account_id, s.resource_class, "
                    + "  s.region, s.sku, p.price_plain, p.price_printed, p.price_unit, p.currency, "
                    + amount(sql, scale) + " AS amount_e8 "
                    + "FROM line l JOIN state s USING (state_no) "
                    + "JOIN (SELECT DISTINCT price_key, price_plain, price_printed, price_unit, currency, seconds_per_unit, "
                    + "  price_scaled FROM price) p USING (price_key)");

            // ---- charges.csv, in the product's order, with the product's line ids
            t = System.nanoTime();
            String instant = "strftime(make_timestamp((%s + " + o + ") * 1000000), '%%Y-%%m-%%dT%%H:%%M:%%S') || '" + suffix + "'";
            String month = "strftime(make_timestamp((hour + " + o + ") * 1000000), '%s')";
            Path charges = output.resolve("charges.csv");
            Path chargesTemp = output.resolve(".charges.csv.tmp");
            sql.execute("COPY (SELECT "
                    + (lineIds ? "'CL' || left(sha256(concat_ws('|', account_id, resource_id, 'USAGE', order_id, hour, "
                    + "  charge_start, sku, region, nodes, price_plain, price_unit, currency)), 20)" : "NULL::VARCHAR")
                    + " AS line_id, "
                    + "account_id || '-' || " + month.formatted("%Y%m") + " || '-' || currency AS invoice_id, "
                    + "account_id, resource_id, resource_class, region, sku, 'USAGE' AS charge_type, "
                    + "'PAY_AS_YOU_GO' AS billing_mode, order_id, "
                    + instant.formatted("hour") + " AS period_start, " + instant.formatted("hour + 3600") + " AS period_end, "
                    + instant.formatted("charge_start") + " AS charge_start, "
                    + instant.formatted("charge_end") + " AS charge_end, "
                    + "nodes, seconds AS duration, 'SECOND' AS duration_unit, price_printed AS unit_price, "
                    + "price_unit, " + fixed("amount_e8", "8", "100000000") + " AS amount, currency "
                    // state_no is the account and resource order, and the resource's SKU with it
                    + "FROM charge ORDER BY state_no, hour, charge.charge_start, nodes, " + (lineIds ? "line_id" : "price_key")
                    + ") TO " + literal(chargesTemp.toString()) + " (FORMAT csv, HEADER true)");
            Files.move(chargesTemp, charges, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            phases.put("charges.csv", System.nanoTime() - t);

            // ---- invoices.csv: one rounding per sum, to the currency's minor units
            t = System.nanoTime();
            String status = period != null && period.length() == 10 ? "DRAFT" : "FINAL";
            Path invoices = output.resolve("invoices.csv");
            Path invoicesTemp = output.resolve(".invoices.csv.tmp");
            sql.execute("COPY (WITH i AS (SELECT account_id, " + month.formatted("%Y-%m") + " AS billing_month, currency, "
                    + "  minor_units, minor_factor, (2 * sum(amount_e8) + any_value(minor_divisor)) "
                    + "    // (2 * any_value(minor_divisor)) AS usage_minor, "
                    + "  count(*) AS line_count FROM charge JOIN currency USING (currency) GROUP BY ALL) "
                    + "SELECT account_id || '-' || replace(billing_month, '-', '') || '-' || currency AS invoice_id, "
                    + "account_id, billing_month, currency, " + fixed("0::HUGEINT", "minor_units", "minor_factor") + " AS subscription_amount, "
                    + fixed("usage_minor", "minor_units", "minor_factor") + " AS usage_amount, "
                    + fixed("usage_minor", "minor_units", "minor_factor") + " AS total_amount, line_count, '" + status + "' AS status "
                    + "FROM i ORDER BY account_id, billing_month, currency"
                    + ") TO " + literal(invoicesTemp.toString()) + " (FORMAT csv, HEADER true)");
            Files.move(invoicesTemp, invoices, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            phases.put("invoices.csv", System.nanoTime() - t);

            StringJoiner steps = new StringJoiner(", ");
            phases.forEach((name, ns) -> steps.add(name + " " + seconds(ns)));
            out.println("duckdb: steps " + steps + " (" + threads + " threads, zone " + zone + " at " + suffix
                    + (lineIds ? "" : ", no line ids") + ")");
            try (ResultSet r = sql.executeQuery("SELECT count(*), sum(seconds * nodes) FROM line")) {
                r.next();
                out.println("duckdb: charge lines " + r.getLong(1) + ", billed node-seconds " + r.getLong(2));
            }
            out.println("duckdb: in the program " + seconds(System.nanoTime() - started));
        } finally {
            deleteTree(temp);
        }
        return 0;
    }

    /**
     * The input files of a kind, in file-name order (as the product reads them); refused if there are none.
     */
    static List<Path> files(Path dir, String kind) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new Refused("no input directory " + dir);
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, kind + "*.csv")) {
            files.forEach(found::add);
        }
        if (found.isEmpty()) {
            throw new Refused("no " + kind + "*.csv in " + dir);
        }
        found.sort(null);
        return found;
    }

    /**
     * One query over the files of a kind giving the wanted columns as text: each file's own header says where they
     * are (any order, any case, extra columns ignored), so {@code read_csv} is given that file's column list
     * explicitly, every column VARCHAR. Rows with a wrong field count are skipped ({@code ignore_errors}), as the
     * product skips them as malformed.
     */
    static String readCsv(List<Path> files, List<String> wanted) throws IOException {
        StringJoiner union = new StringJoiner(" UNION ALL ");
        for (Path file : files) {
            List<String> header = header(file);
            for (String column : wanted) {
                if (!header.contains(column)) {
                    throw new Refused(file + " has no column " + column);
                }
            }
            StringJoiner columns = new StringJoiner(", ", "{", "}");
            for (int i = 0; i < header.size(); i++) {
                // an extra column the product ignores, or a repeated name, gets a name of its own
                String name = wanted.contains(header.get(i)) && header.indexOf(header.get(i)) == i ? header.get(i)
                        : "extra_" + i;
                columns.add(literal(name) + ": 'VARCHAR'");
            }
            union.add("SELECT " + String.join(", ", wanted) + " FROM read_csv(" + literal(file.toString())
                    + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
                    + "columns = " + columns + ", ignore_errors = true)");
        }
        return union.toString();
    }

    /** The header row's column names, lower case, without a byte order mark or quotes. */
    static List<String> header(Path file) throws IOException {
        String line;
        // a reader that replaces bad bytes: a later row may not be UTF-8 (the product rejects that row, not the file)
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        if (line == null) {
            throw new Refused(file + " is empty");
        }
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        List<String> names = new ArrayList<>();
        for (String name : line.split(",", -1)) {
            String n = name.trim();
            if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
                n = n.substring(1, n.length() - 1);
            }
            names.add(n.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /**
     * The zone's UTC offset over the usage's time range, refused if the zone changes its offset in that range: hours
     * are then aligned with one offset.
     */
    static long offsetOver(Statement sql, ZoneId zone) throws SQLException {
        ZoneRules rules = zone.getRules();
        try (ResultSet r = sql.executeQuery("SELECT min(start_at), max(end_at) FROM usage_row")) {
            r.next();
            long from = r.getLong(1);
            if (r.wasNull()) {
                return rules.getOffset(Instant.EPOCH).getTotalSeconds();
            }
            long to = r.getLong(2);
            ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(from));
            ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(from));
            if (next != null && next.getInstant().getEpochSecond() < to) {
                throw new Refused(zone + " changes its UTC offset at " + next.getInstant() + ", inside the usage's "
                        + "time range: this SQL rating supports one offset over the data (see the class comment)");
            }
            if (offset.getTotalSeconds() % 60 != 0) {
                throw new Refused(zone + " has an offset with seconds (" + offset + "); not supported here");
            }
            return offset.getTotalSeconds();
        }
    }

    /**
     * {@code ('USD', 2, 100, 1000000), ...}: for each of the catalog's currencies that Java knows, as the product
     * uses them, its minor units, 10^minor and 10^(8 − minor) (a line amount in 10^-8 ÷ this = minor units).
     * Integer literals, because DuckDB's {@code **} gives a DOUBLE.
     */
    static String minorUnits(Statement sql) throws SQLException {
        StringJoiner values = new StringJoiner(", ");
        try (ResultSet r = sql.executeQuery("SELECT DISTINCT currency FROM catalog_row ORDER BY 1")) {
            while (r.next()) {
                try {
                    int digits = Currency.getInstance(r.getString(1)).getDefaultFractionDigits();
                    if (digits >= 0 && digits <= 8) {
                        values.add("(" + literal(r.getString(1)) + ", " + digits + ", " + "1" + "0".repeat(digits)
                                + ", " + "1" + "0".repeat(8 - digits) + ")");
                    }
                } catch (IllegalArgumentException unknown) {
                    // the product rejects such a catalog row as malformed: no price
                }
            }
        }
        return values.length() == 0 ? "('', 0, 1, 100000000)" : values.toString();
    }

    /** The most decimal places of a unit price (trailing zeros aside); refused above {@value #PRICE_SCALE}. */
    static int scaleOf(Statement sql) throws SQLException {
        try (ResultSet r = sql.executeQuery("SELECT coalesce(max(length(fraction)), 0) FROM price_text")) {
            r.next();
            int scale = r.getInt(1);
            if (scale > PRICE_SCALE) {
                throw new Refused("a unit price has more than " + PRICE_SCALE + " decimal places");
            }
            return scale;
        }
    }

    /**
     * SQL for a line's amount in 10^-8, {@code unit_price × nodes × seconds ÷ seconds_per_unit} rounded half-up,
     * exactly, in integers: with the price in 10^-scale, {@code x = price × nodes × seconds × 10^(8 − scale)} and
     * {@code d = seconds_per_unit × 10^(scale − 8)} (each factor 1 where its exponent is negative), the amount is
     * {@code (2x + d) ÷ 2d}. 64-bit arithmetic where the largest price and the largest node-seconds of a line leave
     * room (DuckDB's 128-bit arithmetic is many times slower), else 128-bit; DuckDB checks every step for overflow.
     * (3600 is the largest {@code seconds_per_unit}.)
     */
    static String amount(Statement sql, int scale) throws SQLException {
        BigInteger up = BigInteger.TEN.pow(Math.max(0, 8 - scale));
        BigInteger down = BigInteger.TEN.pow(Math.max(0, scale - 8));
        BigInteger largest;
        try (ResultSet r = sql.executeQuery("SELECT (SELECT coalesce(max(price_scaled), 0) FROM price), "
                + "(SELECT coalesce(max(nodes * seconds), 0) FROM line)")) {
            r.next();
            largest = BigInteger.TWO.multiply(BigInteger.valueOf(r.getLong(1))).multiply(BigInteger.valueOf(r.getLong(2)))
                    .multiply(up).add(BigInteger.valueOf(3600).multiply(down));
        }
        String type = largest.bitLength() < 63 ? "BIGINT" : "HUGEINT";
        return "(2 * p.price_scaled::" + type + " * l.nodes * l.seconds * " + up + " + p.seconds_per_unit * " + down
                + ") // (2 * p.seconds_per_unit * " + down + ")";
    }

    /** The local day or month of a period option, as instants at the zone's offset. */
    static Instant[] periodRange(String period, long offset) {
        ZoneOffset zoneOffset = ZoneOffset.ofTotalSeconds((int) offset);
        try {
            if (period.length() == 7) {
                YearMonth month = YearMonth.parse(period);
                return new Instant[] {month.atDay(1).atStartOfDay().toInstant(zoneOffset),
                        month.plusMonths(1).atDay(1).atStartOfDay().toInstant(zoneOffset)};
            }
            LocalDate day = LocalDate.parse(period);
            return new Instant[] {day.atStartOfDay().toInstant(zoneOffset),
                    day.plusDays(1).atStartOfDay().toInstant(zoneOffset)};
        } catch (DateTimeParseException e) {
            throw new Refused("--period must be YYYY-MM or YYYY-MM-DD, was '" + period + "'");
        }
    }

    static void refuseIf(Statement sql, String countQuery, String why) throws SQLException {
        try (ResultSet r = sql.executeQuery(countQuery)) {
            r.next();
            if (r.getLong(1) > 0) {
                throw new Refused(why);
            }
        }
    }

    /**
     * SQL printing a non-negative integer of 10^-scale as a plain decimal with that many places ({@code factor} is
     * 10^scale as an integer).
     */
    static String fixed(String scaled, String scale, String factor) {
        return "CASE WHEN " + scale + " = 0 THEN (" + scaled + ")::VARCHAR ELSE ((" + scaled + ") // " + factor
                + ")::VARCHAR || '.' || lpad(((" + scaled + ") % " + factor + ")::VARCHAR, " + scale + ", '0') END";
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
