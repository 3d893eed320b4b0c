package com.computebilling.invoicing;

import com.computebilling.catalog.ChargeType;
import com.computebilling.rating.ChargeLine;
import com.computebilling.rating.ResourceBill;
import com.computebilling.time.BillingZone;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one resource's lines of one local day add to one invoice (account, currency): exact 8-decimal sums and a
 * line count. Invoices are added up from these instead of from every charge line; the day is the grain because a
 * day run replaces the stored charges of one day.
 */
public record DayTotals(String resourceId, LocalDate day, String accountId, Currency currency,
                        BigDecimal subscriptionLines, BigDecimal usageLines, long lineCount) {

    private record Key(LocalDate day, String accountId, String currency) {
    }

    private static final Comparator<Key> ORDER = (a, b) -> {
        int c = a.day().compareTo(b.day());
        if (c == 0) {
            c = a.accountId().compareTo(b.accountId());
        }
        return c != 0 ? c : a.currency().compareTo(b.currency());
    };

    public static List<DayTotals> of(ResourceBill bill, BillingZone zone) {
        Map<Key, DayTotals> totals = new TreeMap<>(ORDER);
        for (ChargeLine line : bill.lines()) {
            LocalDate day = zone.dayOf(line.billedAt());
            boolean usage = line.chargeType() == ChargeType.USAGE;
            DayTotals one = new DayTotals(bill.resourceId(), day, line.accountId(), line.currency(),
                    usage ? BigDecimal.ZERO : line.amount(), usage ? line.amount() : BigDecimal.ZERO, 1);
            totals.merge(new Key(day, line.accountId(), line.currency().getCurrencyCode()), one, DayTotals::plus);
        }
        return new ArrayList<>(totals.values());
    }

    private DayTotals plus(DayTotals other) {
        return new DayTotals(resourceId, day, accountId, currency, subscriptionLines.add(other.subscriptionLines),
                usageLines.add(other.usageLines), lineCount + other.lineCount);
    }
}
