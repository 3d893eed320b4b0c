package com.computebilling.input;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.catalog.TermLength;
import com.computebilling.orders.Order;
import com.computebilling.orders.OrderStatus;
import com.computebilling.orders.OrderType;
import com.computebilling.usage.ResourceClass;

import java.time.ZoneId;

/**
 * Reads an {@code orders*.csv} row into an {@link Order}. {@code billing_mode} is required for NEW and implied
 * for the others (CHANGE and RENEW are subscriptions, RELEASE ends pay-as-you-go); a given mode that contradicts
 * the type is refused. A term is required wherever a subscription is bought and ignored elsewhere.
 */
public final class OrderRows {

    private OrderRows() {
    }

    public static Order parse(CsvRecord r, ZoneId zone) {
        Fields f = new Fields(r, zone);
        OrderType type = f.enumeration("order_type", OrderType.class);
        BillingMode given = f.isEmpty("billing_mode") ? null : f.enumeration("billing_mode", BillingMode.class);
        BillingMode mode = switch (type) {
            case NEW -> {
                if (given == null) {
                    throw f.bad("missing value for billing_mode (required for NEW)");
                }
                yield given;
            }
            case RENEW, CHANGE_TO_SUBSCRIPTION -> implied(f, type, given, BillingMode.SUBSCRIPTION);
            case RELEASE -> implied(f, type, given, BillingMode.PAY_AS_YOU_GO);
        };
        TermLength term = null;
        if (mode == BillingMode.SUBSCRIPTION) {
            int length = f.positiveInt("duration");
            PriceUnit unit = f.enumeration("duration_unit", PriceUnit.class);
            if (unit != PriceUnit.MONTH && unit != PriceUnit.YEAR) {
                throw f.bad("duration_unit must be MONTH or YEAR, was " + unit);
            }
            term = new TermLength(length, unit);
        }
        return new Order(f.text("order_id"), f.text("account_id"), f.text("resource_id"),
                f.enumeration("resource_class", ResourceClass.class), f.text("region"), f.text("sku"),
                f.positiveInt("quantity"), type, mode, f.instant("effective_at"), term, f.flag("auto_renew", false),
                f.enumeration("status", OrderStatus.class), r.source());
    }

    private static BillingMode implied(Fields f, OrderType type, BillingMode given, BillingMode implied) {
        if (given != null && given != implied) {
            throw f.bad("billing_mode " + given + " contradicts order_type " + type);
        }
        return implied;
    }
}
