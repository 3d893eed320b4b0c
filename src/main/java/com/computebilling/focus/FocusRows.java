package com.computebilling.focus;

import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.catalog.ChargeType;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.catalog.TermLength;
import com.computebilling.money.Rounding;
import com.computebilling.orders.Order;
import com.computebilling.output.Amounts;
import com.computebilling.output.CsvLine;
import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import com.computebilling.time.Timestamps;
import com.computebilling.timeline.SubscriptionCharge;
import com.computebilling.usage.ResourceClass;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code focus.csv} (SPEC §6), a FinOps FOCUS 1.2 cost-and-usage dataset: U and P rows from the rows
 * of {@code charges.csv}, A rows from a term's day shares ({@link Amortization}), R rows from a final invoice whose
 * lines do not add up to its total. A null is an empty field; date/times are UTC, {@code YYYY-MM-DDTHH:mm:ssZ}.
 * Not thread-safe: it remembers parsed and printed instants, which repeat on most rows.
 */
public final class FocusRows {

    public static final List<String> HEADER = List.of("BilledCost", "BillingAccountId", "BillingAccountName",
            "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory", "ChargeClass",
            "ChargeDescription", "ChargeFrequency", "ChargePeriodStart", "ChargePeriodEnd",
            "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
            "CommitmentDiscountQuantity", "CommitmentDiscountStatus", "CommitmentDiscountType",
            "CommitmentDiscountUnit", "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ListCost",
            "ContractedUnitPrice", "ListUnitPrice", "EffectiveCost", "InvoiceId", "InvoiceIssuerName", "ProviderName",
            "PublisherName", "PricingCategory", "PricingQuantity", "PricingUnit", "RegionId", "RegionName",
            "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId",
            "x_LineId", "x_OrderId");

    /** The columns of {@code charges.csv} (SPEC §4) a U or P row is made from. */
    private static final int LINE_ID = 0, INVOICE_ID = 1, ACCOUNT = 2, RESOURCE = 3, RESOURCE_CLASS = 4, REGION = 5,
            SKU = 6, CHARGE_TYPE = 7, BILLING_MODE = 8, ORDER_ID = 9, PERIOD_START = 10, PERIOD_END = 11,
            CHARGE_START = 12, NODES = 14, DURATION = 15, DURATION_UNIT = 16, UNIT_PRICE = 17, PRICE_UNIT = 18,
            AMOUNT = 19, CURRENCY = 20;

    private static final String SERVICE_CATEGORY = "AI and Machine Learning";
    private static final String NODE_SECONDS = "Node-Seconds";
    private static final BillingZone UTC = BillingZone.of("UTC");

    private final BillingZone zone;
    private final Catalog catalog;
    private final String provider;
    private final Map<String, Instant> parsed = new HashMap<>();
    private final Map<Instant, String> printed = new HashMap<>();

    public FocusRows(BillingZone zone, Catalog catalog, String provider) {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("the FOCUS provider name must not be empty");
        }
        this.zone = zone;
        this.catalog = catalog;
        this.provider = provider;
    }

    /** Where a row of kind U or P starts: its charge period, by which rows of a resource are ordered. */
    public Instant chargePeriodStart(String[] charge) {
        return instant(charge[PERIOD_START]);
    }

    /** The row of a {@code USAGE} line (U) or of a subscription line (P), from the line's {@code charges.csv} fields. */
    public String charge(String[] c) {
        ChargeType type = ChargeType.valueOf(c[CHARGE_TYPE]);
        Instant periodStart = instant(c[PERIOD_START]);
        Instant chargeStart = instant(c[CHARGE_START]);
        Currency currency = Currency.getInstance(c[CURRENCY]);
        PriceUnit priceUnit = PriceUnit.valueOf(c[PRICE_UNIT]);
        int nodes = Integer.parseInt(c[NODES]);
        long duration = Long.parseLong(c[DURATION]);
        ResourceClass resourceClass = ResourceClass.valueOf(c[RESOURCE_CLASS]);
        String[] row = new String[HEADER.size()];
        Arrays.fill(row, "");
        row[0] = c[AMOUNT];
        row[1] = c[ACCOUNT];
        row[3] = c[CURRENCY];
        row[21] = c[AMOUNT];
        row[22] = c[AMOUNT];
        row[23] = c[UNIT_PRICE];
        row[24] = c[UNIT_PRICE];
        row[26] = c[INVOICE_ID];
        row[30] = "Standard";
        row[10] = utc(periodStart);
        row[11] = utc(instant(c[PERIOD_END]));
        CatalogPrice price;
        if (type == ChargeType.USAGE) {
            billingMonth(row, zone.monthOf(periodStart));
            row[6] = "Usage";
            row[8] = "Usage of " + c[SKU] + " in " + c[REGION] + ": " + nodes + " node(s) for " + duration
                    + " s in the hour from " + c[PERIOD_START];
            row[9] = "Usage-Based";
            long nodeSeconds = nodes * duration;
            row[19] = String.valueOf(nodeSeconds);
            row[20] = NODE_SECONDS;
            row[25] = c[AMOUNT];
            row[31] = Rounding.quantity(BigDecimal.valueOf(nodeSeconds), priceUnit.seconds()).toPlainString();
            row[32] = switch (priceUnit) {
                case SECOND -> "Node-Seconds";
                case MINUTE -> "Node-Minutes";
                case HOUR -> "Node-Hours";
                default -> throw new IllegalArgumentException("a usage line priced per " + priceUnit);
            };
            price = catalog.payAsYouGoAt(c[SKU], c[REGION], chargeStart).orElseThrow(() -> missingPrice(c));
        } else {
            billingMonth(row, zone.monthOf(chargeStart));
            TermLength term = new TermLength((int) duration, PriceUnit.valueOf(c[DURATION_UNIT]));
            int units = priceUnit == term.unit() ? term.length() : term.months();
            row[6] = "Purchase";
            row[8] = switch (type) {
                case RENEWAL -> "Renewed";
                case AUTO_RENEWAL -> "Automatically renewed";
                default -> "New";
            } + " subscription term of " + duration + " " + c[DURATION_UNIT].toLowerCase() + "(s) of " + c[SKU]
                    + " in " + c[REGION] + " for " + nodes + " node(s) (order " + c[ORDER_ID] + ")";
            row[9] = type == ChargeType.AUTO_RENEWAL ? "Recurring" : "One-Time";
            row[12] = "Usage";
            row[13] = c[LINE_ID];
            row[14] = c[ORDER_ID];
            row[15] = String.valueOf(nodes * new Interval(periodStart, instant(c[PERIOD_END])).seconds());
            row[17] = "Subscription";
            row[18] = NODE_SECONDS;
            row[25] = "0";
            row[31] = String.valueOf((long) nodes * units);
            row[32] = priceUnit == PriceUnit.YEAR ? "Node-Years" : "Node-Months";
            price = catalog.subscriptionAt(c[SKU], c[REGION], term, chargeStart).orElseThrow(() -> missingPrice(c))
                    .price();
        }
        resource(row, c[REGION], c[RESOURCE], resourceClass, c[SKU], price);
        row[42] = c[LINE_ID];
        row[43] = c[ORDER_ID];
        return line(row);
    }

    /**
     * The A rows of one day's share of a term: {@code Used} (quantity {@code U_k}) and {@code Unused}
     * ({@code S_k − U_k}); a row whose quantity is 0 is left out.
     */
    public String amortization(SubscriptionCharge term, String purchaseLineId, Amortization.DayShare share) {
        StringBuilder rows = new StringBuilder();
        if (share.used() > 0) {
            rows.append(amortization(term, purchaseLineId, share, true));
        }
        if (share.unused() > 0) {
            rows.append(amortization(term, purchaseLineId, share, false));
        }
        return rows.toString();
    }

    private String amortization(SubscriptionCharge term, String purchaseLineId, Amortization.DayShare share,
                                boolean used) {
        Order o = term.order();
        CatalogPrice price = term.quote().price();
        String quantity = String.valueOf(used ? share.used() : share.unused());
        String[] row = new String[HEADER.size()];
        Arrays.fill(row, "");
        row[0] = "0";
        row[1] = o.accountId();
        row[3] = price.currency().getCurrencyCode();
        billingMonth(row, zone.monthOf(share.piece().start()));
        row[6] = "Usage";
        row[8] = (used ? "Used" : "Unused") + " share of subscription term " + purchaseLineId + " (order "
                + o.orderId() + ") on " + zone.dayOf(share.piece().start());
        row[9] = "Usage-Based";
        row[10] = utc(share.piece().start());
        row[11] = utc(share.piece().end());
        row[12] = "Usage";
        row[13] = purchaseLineId;
        row[14] = o.orderId();
        row[15] = quantity;
        row[16] = used ? "Used" : "Unused";
        row[17] = "Subscription";
        row[18] = NODE_SECONDS;
        if (used) {
            row[19] = quantity;
            row[20] = NODE_SECONDS;
        }
        row[21] = "0";
        row[22] = "0";
        row[25] = Amounts.line(used ? share.usedCost() : share.unusedCost());
        row[30] = "Committed";
        row[31] = quantity;
        row[32] = NODE_SECONDS;
        resource(row, o.region(), o.resourceId(), o.resourceClass(), o.sku(), price);
        row[43] = o.orderId();
        return line(row);
    }

    /** The R row of a final invoice whose total differs from the sum of its lines by {@code difference}. */
    public String rounding(String invoiceId, String accountId, YearMonth month, Currency currency,
                           BigDecimal difference) {
        String amount = Amounts.line(difference);
        String[] row = new String[HEADER.size()];
        Arrays.fill(row, "");
        row[0] = amount;
        row[1] = accountId;
        row[3] = currency.getCurrencyCode();
        billingMonth(row, month);
        row[6] = "Adjustment";
        row[8] = "Rounding of invoice " + invoiceId + " to " + Rounding.minorUnits(currency) + " decimal places";
        row[9] = "One-Time";
        row[10] = row[4];
        row[11] = row[5];
        row[21] = amount;
        row[22] = amount;
        row[25] = amount;
        row[26] = invoiceId;
        provider(row);
        row[38] = SERVICE_CATEGORY;
        row[39] = "Billing";
        return line(row);
    }

    private void resource(String[] row, String region, String resourceId, ResourceClass resourceClass, String sku,
                          CatalogPrice price) {
        provider(row);
        row[33] = region;
        row[34] = region;
        row[35] = resourceId;
        row[36] = resourceId;
        row[37] = resourceClass.name();
        row[38] = SERVICE_CATEGORY;
        row[39] = switch (resourceClass) {
            case GENERAL -> "General Computing";
            case LINGJUN -> "Lingjun Computing";
            case DEDICATED_POOL -> "Dedicated Resource Pools";
            case PUBLIC_POOL -> "Public Resource Pools";
        };
        row[40] = sku;
        row[41] = priceId(price);
    }

    /** A price row's id: {@code sku:region:billing_mode:price_unit:effective_from} (epoch seconds). */
    static String priceId(CatalogPrice p) {
        return p.sku() + ":" + p.region() + ":" + p.mode() + ":" + p.unit() + ":" + p.effectiveFrom().getEpochSecond();
    }

    private void provider(String[] row) {
        row[27] = provider;
        row[28] = provider;
        row[29] = provider;
    }

    private void billingMonth(String[] row, YearMonth month) {
        Interval bounds = zone.monthInterval(month);
        row[4] = utc(bounds.start());
        row[5] = utc(bounds.end());
    }

    private Instant instant(String local) {
        Instant t = parsed.get(local);
        if (t == null) {
            if (parsed.size() > 100_000) {
                parsed.clear();
            }
            t = Timestamps.parse(local, zone.id());
            parsed.put(local, t);
        }
        return t;
    }

    private String utc(Instant t) {
        String s = printed.get(t);
        if (s == null) {
            if (printed.size() > 100_000) {
                printed.clear();
            }
            s = UTC.format(t);
            printed.put(t, s);
        }
        return s;
    }

    private static String line(String[] row) {
        return CsvLine.of(row);
    }

    private static IllegalStateException missingPrice(String[] c) {
        return new IllegalStateException("no catalog row explains the price of charge line " + c[LINE_ID]);
    }
}
