package com.computebilling.output;

import java.util.List;

/** The output files' columns, in the order the contract fixes. */
public final class Columns {

    private Columns() {
    }

    public static final List<String> CHARGES = List.of("line_id", "invoice_id", "account_id", "resource_id",
            "resource_class", "region", "sku", "charge_type", "billing_mode", "order_id", "period_start", "period_end",
            "charge_start", "charge_end", "nodes", "duration", "duration_unit", "unit_price", "price_unit", "amount",
            "currency");

    public static final List<String> INVOICES = List.of("invoice_id", "account_id", "billing_month", "currency",
            "subscription_amount", "usage_amount", "total_amount", "line_count", "status");

    public static final List<String> EXCEPTIONS = List.of("code", "severity", "source", "line", "account_id",
            "resource_id", "order_id", "record_id", "detail");
}
