package com.computebilling.timeline;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.ChargeType;
import com.computebilling.catalog.SubscriptionQuote;
import com.computebilling.catalog.TermLength;
import com.computebilling.findings.Finding;
import com.computebilling.findings.FindingCode;
import com.computebilling.orders.Order;
import com.computebilling.orders.OrderStatus;
import com.computebilling.orders.OrderType;
import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import com.computebilling.usage.ResourceClass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Replays one resource's PAID orders, in {@code effective_at} order, into its {@link ResourceTimeline}.
 * Each order is checked against the platform's rules first; one that breaks a rule is reported with the first
 * code that applies and changes nothing.
 *
 * <pre>
 *   NEW PAYG        CHANGE_TO_SUBSCRIPTION (1 month)        auto-renew at expiry E
 *   |-- payg ------|== term [t, t+1M) ===================|== term [E, E+1M) ==== ...
 *   t0             t                                      E
 * </pre>
 *
 * Auto-renewals are generated up to {@code horizon} (the end of the processed period): the timeline itself does
 * not depend on the period, the horizon only stops an endless chain.
 */
public final class TimelineBuilder {

    private static final Comparator<Order> BY_EFFECTIVE_AT = (a, b) -> a.effectiveAt().compareTo(b.effectiveAt());

    private final Catalog catalog;
    private final BillingZone zone;

    public TimelineBuilder(Catalog catalog, BillingZone zone) {
        this.catalog = catalog;
        this.zone = zone;
    }

    public ResourceTimeline build(List<Order> orders, Instant horizon) {
        // a loop rather than a stream: built for every resource, and a stream's machinery costs more than the work
        List<Order> paid = new ArrayList<>(orders.size());
        for (Order o : orders) {
            if (o.status() == OrderStatus.PAID) {
                paid.add(o);
            }
        }
        paid.sort(BY_EFFECTIVE_AT);   // stable: ties keep file order
        Replay replay = new Replay(paid.isEmpty() ? null : paid.get(0).accountId());
        for (Order order : paid) {
            replay.advanceTo(order.effectiveAt());
            Optional<FindingCode> broken = replay.firstBrokenRule(order);
            if (broken.isPresent()) {
                replay.reject(order, broken.get());
            } else {
                replay.apply(order);
            }
        }
        replay.advanceTo(horizon);
        return replay.finish();
    }

    /** A subscription term in force: continuous coverage that renewals extend. */
    private static final class Term {
        Instant start;
        Instant end;
        int nodes;
        Order latest;       // the order whose auto_renew decides what happens at expiry
        TermLength length;  // the term length of that order, used again by an auto-renewal
    }

    private final class Replay {
        private final String firstAccount;
        private final List<Segment> segments = new ArrayList<>();
        private final List<SubscriptionCharge> charges = new ArrayList<>();
        private final List<OrderFinding> findings = new ArrayList<>();
        private Order payg;
        private Instant paygSince;
        private Term term;
        private boolean everSubscribed;

        Replay(String firstAccount) {
            this.firstAccount = firstAccount;
        }

        /** Lets terms expire (or renew themselves) up to and including {@code t}. */
        void advanceTo(Instant t) {
            while (term != null && !term.end.isAfter(t)) {
                if (term.latest.autoRenew()) {
                    autoRenew();
                } else {
                    term = null;
                }
            }
        }

        private void autoRenew() {
            Instant expiry = term.end;
            Order latest = term.latest;
            Optional<SubscriptionQuote> quote = catalog.subscriptionAt(latest.sku(), latest.region(), term.length, expiry);
            if (quote.isEmpty()) {
                findings.add(new OrderFinding(finding(latest, FindingCode.NO_PRICE,
                        "auto-renewal at " + zone.format(expiry) + ": no " + term.length.unit()
                                + " subscription price for " + latest.sku() + " in " + latest.region()
                                + "; the term lapses"), expiry));
                term = null;
                return;
            }
            Instant end = zone.plusMonths(expiry, term.length.months());
            Interval renewed = new Interval(expiry, end);
            segments.add(new Segment(renewed, BillingMode.SUBSCRIPTION, term.nodes, latest));
            charges.add(new SubscriptionCharge(ChargeType.AUTO_RENEWAL, latest, expiry, renewed, term.length,
                    term.nodes, quote.get()));
            term.end = end;
        }

        private boolean active() {
            return payg != null || term != null;
        }

        Optional<FindingCode> firstBrokenRule(Order o) {
            OrderType type = o.type();
            if (o.resourceClass() == ResourceClass.PUBLIC_POOL) {
                return Optional.of(FindingCode.PUBLIC_POOL_NOT_ORDERABLE);
            }
            if (!o.accountId().equals(firstAccount)) {
                return Optional.of(FindingCode.ACCOUNT_MISMATCH);
            }
            if (o.isPayAsYouGoPurchase() && o.resourceClass() == ResourceClass.GENERAL) {
                return Optional.of(FindingCode.MODE_NOT_OFFERED);
            }
            if (type == OrderType.CHANGE_TO_SUBSCRIPTION && o.resourceClass() != ResourceClass.DEDICATED_POOL) {
                return Optional.of(FindingCode.CHANGE_NOT_ALLOWED);
            }
            boolean changeOrRelease = type == OrderType.CHANGE_TO_SUBSCRIPTION || type == OrderType.RELEASE;
            if ((changeOrRelease && !active()) || (type == OrderType.RENEW && !everSubscribed)) {
                return Optional.of(FindingCode.RESOURCE_NOT_ENABLED);
            }
            if (type == OrderType.CHANGE_TO_SUBSCRIPTION && payg == null) {
                return Optional.of(FindingCode.CHANGE_NOT_PAY_AS_YOU_GO);
            }
            if (type == OrderType.RELEASE && payg == null) {
                return Optional.of(FindingCode.RELEASE_NOT_PAY_AS_YOU_GO);
            }
            if ((type == OrderType.NEW && active())
                    || (type == OrderType.CHANGE_TO_SUBSCRIPTION && o.quantity() != payg.quantity())
                    || (type == OrderType.RENEW && payg != null)) {
                return Optional.of(FindingCode.MIXED_BILLING_MODES);
            }
            if (type == OrderType.NEW && catalog.outOfStockAt(o.sku(), o.region(), o.effectiveAt())) {
                return Optional.of(FindingCode.OUT_OF_STOCK);
            }
            if (!priced(o)) {
                return Optional.of(FindingCode.NO_PRICE);
            }
            return Optional.empty();
        }

        private boolean priced(Order o) {
            return switch (o.type()) {
                case RELEASE -> true;
                case NEW -> o.billingMode() == BillingMode.PAY_AS_YOU_GO
                        ? catalog.payAsYouGoAt(o.sku(), o.region(), o.effectiveAt()).isPresent()
                        : quote(o).isPresent();
                case RENEW, CHANGE_TO_SUBSCRIPTION -> quote(o).isPresent();
            };
        }

        private Optional<SubscriptionQuote> quote(Order o) {
            return catalog.subscriptionAt(o.sku(), o.region(), o.term(), o.effectiveAt());
        }

        void reject(Order o, FindingCode code) {
            findings.add(new OrderFinding(finding(o, code, explain(o, code)), o.effectiveAt()));
        }

        void apply(Order o) {
            Instant t = o.effectiveAt();
            switch (o.type()) {
                case NEW -> {
                    if (o.billingMode() == BillingMode.PAY_AS_YOU_GO) {
                        payg = o;
                        paygSince = t;
                    } else {
                        startTerm(o, t, ChargeType.SUBSCRIPTION);
                    }
                }
                case CHANGE_TO_SUBSCRIPTION -> {
                    endPayAsYouGo(t);
                    startTerm(o, t, ChargeType.SUBSCRIPTION);
                }
                case RENEW -> {
                    if (term == null) {
                        startTerm(o, t, ChargeType.RENEWAL);
                    } else {
                        extendTerm(o, t);
                    }
                }
                case RELEASE -> endPayAsYouGo(t);
            }
        }

        private void startTerm(Order o, Instant t, ChargeType type) {
            Instant end = zone.plusMonths(t, o.term().months());
            Interval covered = new Interval(t, end);
            term = new Term();
            term.start = t;
            term.end = end;
            term.nodes = o.quantity();
            term.latest = o;
            term.length = o.term();
            everSubscribed = true;
            segments.add(new Segment(covered, BillingMode.SUBSCRIPTION, o.quantity(), o));
            charges.add(new SubscriptionCharge(type, o, t, covered, o.term(), o.quantity(), quote(o).orElseThrow()));
        }

        /** A RENEW while the term is in force extends it from its expiry E to E + d, charged now. */
        private void extendTerm(Order o, Instant t) {
            Instant from = term.end;
            Instant end = zone.plusMonths(from, o.term().months());
            Interval extension = new Interval(from, end);
            term.end = end;
            term.nodes = o.quantity();
            term.latest = o;
            term.length = o.term();
            segments.add(new Segment(extension, BillingMode.SUBSCRIPTION, o.quantity(), o));
            charges.add(new SubscriptionCharge(ChargeType.RENEWAL, o, t, extension, o.term(), o.quantity(),
                    quote(o).orElseThrow()));
        }

        private void endPayAsYouGo(Instant t) {
            if (t.isAfter(paygSince)) {
                segments.add(new Segment(new Interval(paygSince, t), BillingMode.PAY_AS_YOU_GO, payg.quantity(), payg));
            }
            payg = null;
            paygSince = null;
        }

        ResourceTimeline finish() {
            if (payg != null) {
                segments.add(new Segment(new Interval(paygSince, Interval.OPEN_END), BillingMode.PAY_AS_YOU_GO,
                        payg.quantity(), payg));
            }
            segments.sort(Comparator.comparing(s -> s.interval().start()));
            return new ResourceTimeline(segments, charges, findings);
        }

        private String explain(Order o, FindingCode code) {
            return switch (code) {
                case PUBLIC_POOL_NOT_ORDERABLE -> "public pools cannot be ordered; their usage is billed pay-as-you-go";
                case ACCOUNT_MISMATCH -> "order account " + o.accountId() + " differs from the resource's account "
                        + firstAccount;
                case MODE_NOT_OFFERED -> "GENERAL resources are sold by subscription only";
                case CHANGE_NOT_ALLOWED -> "the billing mode can be changed only for dedicated resource pools";
                case RESOURCE_NOT_ENABLED -> o.type() == OrderType.RENEW
                        ? "RENEW of a resource that never had a subscription term"
                        : o.type() + " of a resource with no active state at " + zone.format(o.effectiveAt());
                case CHANGE_NOT_PAY_AS_YOU_GO -> "only pay-as-you-go can be changed to a subscription";
                case RELEASE_NOT_PAY_AS_YOU_GO -> "a subscription cannot be released early";
                case MIXED_BILLING_MODES -> mixedReason(o);
                case OUT_OF_STOCK -> o.sku() + " is out of stock in " + o.region() + " at " + zone.format(o.effectiveAt());
                case NO_PRICE -> "no " + (o.isPayAsYouGoPurchase() ? "pay-as-you-go" : o.term().unit() + " subscription")
                        + " price for " + o.sku() + " in " + o.region() + " at " + zone.format(o.effectiveAt());
                default -> code.name();
            };
        }

        private String mixedReason(Order o) {
            return switch (o.type()) {
                case NEW -> "NEW order on a resource that is already " + (payg != null ? "pay-as-you-go" : "subscribed");
                case CHANGE_TO_SUBSCRIPTION -> "change for " + o.quantity() + " nodes while " + payg.quantity()
                        + " nodes are pay-as-you-go";
                default -> "RENEW while the resource is pay-as-you-go";
            };
        }
    }

    private static Finding finding(Order o, FindingCode code, String detail) {
        return new Finding(code, o.source(), o.accountId(), o.resourceId(), o.orderId(), "", detail);
    }
}
