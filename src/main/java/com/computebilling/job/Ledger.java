package com.computebilling.job;

import com.computebilling.invoicing.Invoice;
import com.computebilling.invoicing.InvoiceStatus;
import com.computebilling.invoicing.InvoiceTotals;
import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import com.computebilling.time.ProcessedPeriod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static com.computebilling.job.StoreKeys.dayKey;
import static com.computebilling.job.StoreKeys.monthKey;
import static com.computebilling.job.StoreKeys.month;
import static com.computebilling.job.StoreKeys.literals;

/**
 * Which run's charges stand for each day (day_owner), and the invoices summed from them: written by publish, read by
 * the outputs and {@code explain}.
 */
@Component
class Ledger {

    private final JdbcTemplate jdbc;

    /** Packs of day totals read at once: a group's month is some 10 KB on the benchmark sets, a year's a few MB. */
    private static final int PACK_PAGE = 20;

    Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** This run's charges now stand for every day of its period: the replacement, in the caller's transaction. */
    void takeOwnership(long runId, ProcessedPeriod period) {
        // Serialises publishing across processes: held until this transaction commits (see V3__publish_lock.sql).
        jdbc.update("UPDATE publish_lock SET publishes = publishes + 1 WHERE id = 1");
        String zone = period.zone().toString();
        List<Integer> days = period.days().stream().map(StoreKeys::dayKey).toList();
        for (int i = 0; i < days.size(); i += 500) {
            List<Integer> slice = days.subList(i, Math.min(days.size(), i + 500));
            String in = slice.stream().map(String::valueOf).collect(Collectors.joining(","));
            jdbc.update("DELETE FROM day_owner WHERE zone = ? AND billing_day IN (" + in + ")", zone);
        }
        jdbc.batchUpdate("INSERT INTO day_owner (zone, billing_day, run_id) VALUES (?,?,?)", days, 500, (ps, d) -> {
            ps.setString(1, zone);
            ps.setInt(2, d);
            ps.setLong(3, runId);
        });
    }

    /** Does every day of this run's period still carry this run's charges? */
    boolean ownsItsPeriod(long runId) {
        Integer planned = jdbc.query("SELECT day_count FROM run_plan WHERE run_id = ?",
                rs -> rs.next() ? rs.getInt(1) : null, runId);
        Integer owned = jdbc.queryForObject("SELECT COUNT(*) FROM day_owner WHERE run_id = ?", Integer.class, runId);
        return planned != null && owned != null && planned.equals(owned);
    }

    /**
     * Exact sums of the stored charges of a month, as the days' current owners left them: per owning run, the day
     * totals of the days it owns (written with the lines, see {@code DayTotals}); the runs' sums add up exactly.
     */
    List<InvoiceTotals> invoiceTotals(BillingZone zone, YearMonth month) {
        Map<List<String>, InvoiceTotals> totals = new LinkedHashMap<>();
        daysByOwner(zone, month).forEach((owner, owned) -> {
            // Runs stored before V19 kept a row per resource and day (charge_total); later ones a pack per rated group.
            jdbc.query("SELECT account_id, currency, SUM(subscription_amount), SUM(usage_amount), SUM(line_count)"
                    + " FROM charge_total WHERE run_id = ? AND billing_month = ? AND billing_day IN (" + literals(owned)
                    + ") GROUP BY account_id, currency",
                    (RowCallbackHandler) rs -> totals.merge(List.of(rs.getString(1), rs.getString(2)),
                            new InvoiceTotals(rs.getString(1), month, Currency.getInstance(rs.getString(2)),
                                    rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getLong(5)), InvoiceTotals::plus),
                    owner, monthKey(month));
            eachPackedTotal(owner, month, owned, e -> totals.merge(List.of(e.accountId(), e.currency()),
                    invoiceTotals(e, month), InvoiceTotals::plus));
        });
        return new ArrayList<>(totals.values());
    }

    /**
     * The packed day totals of one run's rated groups that fall on the given days of a month, read a page of packs at
     * a time after the last key seen: a database may hold a whole result in memory before handing out its first row,
     * and a run of ten million usage rows stores some 10,000 packs.
     */
    private void eachPackedTotal(long runId, YearMonth month, List<Integer> days, Consumer<DayTotalPacks.Entry> each) {
        Set<Integer> onDays = new HashSet<>(days);
        int key = monthKey(month);
        int bucket = -1;
        String resource = "";
        for (boolean more = true; more; ) {
            record Page(int bucket, String resourceId, byte[] totals) {
            }
            List<Page> page = jdbc.query("SELECT bucket, resource_id, totals FROM charge_total_groups WHERE run_id = ?"
                    + " AND (bucket, resource_id) > (?, ?) AND first_month <= ? AND last_month >= ?"
                    + " ORDER BY run_id, bucket, resource_id FETCH FIRST " + PACK_PAGE + " ROWS ONLY",
                    (rs, i) -> new Page(rs.getInt(1), rs.getString(2), rs.getBytes(3)), runId, bucket, resource, key,
                    key);
            for (Page p : page) {
                DayTotalPacks.unpack(p.totals()).stream()
                        .filter(e -> e.month() == key && onDays.contains(e.day())).forEach(each);
            }
            more = page.size() == PACK_PAGE;
            if (more) {
                bucket = page.get(PACK_PAGE - 1).bucket();
                resource = page.get(PACK_PAGE - 1).resourceId();
            }
        }
    }

    private static InvoiceTotals invoiceTotals(DayTotalPacks.Entry e, YearMonth month) {
        return new InvoiceTotals(e.accountId(), month, Currency.getInstance(e.currency()), e.subscriptionLines(),
                e.usageLines(), e.lineCount());
    }

    /** The days of a month each run owns now (day_owner): whose charges stand for which day. */
    private Map<Long, List<Integer>> daysByOwner(BillingZone zone, YearMonth month) {
        Interval days = zone.monthInterval(month);
        Map<Long, List<Integer>> daysByOwner = new TreeMap<>();
        jdbc.query("SELECT run_id, billing_day FROM day_owner WHERE zone = ? AND billing_day >= ? AND billing_day < ?",
                (RowCallbackHandler) rs -> daysByOwner.computeIfAbsent(rs.getLong(1), r -> new ArrayList<>())
                        .add(rs.getInt(2)),
                zone.toString(), dayKey(zone.dayOf(days.start())), dayKey(zone.dayOf(days.end())));
        return daysByOwner;
    }

    /** A month's invoices, found by the invoice_by_month index (V21), not among every month of the zone. */
    static final String DELETE_MONTH = "DELETE FROM invoice WHERE zone = ? AND billing_month = ?";
    /** The invoices of some months ({@code %s}: their keys), by the same index. */
    static final String SELECT_MONTHS = "SELECT invoice_id, account_id, billing_month, currency, subscription_amount,"
            + " usage_amount, total_amount, line_count, status FROM invoice WHERE zone = ? AND billing_month IN (%s)"
            + " ORDER BY account_id, billing_month, currency";

    void replaceInvoices(long runId, BillingZone zone, YearMonth month, List<Invoice> invoices) {
        jdbc.update(DELETE_MONTH, zone.toString(), monthKey(month));
        // In the primary key's order (the zone is the same for all): each row then goes to the end of the key's index
        // instead of anywhere in it, where H2 searched it twice (its unique check, then the insert) among pages not
        // at hand. 235,146 invoices (the 10,000,000-row --compare set) went in in 2.2-4.0 s instead of 6.4-9.4 s.
        List<Invoice> inKeyOrder = invoices.stream().sorted(Comparator.comparing(Invoice::invoiceId)).toList();
        jdbc.batchUpdate("INSERT INTO invoice (zone, invoice_id, account_id, billing_month, currency,"
                + " subscription_amount, usage_amount, total_amount, line_count, status, run_id)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?)", inKeyOrder, 500, (ps, inv) -> {
                    ps.setString(1, zone.toString());
                    ps.setString(2, inv.invoiceId());
                    ps.setString(3, inv.accountId());
                    ps.setInt(4, monthKey(inv.month()));
                    ps.setString(5, inv.currency().getCurrencyCode());
                    ps.setBigDecimal(6, inv.subscriptionAmount());
                    ps.setBigDecimal(7, inv.usageAmount());
                    ps.setBigDecimal(8, inv.totalAmount());
                    ps.setLong(9, inv.lineCount());
                    ps.setString(10, inv.status().name());
                    ps.setLong(11, runId);
                });
    }

    /** The exact sums of one invoice: {@link #invoiceTotals} for its account and currency only. */
    Optional<InvoiceTotals> invoiceTotals(BillingZone zone, YearMonth month, String accountId, Currency currency) {
        InvoiceTotals[] sum = {null};
        Consumer<InvoiceTotals> add = part -> sum[0] = sum[0] == null ? part : sum[0].plus(part);
        daysByOwner(zone, month).forEach((owner, owned) -> {
            jdbc.query("SELECT SUM(subscription_amount), SUM(usage_amount), SUM(line_count) FROM charge_total"
                    + " WHERE run_id = ? AND billing_month = ? AND account_id = ? AND currency = ? AND billing_day IN ("
                    + literals(owned) + ") HAVING COUNT(*) > 0",
                    (RowCallbackHandler) t -> add.accept(new InvoiceTotals(accountId, month, currency,
                            t.getBigDecimal(1), t.getBigDecimal(2), t.getLong(3))),
                    owner, monthKey(month), accountId, currency.getCurrencyCode());
            eachPackedTotal(owner, month, owned, e -> {
                if (e.accountId().equals(accountId) && e.currency().equals(currency.getCurrencyCode())) {
                    add.accept(invoiceTotals(e, month));
                }
            });
        });
        return Optional.ofNullable(sum[0]);
    }

    /** An invoice as stored: its exact sums are those of the day totals of its month. */
    Optional<Invoice> invoice(BillingZone zone, String invoiceId) {
        return jdbc.query("SELECT account_id, billing_month, currency, subscription_amount, usage_amount, total_amount,"
                + " line_count, status FROM invoice WHERE zone = ? AND invoice_id = ?", (rs, i) ->
                new Invoice(invoiceId, rs.getString(1), month(rs.getInt(2)), Currency.getInstance(rs.getString(3)),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7),
                        InvoiceStatus.valueOf(rs.getString(8))), zone.toString(), invoiceId).stream().findFirst();
    }

    void eachInvoice(BillingZone zone, List<Integer> months, RowCallbackHandler handler) {
        if (months.isEmpty()) {
            return;
        }
        String in = months.stream().map(String::valueOf).collect(Collectors.joining(","));
        jdbc.query(String.format(SELECT_MONTHS, in), handler, zone.toString());
    }
}
