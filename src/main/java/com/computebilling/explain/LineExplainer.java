package com.computebilling.explain;

import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.catalog.ChargeType;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.catalog.TermLength;
import com.computebilling.orders.Order;
import com.computebilling.rating.ChargeLine;
import com.computebilling.rating.ResourceBill;
import com.computebilling.rating.ResourceRater;
import com.computebilling.rating.ResourceWork;
import com.computebilling.time.ProcessedPeriod;
import com.computebilling.usage.UsageRecord;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Explains a charge line by rating its resource again, alone, exactly as the run did (same inputs, same processed
 * period): the line must come out with the same id. A usage record's share of a usage line is what that record,
 * rated on its own against the same timeline, puts into the line's hour at the line's SKU, nodes and price: pieces of
 * different records never change each other's classification (overlapping records are both billed), so the shares add
 * up to the line's duration, which is checked.
 */
public final class LineExplainer {

    private final Catalog catalog;
    private final ResourceRater rater;

    public LineExplainer(List<CatalogPrice> prices, ProcessedPeriod period) {
        this.catalog = new Catalog(prices);
        this.rater = new ResourceRater(catalog, period);
    }

    public Optional<Explanation> explain(ResourceWork work, String lineId) {
        ResourceBill bill = rater.bill(work);
        int at = bill.lineIds().indexOf(lineId);
        if (at < 0) {
            return Optional.empty();
        }
        ChargeLine line = bill.lines().get(at);
        Order order = work.orders().stream().filter(o -> o.orderId().equals(line.orderId())).findFirst().orElse(null);
        List<Explanation.Contribution> records = new ArrayList<>();
        CatalogPrice price;
        BigDecimal exact;
        if (line.chargeType() == ChargeType.USAGE) {
            for (UsageRecord record : work.usage()) {
                long seconds = rater.bill(new ResourceWork(work.resourceId(), work.orders(), List.of(), List.of(record)))
                        .lines().stream().filter(l -> sameUsageLine(l, line)).mapToLong(ChargeLine::duration).sum();
                if (seconds > 0) {
                    records.add(new Explanation.Contribution(record, seconds));
                }
            }
            long total = records.stream().mapToLong(Explanation.Contribution::seconds).sum();
            if (total != line.duration()) {
                throw new IllegalStateException("the records of line " + lineId + " add up to " + total
                        + " seconds, the line has " + line.duration());
            }
            price = catalog.payAsYouGoAt(line.sku(), line.region(), line.chargeStart()).orElse(null);
            exact = line.unitPrice().multiply(BigDecimal.valueOf(line.nodes()))
                    .multiply(BigDecimal.valueOf(line.duration()))
                    .divide(BigDecimal.valueOf(line.priceUnit().seconds()), 20, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros();
        } else {
            TermLength term = new TermLength((int) line.duration(), PriceUnit.valueOf(line.durationUnit()));
            price = catalog.subscriptionAt(line.sku(), line.region(), term, line.chargeStart())
                    .map(q -> q.price()).orElse(null);
            exact = line.amount();   // unit price × nodes × term: a product, exact as stored
        }
        return Optional.of(new Explanation(line, records, order, price, exact));
    }

    private static boolean sameUsageLine(ChargeLine a, ChargeLine b) {
        return a.chargeType() == ChargeType.USAGE && a.periodStart().equals(b.periodStart())
                && a.accountId().equals(b.accountId()) && a.sku().equals(b.sku()) && a.region().equals(b.region())
                && a.nodes() == b.nodes() && a.unitPrice().compareTo(b.unitPrice()) == 0
                && a.priceUnit() == b.priceUnit() && a.currency().equals(b.currency())
                && Objects.equals(a.orderId(), b.orderId());
    }
}
