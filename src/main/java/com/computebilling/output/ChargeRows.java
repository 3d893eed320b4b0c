package com.computebilling.output;

import com.computebilling.invoicing.Invoice;
import com.computebilling.rating.ChargeLine;
import com.computebilling.rating.ResourceBill;
import com.computebilling.time.BillingZone;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
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
    /** {@code zone::format} made once: asked twice a line, a bound method reference was made at every call. */
    private final Function<Instant, String> printInstant;
    private final Map<Currency, Map<BigDecimal, String>> unitPrices = new HashMap<>();
    /** Per column, the last input string printed that needed no quotes (see {@link #field}). */
    private final String[] unquoted = new String[7];

    public ChargeRows(BillingZone zone) {
        this(zone, PART_CHARS);
    }

    ChargeRows(BillingZone zone, int partChars) {
        this.zone = zone;
        this.partChars = partChars;
        this.printInstant = zone::format;
    }

    /**
     * The bill's lines (already in output order) rendered and grouped per account; an account's rows are cut into
     * numbered parts once they pass the part size, so any number of lines can be stored.
     */
    public List<Part> parts(ResourceBill bill) {
        List<Part> parts = new ArrayList<>();
        List<ChargeLine> lines = bill.lines();
        // sized for the lines at about 300 characters a row (a line id and its space are 23): grown from the default,
        // a resource's text was copied again at every doubling
        StringBuilder text = new StringBuilder(Math.min(partChars, 300 * lines.size()) + 300);
        StringBuilder ids = new StringBuilder(23 * lines.size());
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
            appendRow(text, l, bill.lineIds().get(i), invoiceId);
            text.append('\n');
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
        StringBuilder row = new StringBuilder(256);
        appendRow(row, l, lineId, invoiceId);
        return row.toString();
    }

    /**
     * The row appended field by field to the text it goes into: rating renders every line of the run, and a row built
     * as a list of strings, then a string, then copied into the text, made three copies of every character. Fields
     * that come from the inputs go through {@link #field} (quoted if they must be); names, numbers and times never need
     * quoting.
     */
    private void appendRow(StringBuilder sb, ChargeLine l, String lineId, String invoiceId) {
        // Period bounds are hour (or term) boundaries shared by many lines: remembered. A charge's own bounds are any
        // second; most equal the period's, and the rest are printed afresh rather than crowding out the hours.
        String periodStart = instant(l.periodStart());
        String periodEnd = instant(l.periodEnd());
        sb.append(lineId).append(',');
        field(sb, 0, invoiceId);
        field(sb, 1, l.accountId());
        field(sb, 2, l.resourceId());
        sb.append(l.resourceClass().name()).append(',');
        field(sb, 3, l.region());
        field(sb, 4, l.sku());
        sb.append(l.chargeType().name()).append(',').append(l.billingMode().name()).append(',');
        field(sb, 5, l.orderId());
        sb.append(periodStart).append(',').append(periodEnd).append(',');
        if (l.chargeStart().equals(l.periodStart())) {
            sb.append(periodStart);
        } else {
            zone.format(l.chargeStart(), sb);
        }
        sb.append(',');
        if (l.chargeEnd().equals(l.periodEnd())) {
            sb.append(periodEnd);
        } else {
            zone.format(l.chargeEnd(), sb);
        }
        sb.append(',').append(l.nodes()).append(',').append(l.duration()).append(',');
        field(sb, 6, l.durationUnit());
        sb.append(unitPrice(l)).append(',').append(l.priceUnit().name()).append(',')
                .append(Amounts.line(l.amount())).append(',').append(l.currency().getCurrencyCode());
    }

    /**
     * A field from the inputs, quoted if it must be, and its comma. A resource's lines mostly share their account, SKU,
     * region and order strings: a string found to need no quotes is remembered per column, and the same string again
     * is copied without looking at its characters.
     */
    private void field(StringBuilder sb, int column, String value) {
        if (value != null && value == unquoted[column]) {
            sb.append(value);
        } else {
            int before = sb.length();
            CsvLine.append(sb, value);
            if (value != null && sb.length() - before == value.length()) {
                unquoted[column] = value;
            }
        }
        sb.append(',');
    }

    /** A catalog's few prices are on every line: each printed once per currency. */
    private String unitPrice(ChargeLine l) {
        Map<BigDecimal, String> ofCurrency = unitPrices.computeIfAbsent(l.currency(), c -> new HashMap<>());
        return cached(ofCurrency, l.unitPrice(), p -> Amounts.unitPrice(p, l.currency()));
    }

    private String instant(Instant t) {
        return cached(instants, t, printInstant);
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
