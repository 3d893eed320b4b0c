package com.computebilling.rating;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.ChargeType;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.digest.Sha256;
import com.computebilling.usage.ResourceClass;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;

/**
 * One row of {@code charges.csv} before it is given its invoice. For USAGE the period is the hour and
 * {@code duration} the billed seconds; for the others the period is the term and {@code duration} its length.
 * {@code orderId} is empty for public-pool usage, which has no order.
 */
public record ChargeLine(String accountId, String resourceId, ResourceClass resourceClass, String region, String sku,
                         ChargeType chargeType, BillingMode billingMode, String orderId, Instant periodStart,
                         Instant periodEnd, Instant chargeStart, Instant chargeEnd, int nodes, long duration,
                         String durationUnit, BigDecimal unitPrice, PriceUnit priceUnit, BigDecimal amount,
                         Currency currency) {

    /**
     * The order of {@code charges.csv}: SPEC §4's {@code account_id, resource_id, period_start, charge_type}, then
     * the charge start, SKU, nodes and line id so that no two lines tie and the bytes never depend on rating order.
     * Text compares as {@link String#compareTo}, as the database's code-point collation does.
     */
    public static final Comparator<ChargeLine> OUTPUT_ORDER = (a, b) -> {
        // Written out rather than chained: every resource's lines are sorted and their order checked.
        int c = a.accountId.compareTo(b.accountId);
        if (c == 0) {
            c = a.resourceId.compareTo(b.resourceId);
        }
        if (c == 0) {
            c = a.periodStart.compareTo(b.periodStart);
        }
        if (c == 0) {
            c = a.chargeType.name().compareTo(b.chargeType.name());
        }
        if (c == 0) {
            c = a.chargeStart.compareTo(b.chargeStart);
        }
        if (c == 0) {
            c = a.sku.compareTo(b.sku);
        }
        if (c == 0) {
            c = Integer.compare(a.nodes, b.nodes);
        }
        return c != 0 ? c : a.lineId().compareTo(b.lineId());
    };

    /** The instant that decides the line's billing day and month: the hour for usage, the charge otherwise. */
    public Instant billedAt() {
        return chargeType == ChargeType.USAGE ? periodStart : chargeStart;
    }

    /**
     * Stable across re-runs: a digest of what identifies the line (never of a run or a row number), so the same
     * input always gives the same id.
     */
    public String lineId() {
        // The same text as String.join("|", ...) of these fields, built in one buffer: every line of a run is digested.
        String key = new StringBuilder(160).append(accountId).append('|').append(resourceId).append('|')
                .append(chargeType.name()).append('|').append(orderId).append('|').append(periodStart.getEpochSecond())
                .append('|').append(chargeStart.getEpochSecond()).append('|').append(sku).append('|').append(region)
                .append('|').append(nodes).append('|').append(unitPrice.toPlainString()).append('|')
                .append(priceUnit.name()).append('|').append(currency.getCurrencyCode()).toString();
        return "CL" + Sha256.hex(key, 10);
    }
}
