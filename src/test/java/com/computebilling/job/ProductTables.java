package com.computebilling.job;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** The product's own tables (not the job repository's), for tests that start each case from an empty store. */
public final class ProductTables {

    public static final List<String> ALL = List.of("catalog_row", "order_pack", "order_duplicate", "order_ignored",
            "usage_pack", "usage_months", "run_plan", "finding", "resource_tally", "charge_rows", "charge_row_groups", "charge_line_ids",
            "charge_line_id_groups", "charge_total", "charge_total_groups", "day_owner", "invoice", "input_file",
            "run_check", "focus_rows");

    private ProductTables() {
    }

    public static void empty(JdbcTemplate jdbc) {
        ALL.forEach(t -> jdbc.update("DELETE FROM " + t));
    }
}
