package com.computebilling.output;

import com.computebilling.rating.ChargeLine;
import com.computebilling.time.BillingZone;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders a charge line as its row of {@code charges.csv} (SPEC §4), without the line break. Rows are rendered when
 * a resource is rated, on the rating step's worker threads, and stored; writing the file is then a copy. Not
 * thread-safe: one per worker, because it remembers printed hour boundaries and prices, which repeat on most lines.
 */
public final class ChargeRows {

    private static final int CACHE_LIMIT = 100_000;

    private final BillingZone zone;
    private final Map<Instant, String> instants = new HashMap<>();

    public ChargeRows(BillingZone zone) {
        this.zone = zone;
    }

    public String row(ChargeLine l, String lineId, String invoiceId) {
        String row = CsvLine.of(List.of(lineId, invoiceId, l.accountId(), l.resourceId(), l.resourceClass().name(),
                l.region(), l.sku(), l.chargeType().name(), l.billingMode().name(), l.orderId(),
                instant(l.periodStart()), instant(l.periodEnd()), instant(l.chargeStart()), instant(l.chargeEnd()),
                String.valueOf(l.nodes()), String.valueOf(l.duration()), l.durationUnit(),
                Amounts.unitPrice(l.unitPrice(), l.currency()), l.priceUnit().name(), Amounts.line(l.amount()),
                l.currency().getCurrencyCode()));
        return row.substring(0, row.length() - 1);
    }

    private String instant(Instant t) {
        return cached(instants, t, zone::format);
    }

    private static <K> String cached(Map<K, String> cache, K key, Function<K, String> format) {
        String value = cache.get(key);
        if (value == null) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            value = format.apply(key);
            cache.put(key, value);
        }
        return value;
    }
}
