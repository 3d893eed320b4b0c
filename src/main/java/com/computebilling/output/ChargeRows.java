package com.computebilling.output;

import com.computebilling.invoicing.Invoice;
import com.computebilling.rating.ChargeLine;
import com.computebilling.rating.ResourceBill;
import com.computebilling.time.BillingZone;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
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
    /** Below the 1,000,000 characters of the column a part is stored in (V6__charge_rows_and_totals.sql). */
    public static final int PART_CHARS = 500_000;

    /**
     * Some of a resource's rows for one account, in file order, each ending in a line break; {@code lineIds} lists their
     * line ids, space-separated, so that a line can be found by its id without reading every row.
     */
    public record Part(String accountId, String resourceId, int part, int lineCount, String rows, String lineIds) {
    }

    private final BillingZone zone;
    private final int partChars;
    private final Map<Instant, String> instants = new HashMap<>();

    public ChargeRows(BillingZone zone) {
        this(zone, PART_CHARS);
    }

    ChargeRows(BillingZone zone, int partChars) {
        this.zone = zone;
        this.partChars = partChars;
    }

    /**
     * The bill's lines (already in output order) rendered and grouped per account; an account's rows are cut into
     * numbered parts once they pass the part size, so any number of lines can be stored.
     */
    public List<Part> parts(ResourceBill bill) {
        List<Part> parts = new ArrayList<>();
        List<ChargeLine> lines = bill.lines();
        StringBuilder text = new StringBuilder();
        StringBuilder ids = new StringBuilder();
        int count = 0;
        int part = 0;
        // A resource's lines mostly share one invoice: its id is printed again only when account, month or currency
        // change from the line before.
        String invoiceId = null;
        YearMonth month = null;
        for (int i = 0; i < lines.size(); i++) {
            ChargeLine l = lines.get(i);
            YearMonth lineMonth = zone.monthOf(l.billedAt());
            ChargeLine previous = i == 0 ? null : lines.get(i - 1);
            if (previous == null || !lineMonth.equals(month) || !previous.accountId().equals(l.accountId())
                    || !previous.currency().equals(l.currency())) {
                invoiceId = Invoice.idOf(l.accountId(), lineMonth, l.currency());
                month = lineMonth;
            }
            text.append(row(l, bill.lineIds().get(i), invoiceId)).append('\n');
            ids.append(count == 0 ? "" : " ").append(bill.lineIds().get(i));
            count++;
            boolean accountEnds = i + 1 == lines.size() || !lines.get(i + 1).accountId().equals(l.accountId());
            if (accountEnds || text.length() > partChars) {
                parts.add(new Part(l.accountId(), bill.resourceId(), part, count, text.toString(), ids.toString()));
                part = accountEnds ? 0 : part + 1;
                text.setLength(0);
                ids.setLength(0);
                count = 0;
            }
        }
        return parts;
    }

    public String row(ChargeLine l, String lineId, String invoiceId) {
        // Period bounds are hour (or term) boundaries shared by many lines: remembered. A charge's own bounds are any
        // second; most equal the period's, and the rest are printed afresh rather than crowding out the hours.
        String periodStart = instant(l.periodStart());
        String periodEnd = instant(l.periodEnd());
        String chargeStart = l.chargeStart().equals(l.periodStart()) ? periodStart : zone.format(l.chargeStart());
        String chargeEnd = l.chargeEnd().equals(l.periodEnd()) ? periodEnd : zone.format(l.chargeEnd());
        String row = CsvLine.of(List.of(lineId, invoiceId, l.accountId(), l.resourceId(), l.resourceClass().name(),
                l.region(), l.sku(), l.chargeType().name(), l.billingMode().name(), l.orderId(),
                periodStart, periodEnd, chargeStart, chargeEnd,
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
