package com.computebilling.timeline;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.catalog.TermLength;
import com.computebilling.findings.SourceRef;
import com.computebilling.orders.Order;
import com.computebilling.orders.OrderStatus;
import com.computebilling.orders.OrderType;
import com.computebilling.time.Interval;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Domain fixtures for the unit tests: orders, usage and prices written the way the exports write them, e.g.
 * {@code payg("pool-1", "2023-04-18T15:29:16+08:00")} or {@code usage("u-1", "pool-1", from, to).nodes(2)}.
 * Defaults: account {@value #ACCOUNT}, a dedicated pool of {@value #POOL_SKU} in {@value #REGION}, 1 node, PAID.
 */
public final class Fixtures {

    public static final String ACCOUNT = "acc-1";
    public static final String POOL_SKU = "ml.gu7xf.8xlarge-gu108";
    public static final String REGION = "cn-wulanchabu";
    public static final String GENERAL_SKU = "ecs.g7.xlarge-4c16g";
    public static final String LONG_AGO = "2020-01-01T00:00:00Z";

    private static final AtomicInteger ORDER_IDS = new AtomicInteger();
    private static final AtomicInteger ORDER_LINES = new AtomicInteger(1);
    private static final AtomicInteger USAGE_LINES = new AtomicInteger(1);
    private static final AtomicInteger CATALOG_LINES = new AtomicInteger(1);

    private Fixtures() {
    }

    public static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    // ---------------------------------------------------------------- orders

    public static OrderSpec payg(String resource, String effectiveAt) {
        return new OrderSpec(resource, OrderType.NEW, BillingMode.PAY_AS_YOU_GO, effectiveAt, null);
    }

    public static OrderSpec subscription(String resource, String effectiveAt, int length, PriceUnit unit) {
        return new OrderSpec(resource, OrderType.NEW, BillingMode.SUBSCRIPTION, effectiveAt, new TermLength(length, unit));
    }

    public static OrderSpec change(String resource, String effectiveAt, int length, PriceUnit unit) {
        return new OrderSpec(resource, OrderType.CHANGE_TO_SUBSCRIPTION, BillingMode.SUBSCRIPTION, effectiveAt,
                new TermLength(length, unit));
    }

    public static OrderSpec renew(String resource, String effectiveAt, int length, PriceUnit unit) {
        return new OrderSpec(resource, OrderType.RENEW, BillingMode.SUBSCRIPTION, effectiveAt, new TermLength(length, unit));
    }

    public static OrderSpec release(String resource, String effectiveAt) {
        return new OrderSpec(resource, OrderType.RELEASE, BillingMode.PAY_AS_YOU_GO, effectiveAt, null);
    }

    public static List<Order> orders(OrderSpec... specs) {
        return Arrays.stream(specs).map(OrderSpec::order).toList();
    }

    public static final class OrderSpec {
        private String id = "o-" + ORDER_IDS.incrementAndGet();
        private String account = ACCOUNT;
        private final String resource;
        private ResourceClass resourceClass = ResourceClass.DEDICATED_POOL;
        private String region = REGION;
        private String sku = POOL_SKU;
        private int nodes = 1;
        private final OrderType type;
        private final BillingMode mode;
        private final Instant effectiveAt;
        private final TermLength term;
        private boolean autoRenew;
        private OrderStatus status = OrderStatus.PAID;
        private String file = "orders.csv";
        private long line = ORDER_LINES.incrementAndGet();
        private Order built;

        private OrderSpec(String resource, OrderType type, BillingMode mode, String effectiveAt, TermLength term) {
            this.resource = resource;
            this.type = type;
            this.mode = mode;
            this.effectiveAt = at(effectiveAt);
            this.term = term;
        }

        public OrderSpec id(String id) { this.id = id; return this; }
        public OrderSpec account(String account) { this.account = account; return this; }
        public OrderSpec resourceClass(ResourceClass c) { this.resourceClass = c; return this; }
        public OrderSpec lingjun() { return resourceClass(ResourceClass.LINGJUN); }
        public OrderSpec general() { return resourceClass(ResourceClass.GENERAL).sku(GENERAL_SKU); }
        public OrderSpec publicPool() { return resourceClass(ResourceClass.PUBLIC_POOL); }
        public OrderSpec sku(String sku) { this.sku = sku; return this; }
        public OrderSpec region(String region) { this.region = region; return this; }
        public OrderSpec nodes(int nodes) { this.nodes = nodes; return this; }
        public OrderSpec autoRenew() { this.autoRenew = true; return this; }
        public OrderSpec unpaid() { this.status = OrderStatus.UNPAID; return this; }
        public OrderSpec cancelled() { this.status = OrderStatus.CANCELLED; return this; }
        public OrderSpec from(String file, long line) { this.file = file; this.line = line; return this; }

        /** The same Order object every time, so tests can compare segments' orders by identity or value. */
        public Order order() {
            if (built == null) {
                built = new Order(id, account, resource, resourceClass, region, sku, nodes, type, mode, effectiveAt, term,
                        autoRenew, status, new SourceRef(file, line));
            }
            return built;
        }

        public String id() {
            return id;
        }
    }

    // ---------------------------------------------------------------- usage

    public static UsageSpec usage(String recordId, String resource, String start, String end) {
        return new UsageSpec(recordId, resource, start, end);
    }

    public static final class UsageSpec {
        private final String recordId;
        private String account = ACCOUNT;
        private final String resource;
        private ResourceClass resourceClass = ResourceClass.DEDICATED_POOL;
        private String region = REGION;
        private String sku = POOL_SKU;
        private int nodes = 1;
        private final Interval interval;
        private final long line = USAGE_LINES.incrementAndGet();

        private UsageSpec(String recordId, String resource, String start, String end) {
            this.recordId = recordId;
            this.resource = resource;
            this.interval = new Interval(at(start), at(end));
        }

        public UsageSpec account(String account) { this.account = account; return this; }
        public UsageSpec resourceClass(ResourceClass c) { this.resourceClass = c; return this; }
        public UsageSpec lingjun() { return resourceClass(ResourceClass.LINGJUN); }
        public UsageSpec publicPool() { return resourceClass(ResourceClass.PUBLIC_POOL); }
        public UsageSpec sku(String sku) { this.sku = sku; return this; }
        public UsageSpec region(String region) { this.region = region; return this; }
        public UsageSpec nodes(int nodes) { this.nodes = nodes; return this; }

        public UsageRecord record() {
            return new UsageRecord(recordId, account, resource, resourceClass, region, sku, nodes, interval,
                    new SourceRef("usage.csv", line));
        }
    }

    public static List<UsageRecord> usages(UsageSpec... specs) {
        return Arrays.stream(specs).map(UsageSpec::record).toList();
    }

    // ---------------------------------------------------------------- prices

    /** A pay-as-you-go price of {@code sku} in {@value #REGION}, in USD, over {@code [from, to)} ({@code to} null = open). */
    public static CatalogPrice paygPrice(String sku, String unitPrice, PriceUnit unit, String from, String to) {
        return price(sku, REGION, BillingMode.PAY_AS_YOU_GO, unit, unitPrice, "USD", from, to, true);
    }

    /** A subscription price (per MONTH or per YEAR) of {@code sku} in {@value #REGION}, in USD. */
    public static CatalogPrice subscriptionPrice(String sku, String unitPrice, PriceUnit unit, String from, String to) {
        return price(sku, REGION, BillingMode.SUBSCRIPTION, unit, unitPrice, "USD", from, to, true);
    }

    public static CatalogPrice price(String sku, String region, BillingMode mode, PriceUnit unit, String unitPrice,
                                     String currency, String from, String to, boolean inStock) {
        return new CatalogPrice(sku, region, mode, unit, new BigDecimal(unitPrice), Currency.getInstance(currency),
                at(from), to == null ? null : at(to), inStock, new SourceRef("catalog.csv", CATALOG_LINES.incrementAndGet()));
    }

    public static CatalogPrice outOfStock(CatalogPrice p) {
        return new CatalogPrice(p.sku(), p.region(), p.mode(), p.unit(), p.unitPrice(), p.currency(), p.effectiveFrom(),
                p.effectiveTo(), false, p.source());
    }

    public static Catalog catalog(CatalogPrice... prices) {
        return new Catalog(List.of(prices));
    }
}
