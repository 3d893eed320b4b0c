package com.computebilling.rating;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.SubscriptionQuote;
import com.computebilling.findings.Finding;
import com.computebilling.findings.FindingCode;
import com.computebilling.orders.Order;
import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;
import com.computebilling.timeline.OrderFinding;
import com.computebilling.timeline.ResourceTimeline;
import com.computebilling.timeline.SubscriptionCharge;
import com.computebilling.timeline.TimelineBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Bills one resource for the processed period: builds its timeline from its orders, charges the subscription
 * terms charged inside the period, rates its usage, and keeps only the order findings of the period.
 */
public final class ResourceRater {

    private final BillingZone zone;
    private final ProcessedPeriod period;
    private final TimelineBuilder timelines;
    private final UsageRater usageRater;

    public ResourceRater(Catalog catalog, ProcessedPeriod period) {
        this.zone = period.zone();
        this.period = period;
        this.timelines = new TimelineBuilder(catalog, zone);
        this.usageRater = new UsageRater(catalog, zone, period);
    }

    public ResourceBill bill(ResourceWork work) {
        List<Finding> findings = new ArrayList<>();
        for (Order dup : work.duplicates()) {
            if (period.contains(dup.effectiveAt())) {
                findings.add(new Finding(FindingCode.DUPLICATE_ORDER, dup.source(), dup.accountId(), dup.resourceId(),
                        dup.orderId(), "", "order_id already seen in an earlier row; this row is dropped"));
            }
        }
        ResourceTimeline timeline = timelines.build(work.orders(), period.end());
        for (OrderFinding f : timeline.findings()) {
            if (period.contains(f.at())) {
                findings.add(f.finding());
            }
        }
        List<ChargeLine> lines = new ArrayList<>();
        for (SubscriptionCharge c : timeline.charges()) {
            if (period.contains(c.chargedAt())) {
                lines.add(purchaseLine(c));
            }
        }
        RatedUsage rated = usageRater.rate(work.usage(), timeline);
        lines.addAll(rated.lines());
        findings.addAll(rated.findings());
        return new ResourceBill(work.resourceId(), lines, findings, rated.nodeSeconds(), timeline.charges(),
                rated.coverage());
    }

    /** The charge line of a term's purchase: the line of the run whose period holds {@code c.chargedAt()}. */
    public static ChargeLine purchaseLine(SubscriptionCharge c) {
        Order o = c.order();
        SubscriptionQuote q = c.quote();
        return new ChargeLine(o.accountId(), o.resourceId(), o.resourceClass(), o.region(), o.sku(), c.type(),
                BillingMode.SUBSCRIPTION, o.orderId(), c.term().start(), c.term().end(), c.chargedAt(), c.term().end(),
                c.nodes(), c.length().length(), c.length().unit().name(), q.price().unitPrice(), q.price().unit(),
                c.amount(), q.price().currency());
    }
}
