package com.computebilling.input;

import java.util.List;

/** The three kinds of input file and the columns each must have. */
public enum InputKind {
    CATALOG("catalog", List.of("sku", "region", "billing_mode", "price_unit", "unit_price", "currency",
            "effective_from", "effective_to", "in_stock")),
    ORDERS("orders", List.of("order_id", "account_id", "resource_id", "resource_class", "region", "sku", "quantity",
            "order_type", "billing_mode", "effective_at", "duration", "duration_unit", "auto_renew", "status")),
    USAGE("usage", List.of("record_id", "account_id", "resource_id", "resource_class", "region", "sku", "quantity",
            "start_time", "end_time"));

    private final String prefix;
    private final List<String> columns;

    InputKind(String prefix, List<String> columns) {
        this.prefix = prefix;
        this.columns = columns;
    }

    /** {@code catalog*.csv}, {@code orders*.csv}, {@code usage*.csv}. */
    public boolean matches(String fileName) {
        return fileName.startsWith(prefix) && fileName.endsWith(".csv");
    }

    /** What this kind's file names start with: {@code catalog}, {@code orders}, {@code usage}. */
    public String filePrefix() {
        return prefix;
    }

    public String pattern() {
        return prefix + "*.csv";
    }

    public List<String> requiredColumns() {
        return columns;
    }
}
