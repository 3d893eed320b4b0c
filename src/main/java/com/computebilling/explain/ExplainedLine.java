package com.computebilling.explain;

import com.computebilling.catalog.CatalogPrice;
import com.computebilling.findings.SourceRef;
import com.computebilling.invoicing.Invoice;
import com.computebilling.invoicing.InvoiceTotals;
import com.computebilling.orders.Order;
import com.computebilling.output.Amounts;
import com.computebilling.output.Json;
import com.computebilling.time.BillingZone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored charge line and where it comes from, as an operator reads it (text) or a program does (JSON, SPEC §7).
 *
 * @param columns the line's charges.csv columns by name, as stored
 * @param runId   the run that stored it
 * @param invoice its invoice as stored, and {@code exact} the invoice's sums before rounding
 */
public record ExplainedLine(Map<String, String> columns, long runId, Explanation explanation, Invoice invoice,
                            InvoiceTotals exact, BillingZone zone) {

    public String json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("line", columns);
        List<Object> records = new ArrayList<>();
        for (Explanation.Contribution c : explanation.records()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("source", c.record().source().file());
            r.put("line", c.record().source().line());
            r.put("record_id", c.record().recordId());
            r.put("start", time(c.record().interval().start()));
            r.put("end", time(c.record().interval().end()));
            r.put("nodes", c.record().quantity());
            r.put("seconds", c.seconds());
            records.add(r);
        }
        out.put("records", records);
        Order o = explanation.order();
        if (o == null) {
            out.put("order", null);
        } else {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("order_id", o.orderId());
            order.put("source", o.source().file());
            order.put("line", o.source().line());
            order.put("order_type", o.type().name());
            order.put("effective_at", time(o.effectiveAt()));
            out.put("order", order);
        }
        CatalogPrice p = explanation.price();
        if (p == null) {
            out.put("price", null);
        } else {
            Map<String, Object> price = new LinkedHashMap<>();
            price.put("source", p.source().file());
            price.put("line", p.source().line());
            price.put("unit_price", p.unitPrice().toPlainString());
            price.put("price_unit", p.unit().name());
            price.put("effective_from", time(p.effectiveFrom()));
            price.put("effective_to", p.effectiveTo() == null ? null : time(p.effectiveTo()));
            out.put("price", price);
        }
        out.put("amount", explanation.exactAmount().toPlainString());
        return Json.write(out);
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Charge line ").append(columns.get("line_id")).append(" (stored by run ").append(runId).append(")\n");
        columns.forEach((k, v) -> sb.append(String.format("  %-15s %s%n", k, v)));
        boolean usage = "USAGE".equals(columns.get("charge_type"));
        if (usage) {
            sb.append("\nUsage records with pieces in the hour ").append(columns.get("period_start")).append(" - ")
                    .append(columns.get("period_end")).append(":\n");
            for (Explanation.Contribution c : explanation.records()) {
                sb.append(String.format("  %s  record %s  %s - %s  %d node(s)  contributes %,d s%n",
                        where(c.record().source()), c.record().recordId(), time(c.record().interval().start()),
                        time(c.record().interval().end()), c.record().quantity(), c.seconds()));
            }
            sb.append(String.format("  together %,d s = the line's duration%n", explanation.contributedSeconds()));
        }
        Order o = explanation.order();
        sb.append(usage ? "\nState: " : "\nOrder: ");
        if (o == null) {
            sb.append("none: public-pool usage is billed pay-as-you-go without an order\n");
        } else {
            sb.append(String.format("order %s (%s), %s %s, effective %s%n", o.orderId(), where(o.source()),
                    o.type().name(), o.billingMode().name(), time(o.effectiveAt())));
            if (!usage) {
                String what = "AUTO_RENEWAL".equals(columns.get("charge_type"))
                        ? "the term of this order expired and renewed itself"
                        : "the term it bought";
                sb.append(String.format("  %s: %s - %s, %s %s, %s node(s)%n", what, columns.get("period_start"),
                        columns.get("period_end"), columns.get("duration"), columns.get("duration_unit"),
                        columns.get("nodes")));
            }
        }
        CatalogPrice p = explanation.price();
        sb.append("\nPrice: ");
        if (p == null) {
            sb.append("no catalog row found\n");
        } else {
            sb.append(String.format("%s %s per %s (%s), in effect %s - %s%n", p.unitPrice().toPlainString(),
                    p.currency().getCurrencyCode(), p.unit().name(), where(p.source()), time(p.effectiveFrom()),
                    p.effectiveTo() == null ? "open" : time(p.effectiveTo())));
        }
        sb.append("\nArithmetic:\n");
        if (usage) {
            sb.append(String.format("  %s x %s node(s) x %s s / %d s per %s = %s, kept at 8 places: %s%n",
                    columns.get("unit_price"), columns.get("nodes"), columns.get("duration"),
                    explanation.line().priceUnit().seconds(), columns.get("price_unit"),
                    explanation.exactAmount().toPlainString(), columns.get("amount")));
        } else {
            sb.append(String.format("  %s x %s node(s) x %s %s = %s%n", columns.get("unit_price"), columns.get("nodes"),
                    columns.get("duration"), columns.get("duration_unit"), columns.get("amount")));
        }
        sb.append("\nInvoice ").append(columns.get("invoice_id"));
        if (invoice == null) {
            sb.append(": not stored (its month was not published)\n");
        } else {
            sb.append(String.format(" (%s, %d lines):%n", invoice.status().name(), invoice.lineCount()));
            if (exact != null) {
                sb.append(String.format("  usage lines add up to %s, rounded half-up once to %s%n",
                        exact.usageLines().toPlainString(), money(invoice.usageAmount())));
                sb.append(String.format("  other lines add up to %s, rounded half-up once to %s%n",
                        exact.subscriptionLines().toPlainString(), money(invoice.subscriptionAmount())));
            }
            sb.append(String.format("  total %s + %s = %s %s%n", money(invoice.usageAmount()),
                    money(invoice.subscriptionAmount()), money(invoice.totalAmount()),
                    invoice.currency().getCurrencyCode()));
        }
        return sb.toString();
    }

    /** An invoice amount as stored: already at the currency's minor units. */
    private String money(java.math.BigDecimal amount) {
        return Amounts.money(amount, invoice.currency());
    }

    private String time(Instant t) {
        return zone.format(t);
    }

    private static String where(SourceRef s) {
        return s.file() + " line " + s.line();
    }
}
