package com.computebilling.rating;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.catalog.ChargeType;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.findings.Finding;
import com.computebilling.findings.FindingCode;
import com.computebilling.money.Rounding;
import com.computebilling.orders.Order;
import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import com.computebilling.time.ProcessedPeriod;
import com.computebilling.timeline.ResourceTimeline;
import com.computebilling.timeline.Segment;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rates the usage of one resource against its timeline. Each piece (see {@link IntervalSplitter}) takes the first
 * of these that applies, judged at its start: out of period, no state, covered by a subscription, no price,
 * billed. Billed pieces of one hour with the same SKU, node count and price form one usage line.
 */
final class UsageRater {

    private final Catalog catalog;
    private final BillingZone zone;
    private final ProcessedPeriod period;
    private final IntervalSplitter splitter;

    public UsageRater(Catalog catalog, BillingZone zone, ProcessedPeriod period) {
        this.catalog = catalog;
        this.zone = zone;
        this.period = period;
        this.splitter = new IntervalSplitter(zone);
    }

    /** Pieces with equal keys form one line; a price change to the same price does not split a line. */
    private record LineKey(String accountId, ResourceClass resourceClass, String region, String sku,
                           Instant hour, int nodes, BigDecimal unitPrice, PriceUnit unit, Currency currency) {

        // Written out: every billed piece looks its line up, and a record's generated hashCode and equals go through
        // method handles that cost several times this until the compiler gets to them.
        @Override
        public int hashCode() {
            int h = hour.hashCode();
            h = 31 * h + nodes;
            h = 31 * h + sku.hashCode();
            h = 31 * h + accountId.hashCode();
            return 31 * h + unitPrice.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LineKey k && nodes == k.nodes && hour.equals(k.hour) && sku.equals(k.sku)
                    && accountId.equals(k.accountId) && region.equals(k.region) && unitPrice.equals(k.unitPrice)
                    && resourceClass == k.resourceClass && unit == k.unit && currency.equals(k.currency);
        }
    }

    /** Usage in the order it is rated: by start, then record id, file and line, so that findings never depend on input order. */
    private static final Comparator<UsageRecord> RATING_ORDER = (a, b) -> {
        int c = a.interval().start().compareTo(b.interval().start());
        if (c == 0) {
            c = a.recordId().compareTo(b.recordId());
        }
        if (c == 0) {
            c = a.source().file().compareTo(b.source().file());
        }
        return c != 0 ? c : Long.compare(a.source().line(), b.source().line());
    };

    private static final class LineTotal {
        Instant first;
        Instant last;
        long seconds;
        String orderId;
    }

    public RatedUsage rate(List<UsageRecord> usage, ResourceTimeline timeline) {
        List<UsageRecord> records = new ArrayList<>(usage);
        records.sort(RATING_ORDER);
        Set<UsageRecord> overlapping = overlapping(records);
        Map<LineKey, LineTotal> lines = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        // Every state is one of the timeline's own segments, which never equal one another (their intervals are
        // disjoint): identity is equality here, where the record's hashCode hashed the segment's whole order again,
        // through method handles, for every billed piece of usage.
        Set<Segment> paygWithUsage = Collections.newSetFromMap(new IdentityHashMap<>());
        Tally tally = new Tally();
        List<Coverage> coverage = new ArrayList<>();

        // a record's findings, emptied for the next
        Map<FindingCode, Long> perCode = new EnumMap<>(FindingCode.class);
        Map<FindingCode, String> details = new EnumMap<>(FindingCode.class);
        for (UsageRecord record : records) {
            tally.input += record.nodeSeconds();
            perCode.clear();
            details.clear();
            boolean inPeriod = false;
            for (Interval piece : splitter.split(record.interval(), timeline::nextChangeAfter,
                    t -> priceChangeAfter(record, timeline, t))) {
                long seconds = piece.seconds();
                long nodeSeconds = record.quantity() * seconds;
                Outcome outcome = classify(record, piece.start(), timeline);
                if (outcome instanceof OutOfPeriod) {
                    tally.outOfPeriod += nodeSeconds;
                    perCode.merge(FindingCode.OUT_OF_PERIOD, nodeSeconds, Long::sum);
                    continue;
                }
                inPeriod = true;
                Optional<Segment> state = outcome.state();
                if (state.isPresent()) {
                    checkTerms(record, state.get().order(), perCode, details);
                }
                if (outcome instanceof WithoutOrder) {
                    tally.withoutOrder += nodeSeconds;
                    perCode.merge(FindingCode.USAGE_WITHOUT_ORDER, nodeSeconds, Long::sum);
                } else if (outcome instanceof Covered c) {
                    tally.covered += c.nodes() * seconds;
                    coverage.add(new Coverage(piece, c.nodes()));
                    if (c.excess() > 0) {
                        tally.quantityExcess += c.excess() * seconds;
                        perCode.merge(FindingCode.QUANTITY_EXCEEDS_ORDER, c.excess() * seconds, Long::sum);
                        details.putIfAbsent(FindingCode.QUANTITY_EXCEEDS_ORDER, record.quantity()
                                + " nodes metered, " + c.subscription().nodes() + " subscribed");
                    }
                } else if (outcome instanceof NoPrice n) {
                    if (state.isPresent()) {
                        paygWithUsage.add(state.get());
                    }
                    tally.noPrice += nodeSeconds;
                    perCode.merge(FindingCode.NO_PRICE, nodeSeconds, Long::sum);
                    details.putIfAbsent(FindingCode.NO_PRICE, "no pay-as-you-go price for " + n.sku() + " in "
                            + n.region() + " at " + zone.format(piece.start()));
                } else if (outcome instanceof Billed b) {
                    if (state.isPresent()) {
                        paygWithUsage.add(state.get());
                    }
                    tally.billed += nodeSeconds;
                    addToLine(lines, record, piece, b);
                }
            }
            if (inPeriod && overlapping.contains(record)) {
                perCode.put(FindingCode.OVERLAPPING_USAGE, record.nodeSeconds());
                details.put(FindingCode.OVERLAPPING_USAGE, "overlaps another usage record of the same resource");
            }
            perCode.forEach((code, ns) -> findings.add(usageFinding(record, code, ns, details.get(code))));
        }

        findings.addAll(ordersWithoutUsage(timeline, paygWithUsage));
        return new RatedUsage(toLines(usage.isEmpty() ? null : usage.get(0).resourceId(), lines), findings,
                tally.total(), coverage);
    }

    /**
     * What a piece of usage comes to: the first of these that applies, judged at the piece's start. Each outcome
     * carries the order state in force, if any, and what its accounting needs.
     */
    private sealed interface Outcome permits OutOfPeriod, WithoutOrder, Covered, NoPrice, Billed {
        Optional<Segment> state();
    }

    // the outcomes without fields, one of each (asked for every piece of usage)
    private static final OutOfPeriod OUT_OF_PERIOD = new OutOfPeriod();
    private static final WithoutOrder WITHOUT_ORDER = new WithoutOrder();

    /** Outside the processed period: another run bills it. */
    private record OutOfPeriod() implements Outcome {
        public Optional<Segment> state() {
            return Optional.empty();
        }
    }

    /** No order in force (and not a public-pool node, which needs none): not billed. */
    private record WithoutOrder() implements Outcome {
        public Optional<Segment> state() {
            return Optional.empty();
        }
    }

    /** Under a subscription: up to its node count covered, the nodes beyond it an excess (neither billed here). */
    private record Covered(Segment subscription, int nodes, int excess) implements Outcome {
        public Optional<Segment> state() {
            return Optional.of(subscription);
        }
    }

    /** Pay-as-you-go (or a public-pool node) where the catalog has no price at that instant: not billed. */
    private record NoPrice(Optional<Segment> state, String sku, String region) implements Outcome {
    }

    /** Pay-as-you-go at the catalog's price: billed, at the order's terms where there is an order. */
    private record Billed(Optional<Segment> state, String sku, String region, CatalogPrice price) implements Outcome {
    }

    private Outcome classify(UsageRecord record, Instant at, ResourceTimeline timeline) {
        if (!period.contains(at)) {
            return OUT_OF_PERIOD;
        }
        boolean publicPool = record.resourceClass() == ResourceClass.PUBLIC_POOL;
        Optional<Segment> state = publicPool ? Optional.empty() : timeline.at(at);
        if (state.isEmpty() && !publicPool) {
            return WITHOUT_ORDER;
        }
        if (state.isPresent() && !state.get().isPayAsYouGo()) {
            int subscribed = state.get().nodes();
            return new Covered(state.get(), Math.min(record.quantity(), subscribed),
                    Math.max(0, record.quantity() - subscribed));
        }
        String sku = state.isPresent() ? state.get().order().sku() : record.sku();
        String region = state.isPresent() ? state.get().order().region() : record.region();
        Optional<CatalogPrice> price = catalog.payAsYouGoAt(sku, region, at);
        return price.isEmpty() ? new NoPrice(state, sku, region) : new Billed(state, sku, region, price.get());
    }

    /** A billed piece joins the line of its hour, SKU, node count and price. */
    private void addToLine(Map<LineKey, LineTotal> lines, UsageRecord record, Interval piece, Billed billed) {
        Order order = billed.state().isPresent() ? billed.state().get().order() : null;
        CatalogPrice price = billed.price();
        LineKey key = new LineKey(order == null ? record.accountId() : order.accountId(),
                order == null ? record.resourceClass() : order.resourceClass(), billed.region(), billed.sku(),
                zone.hourStart(piece.start()), record.quantity(), price.unitPrice(), price.unit(), price.currency());
        LineTotal total = lines.computeIfAbsent(key, k -> new LineTotal());
        total.first = total.first == null || piece.start().isBefore(total.first) ? piece.start() : total.first;
        total.last = total.last == null || piece.end().isAfter(total.last) ? piece.end() : total.last;
        total.seconds += piece.seconds();
        if (total.orderId == null) {
            total.orderId = order == null ? "" : order.orderId();
        }
    }

    /** Where a resource's node-seconds went, added up piece by piece into the six buckets of {@link NodeSeconds}. */
    private static final class Tally {
        long input;
        long billed;
        long covered;
        long withoutOrder;
        long quantityExcess;
        long noPrice;
        long outOfPeriod;

        NodeSeconds total() {
            return new NodeSeconds(input, billed, covered, withoutOrder, quantityExcess, noPrice, outOfPeriod);
        }
    }

    /** Usage is rated at the order's terms; where it claims another account, SKU or region, say so. */
    private static void checkTerms(UsageRecord u, Order order, Map<FindingCode, Long> perCode,
                                   Map<FindingCode, String> details) {
        if (!u.accountId().equals(order.accountId())) {
            perCode.merge(FindingCode.ACCOUNT_MISMATCH, 0L, Long::sum);
            details.putIfAbsent(FindingCode.ACCOUNT_MISMATCH, "usage account " + u.accountId() + ", order "
                    + order.orderId() + " account " + order.accountId() + "; rated at the order's terms");
        }
        if (!u.sku().equals(order.sku()) || !u.region().equals(order.region())) {
            perCode.merge(FindingCode.SKU_MISMATCH, 0L, Long::sum);
            details.putIfAbsent(FindingCode.SKU_MISMATCH, "usage " + u.sku() + " in " + u.region() + ", order "
                    + order.orderId() + " " + order.sku() + " in " + order.region() + "; rated at the order's terms");
        }
    }

    private Optional<Instant> priceChangeAfter(UsageRecord record, ResourceTimeline timeline, Instant t) {
        Optional<Segment> state = record.resourceClass() == ResourceClass.PUBLIC_POOL ? Optional.empty() : timeline.at(t);
        String sku = state.isPresent() ? state.get().order().sku() : record.sku();
        String region = state.isPresent() ? state.get().order().region() : record.region();
        return catalog.nextPayAsYouGoChangeAfter(sku, region, t);
    }

    /** Records sorted by start; each is compared with those still running when it starts (a sweep line). */
    private static Set<UsageRecord> overlapping(List<UsageRecord> sorted) {
        // asked of the same objects only: identity, not the record's hashCode of its nine fields through method handles
        Set<UsageRecord> found = Collections.newSetFromMap(new IdentityHashMap<>());
        List<UsageRecord> running = new ArrayList<>();
        for (UsageRecord r : sorted) {
            running.removeIf(a -> !a.interval().end().isAfter(r.interval().start()));
            if (!running.isEmpty()) {
                found.add(r);
                found.addAll(running);
            }
            running.add(r);
        }
        return found;
    }

    /** A pay-as-you-go state in force during the period that no usage fell into. */
    private List<Finding> ordersWithoutUsage(ResourceTimeline timeline, Set<Segment> withUsage) {
        List<Finding> found = new ArrayList<>();
        for (Segment s : timeline.segments()) {
            if (!s.isPayAsYouGo() || withUsage.contains(s) || !intersectsPeriod(s.interval())) {
                continue;
            }
            Order o = s.order();
            found.add(new Finding(FindingCode.ORDER_WITHOUT_USAGE, o.source(), o.accountId(), o.resourceId(),
                    o.orderId(), "", "pay-as-you-go since " + zone.format(s.interval().start())
                    + " with no usage in period " + period));
        }
        return found;
    }

    private boolean intersectsPeriod(Interval interval) {
        return period.ranges().stream().anyMatch(r -> r.overlaps(interval));
    }

    private Finding usageFinding(UsageRecord u, FindingCode code, long nodeSeconds, String detail) {
        String text = switch (code) {
            case OUT_OF_PERIOD -> nodeSeconds + " node-seconds outside period " + period;
            case USAGE_WITHOUT_ORDER -> nodeSeconds + " node-seconds with no order in force";
            case QUANTITY_EXCEEDS_ORDER -> nodeSeconds + " node-seconds above the subscription (" + detail + ")";
            case NO_PRICE -> nodeSeconds + " node-seconds not billed: " + detail;
            default -> detail;
        };
        return new Finding(code, u.source(), u.accountId(), u.resourceId(), "", u.recordId(), text);
    }

    private List<ChargeLine> toLines(String resourceId, Map<LineKey, LineTotal> lines) {
        List<ChargeLine> out = new ArrayList<>();
        lines.forEach((k, t) -> {
            // unit_price × nodes × seconds ÷ seconds-per-unit: exact until the one rounding to 8 places
            BigDecimal exact = k.unitPrice().multiply(BigDecimal.valueOf(k.nodes())).multiply(BigDecimal.valueOf(t.seconds));
            out.add(new ChargeLine(k.accountId(), resourceId, k.resourceClass(), k.region(), k.sku(), ChargeType.USAGE,
                    BillingMode.PAY_AS_YOU_GO, t.orderId, k.hour(), zone.nextHour(k.hour()), t.first, t.last,
                    k.nodes(), t.seconds, "SECOND", k.unitPrice(), k.unit(), Rounding.line(exact, k.unit().seconds()),
                    k.currency()));
        });
        return out;
    }
}
