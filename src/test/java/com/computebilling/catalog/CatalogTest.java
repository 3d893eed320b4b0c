package com.computebilling.catalog;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static com.computebilling.catalog.PriceUnit.HOUR;
import static com.computebilling.catalog.PriceUnit.MINUTE;
import static com.computebilling.catalog.PriceUnit.MONTH;
import static com.computebilling.catalog.PriceUnit.YEAR;
import static com.computebilling.timeline.Fixtures.GENERAL_SKU;
import static com.computebilling.timeline.Fixtures.POOL_SKU;
import static com.computebilling.timeline.Fixtures.REGION;
import static com.computebilling.timeline.Fixtures.at;
import static com.computebilling.timeline.Fixtures.catalog;
import static com.computebilling.timeline.Fixtures.outOfStock;
import static com.computebilling.timeline.Fixtures.paygPrice;
import static com.computebilling.timeline.Fixtures.subscriptionPrice;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §2 catalog and §3 rule 10: which price applies at an instant, and what a term costs. */
class CatalogTest {

    private static final String GPU_NODE = "ml.gu7xf.c96m1600.8-gu108";

    @Test
    void two_general_nodes_for_one_month_cost_157_88() {
        Catalog c = catalog(subscriptionPrice(GENERAL_SKU, "78.94", MONTH, "2023-01-01T00:00:00Z", null));
        SubscriptionQuote q = c.subscriptionAt(GENERAL_SKU, REGION, new TermLength(1, MONTH), at("2023-04-01T00:00:00Z")).orElseThrow();
        // 78.94 × 2 nodes × 1 month = 157.88
        assertThat(q.amount(2)).isEqualByComparingTo("157.88");
    }

    @Test
    void two_lingjun_nodes_for_one_month_cost_47865_40() {
        Catalog c = catalog(subscriptionPrice(GPU_NODE, "23932.70", MONTH, "2023-01-01T00:00:00Z", null));
        SubscriptionQuote q = c.subscriptionAt(GPU_NODE, REGION, new TermLength(1, MONTH), at("2023-04-01T00:00:00Z")).orElseThrow();
        // 23,932.70 × 2 × 1 = 47,865.40
        assertThat(q.amount(2)).hasToString("47865.40000000");
    }

    @Test
    void year_term_without_a_year_price_is_twelve_times_the_month_price() {
        Catalog c = catalog(subscriptionPrice(GENERAL_SKU, "78.94", MONTH, "2023-01-01T00:00:00Z", null));
        SubscriptionQuote q = c.subscriptionAt(GENERAL_SKU, REGION, new TermLength(1, YEAR), at("2023-04-01T00:00:00Z")).orElseThrow();
        assertThat(q.price().unit()).isEqualTo(MONTH);
        assertThat(q.units()).isEqualTo(12);
        // 78.94 × 2 nodes × 12 months = 1894.56
        assertThat(q.amount(2)).isEqualByComparingTo("1894.56");
    }

    @Test
    void year_term_uses_the_year_price_when_there_is_one() {
        Catalog c = catalog(subscriptionPrice(GENERAL_SKU, "78.94", MONTH, "2023-01-01T00:00:00Z", null),
                subscriptionPrice(GENERAL_SKU, "800.00", YEAR, "2023-01-01T00:00:00Z", null));
        SubscriptionQuote q = c.subscriptionAt(GENERAL_SKU, REGION, new TermLength(2, YEAR), at("2023-04-01T00:00:00Z")).orElseThrow();
        assertThat(q.price().unit()).isEqualTo(YEAR);
        // 800.00 × 1 node × 2 years = 1600.00
        assertThat(q.amount(1)).isEqualByComparingTo("1600.00");
    }

    @Test
    void month_term_never_uses_a_year_price() {
        Catalog c = catalog(subscriptionPrice(GENERAL_SKU, "800.00", YEAR, "2023-01-01T00:00:00Z", null));
        assertThat(c.subscriptionAt(GENERAL_SKU, REGION, new TermLength(12, MONTH), at("2023-04-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void effective_from_is_inclusive_and_effective_to_exclusive() {
        Catalog c = catalog(paygPrice(POOL_SKU, "0.73", MINUTE, "2023-04-01T00:00:00Z", "2023-05-01T00:00:00Z"),
                paygPrice(POOL_SKU, "0.80", MINUTE, "2023-05-01T00:00:00Z", null));
        assertThat(c.payAsYouGoAt(POOL_SKU, REGION, at("2023-03-31T23:59:59Z"))).isEmpty();
        assertThat(c.payAsYouGoAt(POOL_SKU, REGION, at("2023-04-01T00:00:00Z")).map(CatalogPrice::unitPrice))
                .contains(new BigDecimal("0.73"));
        assertThat(c.payAsYouGoAt(POOL_SKU, REGION, at("2023-05-01T00:00:00Z")).map(CatalogPrice::unitPrice))
                .contains(new BigDecimal("0.80"));
        assertThat(c.payAsYouGoAt(POOL_SKU, "cn-shanghai", at("2023-04-10T00:00:00Z"))).isEmpty();
    }

    @Test
    void next_pay_as_you_go_change_is_the_next_window_edge() {
        Catalog c = catalog(paygPrice(POOL_SKU, "0.73", MINUTE, "2023-04-01T00:00:00Z", "2023-04-18T10:30:00Z"),
                paygPrice(POOL_SKU, "0.80", MINUTE, "2023-04-18T10:30:00Z", null),
                subscriptionPrice(POOL_SKU, "900", MONTH, "2023-04-18T10:10:00Z", null));
        // the subscription row starting at 10:10 does not change the pay-as-you-go price
        assertThat(c.nextPayAsYouGoChangeAfter(POOL_SKU, REGION, at("2023-04-18T10:00:00Z")))
                .contains(at("2023-04-18T10:30:00Z"));
        assertThat(c.nextPayAsYouGoChangeAfter(POOL_SKU, REGION, at("2023-04-18T10:30:00Z"))).isEqualTo(Optional.empty());
    }

    @Test
    void any_row_in_effect_marking_the_sku_out_of_stock_blocks_new_orders() {
        Catalog c = catalog(paygPrice(POOL_SKU, "0.73", MINUTE, "2023-01-01T00:00:00Z", null),
                outOfStock(subscriptionPrice(POOL_SKU, "900", MONTH, "2023-04-10T00:00:00Z", "2023-04-20T00:00:00Z")));
        assertThat(c.outOfStockAt(POOL_SKU, REGION, at("2023-04-09T23:59:59Z"))).isFalse();
        assertThat(c.outOfStockAt(POOL_SKU, REGION, at("2023-04-10T00:00:00Z"))).isTrue();
        assertThat(c.outOfStockAt(POOL_SKU, REGION, at("2023-04-20T00:00:00Z"))).isFalse();
    }

    @Test
    void two_pay_as_you_go_rows_with_overlapping_windows_are_a_catalog_overlap() {
        List<String> problems = Catalog.overlaps(List.of(
                paygPrice(POOL_SKU, "0.73", MINUTE, "2023-01-01T00:00:00Z", "2023-05-01T00:00:00Z"),
                paygPrice(POOL_SKU, "40", HOUR, "2023-04-30T00:00:00Z", null)));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("CATALOG_OVERLAP");
    }

    @Test
    void touching_windows_and_month_versus_year_rows_do_not_overlap() {
        assertThat(Catalog.overlaps(List.of(
                paygPrice(POOL_SKU, "0.73", MINUTE, "2023-01-01T00:00:00Z", "2023-05-01T00:00:00Z"),
                paygPrice(POOL_SKU, "0.80", MINUTE, "2023-05-01T00:00:00Z", null),
                subscriptionPrice(POOL_SKU, "900", MONTH, "2023-01-01T00:00:00Z", null),
                subscriptionPrice(POOL_SKU, "9000", YEAR, "2023-01-01T00:00:00Z", null)))).isEmpty();
    }

    @Test
    void two_open_ended_month_prices_of_one_sku_overlap() {
        assertThat(Catalog.overlaps(List.of(
                subscriptionPrice(POOL_SKU, "900", MONTH, "2023-01-01T00:00:00Z", null),
                subscriptionPrice(POOL_SKU, "950", MONTH, "2023-06-01T00:00:00Z", null)))).hasSize(1);
    }
}
