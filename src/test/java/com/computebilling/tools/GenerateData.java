package com.computebilling.tools;

import com.computebilling.input.InputKind;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic test-data generator: writes {@code catalog.csv}, {@code orders.csv} and {@code usage.csv} in the
 * formats of SPEC §2 into a directory, for restart tests and benchmarks.
 *
 * <pre>
 * GenerateData --output=DIR --resources=N --days=D --seed=S --start=YYYY-MM-DD [--usage-rows=R] [--max-malformed=M] [--mix=all|payg]
 * </pre>
 *
 * <ul>
 *   <li>Deterministic: the same arguments give byte-identical files (one seeded {@link SplittableRandom} per
 *       concern, fixed iteration orders, no wall clock, no hash ordering).</li>
 *   <li>Streaming: usage rows are written as they are generated; memory holds the resources, never the rows, so
 *       10,000,000 rows fit in {@code -Xmx256m}.</li>
 *   <li>Content: N resources over the four resource classes (GENERAL subscription only; LINGJUN subscription or
 *       pay-as-you-go; DEDICATED_POOL pay-as-you-go, some changed to subscription mid-period, some of those renewed,
 *       some released; PUBLIC_POOL usage only), six regions (USD, plus one CNY and one JPY region), usage intervals
 *       from a minute to eight hours crossing hour and day boundaries (and month boundaries when the days do),
 *       quantities 1-8. About 1% of usage rows are made to trigger a finding (usage without order, quantity above
 *       the subscription, overlapping records, unknown SKU) and about 0.1% are malformed (bad number, bad timestamp,
 *       end before start), fewer on large files so that they stay at most {@code --max-malformed} (default 900,
 *       below the job's default skip limit of 1000 per input kind).</li>
 *   <li>{@code --usage-rows=R} gives exactly R usage data rows (malformed and finding rows included), spread over the
 *       resources and days; the default is 12 per resource and day.</li>
 *   <li>{@code --mix=payg} makes every resource a pay-as-you-go LINGJUN node (the benchmark's shape: every usage
 *       hour becomes a rated line); the default {@code all} mixes the four classes as above.</li>
 * </ul>
 *
 * Plain Java: it runs from the application jar through Spring Boot's {@code PropertiesLauncher}
 * ({@code scripts/generate-data}) without starting Spring.
 */
public final class GenerateData {

    static final String USAGE_LINE = "usage: generate-data --output=DIR --resources=N --days=D --seed=S "
            + "--start=YYYY-MM-DD [--usage-rows=R] [--max-malformed=M] [--mix=all|payg]";

    static final int DEFAULT_ROWS_PER_RESOURCE_DAY = 12;
    static final int DEFAULT_MAX_MALFORMED = 900;
    /** Per 10,000 usage rows. */
    static final int MALFORMED_PER_10K = 10;
    static final int FINDINGS_PER_10K = 100;

    private static final long MINUTE = 60;
    private static final long HOUR = 3600;
    private static final long DAY = 86400;

    /** The arguments. {@code usageRows} is negative when not given. */
    public record Config(Path output, int resources, int days, long seed, LocalDate start, long usageRows,
                         int maxMalformed, boolean payAsYouGoOnly) {

        public Config(Path output, int resources, int days, long seed, LocalDate start, long usageRows, int maxMalformed) {
            this(output, resources, days, seed, start, usageRows, maxMalformed, false);
        }
    }

    /** What was written. */
    public record Counts(long catalogRows, long orderRows, long usageRows, long malformedUsageRows,
                         long findingUsageRows, int[] resourcesByClass) {
    }

    private GenerateData() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Config config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("generate-data: " + e.getMessage());
            err.println(USAGE_LINE);
            return 2;
        }
        try {
            warnAboutOtherInputs(config.output(), err);
            Counts c = generate(config);
            out.println("generate-data: " + config.resources() + " resources (GENERAL " + c.resourcesByClass()[0]
                    + ", LINGJUN " + c.resourcesByClass()[1] + ", DEDICATED_POOL " + c.resourcesByClass()[2]
                    + ", PUBLIC_POOL " + c.resourcesByClass()[3] + "), " + config.days() + " days from "
                    + config.start() + ", seed " + config.seed() + ": catalog " + c.catalogRows() + " rows, orders "
                    + c.orderRows() + " rows, usage " + c.usageRows() + " rows (" + c.malformedUsageRows()
                    + " malformed, " + c.findingUsageRows() + " made to trigger findings) in " + config.output());
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("generate-data: cannot write " + config.output() + ": " + e.getMessage());
            return 1;
        }
    }

    static Config parse(String[] args) {
        Path output = null;
        Integer resources = null;
        Integer days = null;
        Long seed = null;
        LocalDate start = null;
        long usageRows = -1;
        int maxMalformed = DEFAULT_MAX_MALFORMED;
        boolean payAsYouGoOnly = false;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "output" -> {
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException("--output is empty");
                    }
                    output = Path.of(value);
                }
                case "resources" -> resources = (int) number(name, value, 1, 10_000_000);
                case "days" -> days = (int) number(name, value, 1, 3660);
                case "seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "start" -> {
                    try {
                        start = LocalDate.parse(value);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--start must be YYYY-MM-DD, was '" + value + "'");
                    }
                }
                case "usage-rows" -> usageRows = number(name, value, 0, Long.MAX_VALUE);
                case "max-malformed" -> maxMalformed = (int) number(name, value, 0, Integer.MAX_VALUE);
                case "mix" -> {
                    if (!value.equals("all") && !value.equals("payg")) {
                        throw new IllegalArgumentException("--mix must be all or payg, was '" + value + "'");
                    }
                    payAsYouGoOnly = value.equals("payg");
                }
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        if (output == null || resources == null || days == null || seed == null || start == null) {
            throw new IllegalArgumentException("--output, --resources, --days, --seed and --start are required");
        }
        return new Config(output, resources, days, seed, start, usageRows, maxMalformed, payAsYouGoOnly);
    }

    private static long number(String name, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, was '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    private static void warnAboutOtherInputs(Path dir, PrintStream err) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> others = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.csv")) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (!n.equals("catalog.csv") && !n.equals("orders.csv") && !n.equals("usage.csv")
                        && (n.startsWith("catalog") || n.startsWith("orders") || n.startsWith("usage"))) {
                    others.add(n);
                }
            }
        }
        if (!others.isEmpty()) {
            others.sort(null);
            err.println("generate-data: warning: " + dir + " also holds " + others
                    + "; the billing job reads them together with the generated files");
        }
    }

    // ------------------------------------------------------------------------------------------------ the domain

    private enum Cls { GENERAL, LINGJUN, DEDICATED_POOL, PUBLIC_POOL }

    private record Region(String name, String currency, int minorUnits, BigDecimal fx, BigDecimal factor,
                          int weight) {
    }

    private static final List<Region> REGIONS = List.of(
            new Region("cn-shanghai", "USD", 2, BigDecimal.ONE, new BigDecimal("1.00"), 30),
            new Region("cn-wulanchabu", "USD", 2, BigDecimal.ONE, new BigDecimal("0.95"), 25),
            new Region("cn-hangzhou", "USD", 2, BigDecimal.ONE, new BigDecimal("1.02"), 15),
            new Region("ap-southeast-1", "USD", 2, BigDecimal.ONE, new BigDecimal("1.10"), 15),
            new Region("cn-beijing", "CNY", 2, new BigDecimal("7.20"), new BigDecimal("1.00"), 10),
            new Region("jp-tokyo", "JPY", 0, new BigDecimal("150"), new BigDecimal("1.05"), 5));

    /**
     * A SKU and its USD base prices: {@code paygUnit}/{@code payg} for pay-as-you-go (null if not offered),
     * {@code month}/{@code year} for subscriptions (null if not offered); {@code paygLater} is a new pay-as-you-go
     * price from the middle of the generated days (null: no price change).
     */
    private record Sku(String name, Cls cls, String paygUnit, String payg, String paygLater, String month,
                       String year) {
    }

    private static final List<Sku> SKUS = List.of(
            new Sku("ecs.g7.xlarge-4c16g", Cls.GENERAL, null, null, null, "78.94", "789.40"),
            new Sku("ecs.g7.2xlarge-8c32g", Cls.GENERAL, null, null, null, "157.88", null),
            new Sku("ecs.c7.4xlarge-16c32g", Cls.GENERAL, null, null, null, "290.50", "2905.00"),
            new Sku("ml.gu7xf.8xlarge-gu108", Cls.LINGJUN, "MINUTE", "0.73", null, "11966.35", null),
            new Sku("ml.gu7xf.c96m1600.8-gu108", Cls.LINGJUN, "MINUTE", "1.46", null, "23932.70", "239327.00"),
            new Sku("ml.gu8xf.8xlarge-gu120", Cls.LINGJUN, "MINUTE", "0.95", "0.89", "15580.00", null),
            new Sku("ml.pool.gu7xf", Cls.DEDICATED_POOL, "HOUR", "5.00", null, "1250.00", null),
            new Sku("ml.pool.gu8xf", Cls.DEDICATED_POOL, "HOUR", "7.20", null, "1800.00", "19440.00"),
            new Sku("public.gu7.shared", Cls.PUBLIC_POOL, "MINUTE", "0.12", null, null, null),
            new Sku("public.gu8.shared", Cls.PUBLIC_POOL, "SECOND", "0.0025", "0.0021", null, null));

    /** Listed in the catalog, out of stock, never ordered: exercises {@code in_stock}. */
    private static final Sku OUT_OF_STOCK = new Sku("ml.gu9.rare", Cls.LINGJUN, "HOUR", "50.00", null, null, null);

    private static final String UNKNOWN_SKU = "ml.unknown.x1-gu999";

    /** One generated resource: its identity, the usage window its orders allow, and its usage cursor. */
    private static final class Resource {
        final String id;
        final String account;
        final Cls cls;
        final String region;
        final String sku;
        /** Ordered (or, for public pools, largest used) node count. */
        final int nodes;
        long windowStart;
        long windowEnd;
        /**
         * Usage at or after this instant is covered by a subscription ({@link Long#MAX_VALUE}: never;
         * {@link Long#MIN_VALUE}: always).
         */
        long coveredFrom = Long.MAX_VALUE;
        long rows;
        long nextSlot;
        long prevStart = -1;
        long prevEnd = -1;

        Resource(String id, String account, Cls cls, String region, String sku, int nodes) {
            this.id = id;
            this.account = account;
            this.cls = cls;
            this.region = region;
            this.sku = sku;
            this.nodes = nodes;
        }

        long slotStart(long j) {
            long length = windowEnd - windowStart;
            return windowStart + Math.multiplyExact(j, length) / rows;
        }
    }

    // ------------------------------------------------------------------------------------------------ generation

    public static Counts generate(Config c) throws IOException {
        Files.createDirectories(c.output());
        long start = c.start().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long end = start + c.days() * DAY;
        SplittableRandom root = new SplittableRandom(c.seed());
        SplittableRandom setupRandom = root.split();
        SplittableRandom usageRandom = root.split();

        long catalogRows;
        try (Writer w = writer(c.output().resolve("catalog.csv"))) {
            catalogRows = writeCatalog(w, start, end);
        }
        List<Resource> resources = new ArrayList<>(c.resources());
        long orderRows;
        try (Writer w = writer(c.output().resolve("orders.csv"))) {
            orderRows = writeResourcesAndOrders(w, c.resources(), c.payAsYouGoOnly(), start, end, setupRandom, resources);
        }
        long total = c.usageRows() >= 0 ? c.usageRows()
                : (long) c.resources() * c.days() * DEFAULT_ROWS_PER_RESOURCE_DAY;
        allocateRows(resources, total, setupRandom);
        long[] usage;
        try (Writer w = writer(c.output().resolve("usage.csv"))) {
            usage = writeUsage(w, resources, start, c.days(), c.maxMalformed(), usageRandom);
        }
        int[] byClass = new int[4];
        for (Resource r : resources) {
            byClass[r.cls.ordinal()]++;
        }
        return new Counts(catalogRows, orderRows, usage[0], usage[1], usage[2], byClass);
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    private static void header(Writer w, InputKind kind) throws IOException {
        w.write(String.join(",", kind.requiredColumns()));
        w.write('\n');
    }

    // ---------------------------------------------------------------------------------------------------- catalog

    private static long writeCatalog(Writer w, long start, long end) throws IOException {
        header(w, InputKind.CATALOG);
        String from = timestamp(start - 400 * DAY, false);
        String change = timestamp(priceChangeAt(start, end), false);
        long rows = 0;
        for (Sku sku : SKUS) {
            for (Region region : REGIONS) {
                if (sku.paygUnit() != null) {
                    if (sku.paygLater() == null) {
                        rows += catalogRow(w, sku.name(), region, "PAY_AS_YOU_GO", sku.paygUnit(), sku.payg(), from, "",
                                "true");
                    } else {
                        rows += catalogRow(w, sku.name(), region, "PAY_AS_YOU_GO", sku.paygUnit(), sku.payg(), from,
                                change, "true");
                        rows += catalogRow(w, sku.name(), region, "PAY_AS_YOU_GO", sku.paygUnit(), sku.paygLater(),
                                change, "", "true");
                    }
                }
                if (sku.month() != null) {
                    rows += catalogRow(w, sku.name(), region, "SUBSCRIPTION", "MONTH", sku.month(), from, "", "true");
                }
                if (sku.year() != null) {
                    rows += catalogRow(w, sku.name(), region, "SUBSCRIPTION", "YEAR", sku.year(), from, "", "true");
                }
            }
        }
        Region tokyo = REGIONS.get(REGIONS.size() - 1);
        rows += catalogRow(w, OUT_OF_STOCK.name(), tokyo, "PAY_AS_YOU_GO", OUT_OF_STOCK.paygUnit(), OUT_OF_STOCK.payg(),
                from, "", "false");
        return rows;
    }

    /** Pay-as-you-go prices of some SKUs change here: usage is cut at catalog price changes. */
    private static long priceChangeAt(long start, long end) {
        return start + (end - start) / 2 + 15 * MINUTE;
    }

    private static int catalogRow(Writer w, String sku, Region region, String mode, String unit, String usd,
                                  String from, String to, String inStock) throws IOException {
        BigDecimal base = new BigDecimal(usd);
        BigDecimal price = base.multiply(region.factor()).multiply(region.fx())
                .setScale(Math.max(region.minorUnits(), base.scale()), RoundingMode.HALF_UP);
        w.write(sku + "," + region.name() + "," + mode + "," + unit + "," + price.toPlainString() + ","
                + region.currency() + "," + from + "," + to + "," + inStock + "\n");
        return 1;
    }

    // --------------------------------------------------------------------------------------- resources and orders

    private static long writeResourcesAndOrders(Writer w, int n, boolean payAsYouGoOnly, long start, long end,
                                                SplittableRandom rnd, List<Resource> out) throws IOException {
        header(w, InputKind.ORDERS);
        int accounts = Math.max(1, (n + 7) / 8);
        int regionWeights = REGIONS.stream().mapToInt(Region::weight).sum();
        long rows = 0;
        for (int i = 0; i < n; i++) {
            // --mix=payg (the benchmark's shape): pay-as-you-go LINGJUN nodes only, every usage hour rated
            Cls cls = payAsYouGoOnly ? Cls.LINGJUN : i < 4 ? Cls.values()[i] : pickClass(rnd);
            String account = String.format("acct-%04d", rnd.nextInt(accounts));
            Region region = pickRegion(rnd, regionWeights);
            List<Sku> offered = SKUS.stream().filter(s -> s.cls() == cls).toList();
            Sku sku = offered.get(rnd.nextInt(offered.size()));
            String prefix = switch (cls) {
                case GENERAL -> "gen-";
                case LINGJUN -> "lj-";
                case DEDICATED_POOL -> "pool-";
                case PUBLIC_POOL -> "pub-";
            };
            String id = prefix + String.format("%06d", i);
            boolean subscription = !payAsYouGoOnly
                    && (cls == Cls.GENERAL || (cls == Cls.LINGJUN && rnd.nextInt(100) < 45));
            // subscribed counts stay at most 6 so that usage "above the subscription" still fits in 1-8 nodes
            int nodes = subscription ? 1 + rnd.nextInt(6) : 1 + rnd.nextInt(8);
            Resource r = new Resource(id, account, cls, region.name(), sku.name(), nodes);
            r.windowStart = start;
            r.windowEnd = end;
            OrderWriter o = new OrderWriter(w, r);
            if (cls == Cls.PUBLIC_POOL) {
                // used pay-per-use, never ordered
            } else if (subscription) {
                subscriptionOrders(o, r, start, end, rnd);
                r.coveredFrom = Long.MIN_VALUE;
            } else {
                payAsYouGoOrders(o, r, start, end, rnd);
            }
            rows += o.rows;
            if (i % 40 == 39) {
                // an order that is counted and ignored, on a resource of its own that has no usage
                String status = rnd.nextBoolean() ? "UNPAID" : "CANCELLED";
                rows += orderRow(w, "o-" + id + "-draft", account, id + "-draft", cls == Cls.PUBLIC_POOL
                        ? Cls.LINGJUN : cls, region.name(), cls == Cls.PUBLIC_POOL ? SKUS.get(3).name() : sku.name(),
                        "1", "NEW", "PAY_AS_YOU_GO", start - DAY, "", "", "", status);
            }
            if (n >= 20 && i == n / 2) {
                // a malformed order row: bad quantity
                rows += orderRow(w, "o-" + id + "-bad", account, id + "-bad", Cls.LINGJUN, region.name(),
                        SKUS.get(3).name(), "two", "NEW", "PAY_AS_YOU_GO", start - DAY, "", "", "", "PAID");
            }
            out.add(r);
        }
        return rows;
    }

    private static Cls pickClass(SplittableRandom rnd) {
        int x = rnd.nextInt(100);
        if (x < 20) {
            return Cls.GENERAL;
        }
        if (x < 50) {
            return Cls.LINGJUN;
        }
        if (x < 80) {
            return Cls.DEDICATED_POOL;
        }
        return Cls.PUBLIC_POOL;
    }

    private static Region pickRegion(SplittableRandom rnd, int totalWeight) {
        int x = rnd.nextInt(totalWeight);
        for (Region r : REGIONS) {
            x -= r.weight();
            if (x < 0) {
                return r;
            }
        }
        throw new IllegalStateException();
    }

    /** Writes one resource's orders, numbering them. */
    private static final class OrderWriter {
        final Writer w;
        final Resource r;
        long rows;

        OrderWriter(Writer w, Resource r) {
            this.w = w;
            this.r = r;
        }

        void write(String suffix, String type, String mode, long at, String duration, String unit, String autoRenew)
                throws IOException {
            rows += orderRow(w, "o-" + r.id + "-" + suffix, r.account, r.id, r.cls, r.region, r.sku,
                    Integer.toString(r.nodes), type, mode, at, duration, unit, autoRenew, "PAID");
        }
    }

    /**
     * GENERAL and LINGJUN subscriptions that cover the whole generated period: a long term bought before it, or a
     * one-month term that expires inside it and auto-renews, or one that is renewed by an order before it expires.
     */
    private static void subscriptionOrders(OrderWriter o, Resource r, long start, long end, SplittableRandom rnd)
            throws IOException {
        int kind = rnd.nextInt(100);
        long span = end - start;
        if (kind < 25) {
            long expiry = start + span / 4 + rnd.nextLong(Math.max(1, span / 2));
            long bought = minusOneMonth(expiry);
            if (bought < start - HOUR) {
                if (kind < 15) {
                    o.write("new", "NEW", "SUBSCRIPTION", bought, "1", "MONTH", "true");
                } else {
                    o.write("new", "NEW", "SUBSCRIPTION", bought, "1", "MONTH", "false");
                    long renewedAt = Math.max(bought + HOUR, expiry - HOUR - rnd.nextLong(2 * DAY));
                    o.write("renew", "RENEW", "", renewedAt, Long.toString(monthsToCover(expiry, end)), "MONTH",
                            "false");
                }
                return;
            }
        }
        long bought = start - HOUR - rnd.nextLong(30 * DAY);
        long months = monthsToCover(bought, end);
        String autoRenew = rnd.nextInt(100) < 30 ? "true" : "false";
        if (months > 12 || rnd.nextInt(5) == 0) {
            o.write("new", "NEW", "SUBSCRIPTION", bought, Long.toString((months + 11) / 12), "YEAR", autoRenew);
        } else {
            o.write("new", "NEW", "SUBSCRIPTION", bought, Long.toString(months), "MONTH", autoRenew);
        }
    }

    /**
     * LINGJUN and DEDICATED_POOL pay-as-you-go: enabled before or early in the period; pools may change to a
     * subscription in its middle third (and some of those renew), or be released in its last third.
     */
    private static void payAsYouGoOrders(OrderWriter o, Resource r, long start, long end, SplittableRandom rnd)
            throws IOException {
        long span = end - start;
        long enabled = rnd.nextInt(100) < 70 ? start - MINUTE - rnd.nextLong(10 * DAY) : start + rnd.nextLong(span / 3);
        o.write("new", "NEW", "PAY_AS_YOU_GO", enabled, "", "", "");
        r.windowStart = Math.max(start, enabled);
        int fate = rnd.nextInt(100);
        if (r.cls == Cls.DEDICATED_POOL && fate < 35) {
            long changed = start + span / 3 + rnd.nextLong(span / 3);
            String autoRenew = rnd.nextBoolean() ? "true" : "false";
            o.write("chg", "CHANGE_TO_SUBSCRIPTION", rnd.nextBoolean() ? "SUBSCRIPTION" : "", changed,
                    Long.toString(monthsToCover(changed, end)), "MONTH", autoRenew);
            r.coveredFrom = changed;
            if (rnd.nextInt(100) < 40 && end - changed > 2 * HOUR) {
                long renewed = changed + HOUR + rnd.nextLong(end - changed - HOUR);
                o.write("renew", "RENEW", "", renewed, "1", "MONTH", "false");
            }
        } else if (fate < (r.cls == Cls.DEDICATED_POOL ? 55 : 20)) {
            long released = start + 2 * span / 3 + rnd.nextLong(span / 3);
            o.write("rel", "RELEASE", "", released, "", "", "");
            r.windowEnd = released;
        }
    }

    /** Whole months from {@code from} that reach past {@code end} in any billing zone (a month is at least 28 days). */
    private static long monthsToCover(long from, long end) {
        return Math.max(1, (end - from + 28 * DAY - 1) / (28 * DAY) + 1);
    }

    private static long minusOneMonth(long t) {
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(t), ZoneOffset.UTC).minusMonths(1)
                .toEpochSecond();
    }

    private static int orderRow(Writer w, String orderId, String account, String resource, Cls cls, String region,
                                String sku, String quantity, String type, String mode, long at, String duration,
                                String unit, String autoRenew, String status) throws IOException {
        w.write(orderId + "," + account + "," + resource + "," + cls + "," + region + "," + sku + "," + quantity + ","
                + type + "," + mode + "," + timestamp(at, (at & 1) == 0) + "," + duration + "," + unit + ","
                + autoRenew + "," + status + "\n");
        return 1;
    }

    // ------------------------------------------------------------------------------------------------------ usage

    /**
     * Distributes exactly {@code total} rows over the resources, in proportion to a random activity level times the
     * length of their usage window (cumulative rounding: the shares add up to {@code total} exactly).
     */
    private static void allocateRows(List<Resource> resources, long total, SplittableRandom rnd) {
        long[] weights = new long[resources.size()];
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < weights.length; i++) {
            Resource r = resources.get(i);
            weights[i] = (1 + rnd.nextInt(10)) * (r.windowEnd - r.windowStart);
            sum = sum.add(BigInteger.valueOf(weights[i]));
        }
        BigInteger bigTotal = BigInteger.valueOf(total);
        BigInteger cumulative = BigInteger.ZERO;
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative = cumulative.add(BigInteger.valueOf(weights[i]));
            long upTo = bigTotal.multiply(cumulative).divide(sum).longValueExact();
            resources.get(i).rows = upTo - given;
            given = upTo;
        }
    }

    /**
     * Day by day, resource by resource: each resource's window is cut into as many equal slots as it has rows, and
     * each slot holds one interval (or one finding or malformed row), so a resource's own records do not overlap
     * unless they are meant to. Returns rows, malformed rows, finding rows.
     */
    private static long[] writeUsage(Writer w, List<Resource> resources, long start, int days, int maxMalformed,
                                     SplittableRandom rnd) throws IOException {
        header(w, InputKind.USAGE);
        UsageLine line = new UsageLine(w);
        long total = 0;
        for (Resource r : resources) {
            total += r.rows;
        }
        // malformed rows spread evenly over the file: about 0.1%, but aiming below the cap so it is rarely reached
        long malformedWanted = Math.min(total * MALFORMED_PER_10K / 10_000, (long) maxMalformed * 9 / 10);
        long malformed = 0;
        long findings = 0;
        for (int d = 0; d < days; d++) {
            long dayEnd = start + (d + 1) * DAY;
            for (Resource r : resources) {
                while (r.nextSlot < r.rows && r.slotStart(r.nextSlot) < dayEnd) {
                    long slotStart = r.slotStart(r.nextSlot);
                    long slotEnd = r.nextSlot + 1 < r.rows ? r.slotStart(r.nextSlot + 1) : r.windowEnd;
                    r.nextSlot++;
                    boolean malformedRoll = rnd.nextLong(total) < malformedWanted;
                    boolean findingRoll = rnd.nextInt(10_000) < FINDINGS_PER_10K;
                    if (malformedRoll && malformed < maxMalformed) {
                        malformedRow(line, r, slotStart, slotEnd, rnd);
                        malformed++;
                    } else if (findingRoll) {
                        findingRow(line, r, slotStart, slotEnd, rnd);
                        findings++;
                    } else {
                        normalRow(line, r, slotStart, slotEnd, rnd);
                    }
                }
            }
        }
        return new long[] {line.count, malformed, findings};
    }

    /** An interval in [slotStart, slotEnd): a minute to eight hours, cut to the slot; at least one second. */
    private static long[] interval(long slotStart, long slotEnd, SplittableRandom rnd) {
        long slot = slotEnd - slotStart;
        long offset = slot > 4 ? rnd.nextLong(slot / 4) : 0;
        long wanted = duration(rnd);
        long length = Math.max(1, Math.min(wanted, slot - offset));
        return new long[] {slotStart + offset, slotStart + offset + length};
    }

    private static long duration(SplittableRandom rnd) {
        int x = rnd.nextInt(100);
        if (x < 30) {
            return MINUTE + rnd.nextLong(14 * MINUTE);
        }
        if (x < 60) {
            return 15 * MINUTE + rnd.nextLong(45 * MINUTE);
        }
        if (x < 85) {
            return HOUR + rnd.nextLong(2 * HOUR);
        }
        return 3 * HOUR + rnd.nextLong(5 * HOUR);
    }

    private static int nodesUsed(Resource r, SplittableRandom rnd) {
        return 1 + rnd.nextInt(r.nodes);
    }

    private static void normalRow(UsageLine line, Resource r, long slotStart, long slotEnd, SplittableRandom rnd)
            throws IOException {
        long[] iv = interval(slotStart, slotEnd, rnd);
        line.write(r.account, r.id, r.cls.name(), r.region, r.sku, Integer.toString(nodesUsed(r, rnd)),
                zulu(rnd, iv[0], iv[1]));
        r.prevStart = iv[0];
        r.prevEnd = iv[1];
    }

    private enum Finding { WITHOUT_ORDER, QUANTITY_EXCEEDS, OVERLAP, UNKNOWN_SKU }

    private static void findingRow(UsageLine line, Resource r, long slotStart, long slotEnd, SplittableRandom rnd)
            throws IOException {
        Finding f = Finding.values()[rnd.nextInt(Finding.values().length)];
        if (f == Finding.QUANTITY_EXCEEDS && (slotStart < r.coveredFrom || r.nodes >= 8)) {
            f = Finding.WITHOUT_ORDER;
        }
        if (f == Finding.OVERLAP && r.prevEnd - r.prevStart < 2) {
            f = Finding.UNKNOWN_SKU;
        }
        switch (f) {
            case WITHOUT_ORDER -> {
                // a resource of the same account that has no order at all
                long[] iv = interval(slotStart, slotEnd, rnd);
                boolean publicPool = r.cls == Cls.PUBLIC_POOL;
                line.write(r.account, "ghost-" + r.id.substring(r.id.indexOf('-') + 1),
                        publicPool ? Cls.LINGJUN.name() : r.cls.name(), r.region,
                        publicPool ? SKUS.get(3).name() : r.sku, Integer.toString(nodesUsed(r, rnd)),
                        zulu(rnd, iv[0], iv[1]));
            }
            case QUANTITY_EXCEEDS -> {
                long[] iv = interval(slotStart, slotEnd, rnd);
                int nodes = Math.min(8, r.nodes + 1 + rnd.nextInt(2));
                line.write(r.account, r.id, r.cls.name(), r.region, r.sku, Integer.toString(nodes),
                        zulu(rnd, iv[0], iv[1]));
                r.prevStart = iv[0];
                r.prevEnd = iv[1];
            }
            case OVERLAP -> {
                // inside the resource's previous record: both are billed (or covered) and both are reported
                long s = r.prevStart + 1 + rnd.nextLong(r.prevEnd - r.prevStart - 1);
                line.write(r.account, r.id, r.cls.name(), r.region, r.sku, Integer.toString(nodesUsed(r, rnd)),
                        zulu(rnd, s, r.prevEnd));
            }
            case UNKNOWN_SKU -> {
                // not in the catalog: NO_PRICE on a public pool, SKU_MISMATCH on an ordered resource
                long[] iv = interval(slotStart, slotEnd, rnd);
                line.write(r.account, r.id, r.cls.name(), r.region, UNKNOWN_SKU, Integer.toString(nodesUsed(r, rnd)),
                        zulu(rnd, iv[0], iv[1]));
                r.prevStart = iv[0];
                r.prevEnd = iv[1];
            }
        }
    }

    private static void malformedRow(UsageLine line, Resource r, long slotStart, long slotEnd, SplittableRandom rnd)
            throws IOException {
        long[] iv = interval(slotStart, slotEnd, rnd);
        String nodes = Integer.toString(nodesUsed(r, rnd));
        boolean zulu = rnd.nextBoolean();
        String from = timestamp(iv[0], zulu);
        String to = timestamp(iv[1], zulu);
        switch (rnd.nextInt(3)) {
            case 0 -> nodes = List.of("two", "1.5", "-3", "1e2").get(rnd.nextInt(4));
            case 1 -> from = rnd.nextBoolean() ? from.substring(0, 8) + "32" + from.substring(10)
                    : from.replace('T', ' ');
            default -> {
                String t = from;
                from = to;
                to = t;
            }
        }
        line.write(r.account, r.id, r.cls.name(), r.region, r.sku, nodes, from, to);
    }

    /** Writes usage rows through one reused buffer, numbering the records. */
    private static final class UsageLine {
        final Writer w;
        final StringBuilder sb = new StringBuilder(256);
        char[] chars = new char[256];
        long count;

        UsageLine(Writer w) {
            this.w = w;
        }

        void write(String account, String resource, String cls, String region, String sku, String nodes,
                   String[] interval) throws IOException {
            write(account, resource, cls, region, sku, nodes, interval[0], interval[1]);
        }

        void write(String account, String resource, String cls, String region, String sku, String nodes,
                   String from, String to) throws IOException {
            count++;
            sb.setLength(0);
            sb.append("u-");
            String n = Long.toString(count);
            for (int i = n.length(); i < 9; i++) {
                sb.append('0');
            }
            sb.append(n).append(',').append(account).append(',').append(resource).append(',').append(cls)
                    .append(',').append(region).append(',').append(sku).append(',').append(nodes).append(',')
                    .append(from).append(',').append(to).append('\n');
            if (chars.length < sb.length()) {
                chars = new char[sb.length() * 2];
            }
            sb.getChars(0, sb.length(), chars, 0);
            w.write(chars, 0, sb.length());
        }
    }

    // ------------------------------------------------------------------------------------------------ timestamps

    /** ISO-8601 at second precision, either in UTC ({@code Z}) or at {@code +08:00}. */
    static String timestamp(long epochSecond, boolean zulu) {
        long local = zulu ? epochSecond : epochSecond + 8 * HOUR;
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(local, DAY));
        int sod = (int) Math.floorMod(local, DAY);
        StringBuilder sb = new StringBuilder(25);
        int year = date.getYear();
        sb.append(year);
        sb.append('-');
        two(sb, date.getMonthValue());
        sb.append('-');
        two(sb, date.getDayOfMonth());
        sb.append('T');
        two(sb, sod / 3600);
        sb.append(':');
        two(sb, sod / 60 % 60);
        sb.append(':');
        two(sb, sod % 60);
        sb.append(zulu ? "Z" : "+08:00");
        return sb.toString();
    }

    /** Start and end of one record, both in UTC or both at +08:00 (the exporter's choice, per record). */
    private static String[] zulu(SplittableRandom rnd, long from, long to) {
        boolean zulu = rnd.nextBoolean();
        return new String[] {timestamp(from, zulu), timestamp(to, zulu)};
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }
}
