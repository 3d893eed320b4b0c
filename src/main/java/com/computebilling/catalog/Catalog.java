package com.computebilling.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The price lists of all catalog files, read as one set. Small (a price per SKU, region and mode), so it is
 * held in memory; usage never is.
 */
public final class Catalog {

    private record Key(String sku, String region) {
    }

    /**
     * Rows by SKU, then region, in order of their start. Two plain lookups rather than one by a composite key: rating
     * asks twice for every piece of usage, and a key made and hashed per question was a visible part of rating.
     */
    private final Map<String, Map<String, List<CatalogPrice>>> rows = new HashMap<>();

    public Catalog(Collection<CatalogPrice> prices) {
        for (CatalogPrice p : prices) {
            rows.computeIfAbsent(p.sku(), k -> new HashMap<>()).computeIfAbsent(p.region(), k -> new ArrayList<>())
                    .add(p);
        }
        rows.values().forEach(regions -> regions.values()
                .forEach(list -> list.sort(Comparator.comparing(CatalogPrice::effectiveFrom))));
    }

    /**
     * Pairs of rows whose windows overlap for the same SKU, region and mode (and price unit, for subscriptions):
     * prices must be unambiguous, so any pair refuses the run.
     */
    public static List<String> overlaps(Collection<CatalogPrice> prices) {
        List<String> problems = new ArrayList<>();
        Map<Key, List<CatalogPrice>> byKey = new HashMap<>();
        prices.forEach(p -> byKey.computeIfAbsent(new Key(p.sku(), p.region()), k -> new ArrayList<>()).add(p));
        byKey.values().stream().flatMap(list -> pairs(list).stream()).sorted().forEach(problems::add);
        return problems;
    }

    private static List<String> pairs(List<CatalogPrice> list) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                CatalogPrice a = list.get(i);
                CatalogPrice b = list.get(j);
                if (a.competesWith(b) && a.overlaps(b)) {
                    found.add("CATALOG_OVERLAP: " + a.sku() + " in " + a.region() + " (" + a.mode()
                            + (a.mode() == BillingMode.SUBSCRIPTION ? " per " + a.unit() : "") + ") at "
                            + a.source() + " and " + b.source() + " have overlapping windows");
                }
            }
        }
        return found;
    }

    public Optional<CatalogPrice> payAsYouGoAt(String sku, String region, Instant t) {
        return find(sku, region, t, p -> p.mode() == BillingMode.PAY_AS_YOU_GO);
    }

    /**
     * The price of a subscription term at {@code t}: a MONTH term uses the MONTH price; a YEAR term the YEAR
     * price if there is one, else 12 × the MONTH price.
     */
    public Optional<SubscriptionQuote> subscriptionAt(String sku, String region, TermLength term, Instant t) {
        if (term.unit() == PriceUnit.YEAR) {
            Optional<CatalogPrice> yearly = find(sku, region, t,
                    p -> p.mode() == BillingMode.SUBSCRIPTION && p.unit() == PriceUnit.YEAR);
            if (yearly.isPresent()) {
                return Optional.of(new SubscriptionQuote(yearly.get(), term.length()));
            }
        }
        return find(sku, region, t, p -> p.mode() == BillingMode.SUBSCRIPTION && p.unit() == PriceUnit.MONTH)
                .map(p -> new SubscriptionQuote(p, term.months()));
    }

    /** Some row of this SKU and region in effect at {@code t} marks it out of stock: it cannot be newly ordered. */
    public boolean outOfStockAt(String sku, String region, Instant t) {
        for (CatalogPrice p : rowsOf(sku, region)) {
            if (p.inEffectAt(t) && !p.inStock()) {
                return true;
            }
        }
        return false;
    }

    /** The first instant after {@code t} where the pay-as-you-go price of this SKU and region may change. */
    public Optional<Instant> nextPayAsYouGoChangeAfter(String sku, String region, Instant t) {
        Instant next = null;
        for (CatalogPrice p : rowsOf(sku, region)) {
            if (p.mode() != BillingMode.PAY_AS_YOU_GO) {
                continue;
            }
            next = earliestAfter(next, p.effectiveFrom(), t);
            if (p.effectiveTo() != null) {
                next = earliestAfter(next, p.effectiveTo(), t);
            }
        }
        return Optional.ofNullable(next);
    }

    private static Instant earliestAfter(Instant best, Instant candidate, Instant t) {
        if (candidate.isAfter(t) && (best == null || candidate.isBefore(best))) {
            return candidate;
        }
        return best;
    }

    private Optional<CatalogPrice> find(String sku, String region, Instant t,
                                        java.util.function.Predicate<CatalogPrice> which) {
        for (CatalogPrice p : rowsOf(sku, region)) {
            if (which.test(p) && p.inEffectAt(t)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private List<CatalogPrice> rowsOf(String sku, String region) {
        Map<String, List<CatalogPrice>> regions = rows.get(sku);
        List<CatalogPrice> list = regions == null ? null : regions.get(region);
        return list == null ? List.of() : list;
    }
}
