package com.computebilling.timeline;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.catalog.ChargeType;
import com.computebilling.findings.FindingCode;
import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.computebilling.catalog.PriceUnit.MINUTE;
import static com.computebilling.catalog.PriceUnit.MONTH;
import static com.computebilling.catalog.PriceUnit.YEAR;
import static com.computebilling.timeline.Fixtures.GENERAL_SKU;
import static com.computebilling.timeline.Fixtures.LONG_AGO;
import static com.computebilling.timeline.Fixtures.OrderSpec;
import static com.computebilling.timeline.Fixtures.POOL_SKU;
import static com.computebilling.timeline.Fixtures.at;
import static com.computebilling.timeline.Fixtures.change;
import static com.computebilling.timeline.Fixtures.outOfStock;
import static com.computebilling.timeline.Fixtures.payg;
import static com.computebilling.timeline.Fixtures.paygPrice;
import static com.computebilling.timeline.Fixtures.release;
import static com.computebilling.timeline.Fixtures.renew;
import static com.computebilling.timeline.Fixtures.subscription;
import static com.computebilling.timeline.Fixtures.subscriptionPrice;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3 "Resource timeline", "Order rules" and auto-renewal. Zone Asia/Shanghai. */
class TimelineBuilderTest {

    private static final BillingZone SHANGHAI = BillingZone.of("Asia/Shanghai");
    private static final String HORIZON = "2024-06-01T00:00:00+08:00";

    /** Pool: 0.73 USD/min pay-as-you-go, 1000.00 USD/month. General: 78.94 USD/month, no pay-as-you-go price. */
    private static final List<CatalogPrice> PRICES = List.of(
            paygPrice(POOL_SKU, "0.73", MINUTE, LONG_AGO, null),
            subscriptionPrice(POOL_SKU, "1000.00", MONTH, LONG_AGO, null),
            subscriptionPrice(GENERAL_SKU, "78.94", MONTH, LONG_AGO, null));

    private static ResourceTimeline timeline(OrderSpec... orders) {
        return timeline(new Catalog(PRICES), HORIZON, orders);
    }

    private static ResourceTimeline timeline(Catalog catalog, String horizon, OrderSpec... orders) {
        return new TimelineBuilder(catalog, SHANGHAI).build(Fixtures.orders(orders), at(horizon));
    }

    private static Interval interval(String start, String end) {
        return new Interval(at(start), at(end));
    }

    private static Interval open(String start) {
        return new Interval(at(start), Interval.OPEN_END);
    }

    private static List<FindingCode> codes(ResourceTimeline t) {
        return t.findings().stream().map(f -> f.finding().code()).toList();
    }

    /** Asserts {@code order} was refused with exactly {@code code} and nothing else was refused. */
    private static void assertRefused(ResourceTimeline t, OrderSpec order, FindingCode code) {
        assertThat(t.findings()).hasSize(1);
        OrderFinding f = t.findings().get(0);
        assertThat(f.finding().code()).isEqualTo(code);
        assertThat(f.finding().orderId()).isEqualTo(order.id());
        assertThat(f.at()).isEqualTo(order.order().effectiveAt());
    }

    @Nested
    class OrderTypes {

        @Test
        void new_pay_as_you_go_is_open_ended_from_its_effective_instant() {
            OrderSpec buy = payg("pool-1", "2023-04-18T15:29:16+08:00").nodes(3);
            ResourceTimeline t = timeline(buy);
            assertThat(t.segments()).containsExactly(
                    new Segment(open("2023-04-18T15:29:16+08:00"), BillingMode.PAY_AS_YOU_GO, 3, buy.order()));
            assertThat(t.charges()).isEmpty();
            assertThat(t.findings()).isEmpty();
            assertThat(t.at(at("2023-04-18T15:29:15+08:00"))).isEmpty();
            assertThat(t.at(at("2023-04-18T15:29:16+08:00"))).isPresent();
        }

        @Test
        void new_subscription_covers_t_to_t_plus_term_and_is_charged_once_at_t() {
            OrderSpec buy = subscription("gen-1", "2023-04-10T09:00:00+08:00", 1, MONTH).general().nodes(2);
            ResourceTimeline t = timeline(buy);
            assertThat(t.segments()).containsExactly(new Segment(
                    interval("2023-04-10T09:00:00+08:00", "2023-05-10T09:00:00+08:00"), BillingMode.SUBSCRIPTION, 2, buy.order()));
            assertThat(t.charges()).hasSize(1);
            SubscriptionCharge c = t.charges().get(0);
            assertThat(c.type()).isEqualTo(ChargeType.SUBSCRIPTION);
            assertThat(c.chargedAt()).isEqualTo(at("2023-04-10T09:00:00+08:00"));
            // 78.94 USD/month × 2 nodes × 1 month = 157.88
            assertThat(c.amount()).isEqualByComparingTo("157.88");
        }

        @Test
        void subscription_bought_on_31_january_ends_28_february() {
            OrderSpec buy = subscription("gen-1", "2023-01-31T10:00:00+08:00", 1, MONTH).general();
            assertThat(timeline(buy).segments().get(0).interval())
                    .isEqualTo(interval("2023-01-31T10:00:00+08:00", "2023-02-28T10:00:00+08:00"));
        }

        @Test
        void change_to_subscription_ends_pay_as_you_go_at_t_and_covers_from_t() {
            // SPEC §1: pool bought pay-per-use 15:29:16, changed to yearly/monthly at 16:30:30 (UTC+08:00)
            OrderSpec buy = payg("pool-1", "2023-04-18T15:29:16+08:00");
            OrderSpec chg = change("pool-1", "2023-04-18T16:30:30+08:00", 1, MONTH);
            ResourceTimeline t = timeline(buy, chg);
            assertThat(t.segments()).containsExactly(
                    new Segment(interval("2023-04-18T15:29:16+08:00", "2023-04-18T16:30:30+08:00"),
                            BillingMode.PAY_AS_YOU_GO, 1, buy.order()),
                    new Segment(interval("2023-04-18T16:30:30+08:00", "2023-05-18T16:30:30+08:00"),
                            BillingMode.SUBSCRIPTION, 1, chg.order()));
            assertThat(t.charges()).singleElement().satisfies(c -> {
                assertThat(c.type()).isEqualTo(ChargeType.SUBSCRIPTION);
                assertThat(c.chargedAt()).isEqualTo(at("2023-04-18T16:30:30+08:00"));
                assertThat(c.amount()).isEqualByComparingTo("1000.00");   // 1000.00 × 1 node × 1 month
            });
        }

        @Test
        void renew_before_expiry_extends_the_term_from_its_expiry() {
            OrderSpec buy = subscription("gen-1", "2023-04-10T09:00:00+08:00", 1, MONTH).general();
            OrderSpec ren = renew("gen-1", "2023-05-01T12:00:00+08:00", 2, MONTH).general();
            ResourceTimeline t = timeline(buy, ren);
            // E = 05-10 09:00; E + 2 months = 07-10 09:00
            assertThat(t.segments()).extracting(Segment::interval).containsExactly(
                    interval("2023-04-10T09:00:00+08:00", "2023-05-10T09:00:00+08:00"),
                    interval("2023-05-10T09:00:00+08:00", "2023-07-10T09:00:00+08:00"));
            SubscriptionCharge renewal = t.charges().get(1);
            assertThat(renewal.type()).isEqualTo(ChargeType.RENEWAL);
            assertThat(renewal.chargedAt()).isEqualTo(at("2023-05-01T12:00:00+08:00"));   // charged at t, not at E
            assertThat(renewal.term()).isEqualTo(interval("2023-05-10T09:00:00+08:00", "2023-07-10T09:00:00+08:00"));
            assertThat(renewal.amount()).isEqualByComparingTo("157.88");   // 78.94 × 1 node × 2 months
            assertThat(t.at(at("2023-06-30T00:00:00+08:00"))).isPresent();
        }

        @Test
        void renew_after_the_term_lapsed_starts_a_new_term_at_t() {
            OrderSpec buy = subscription("gen-1", "2023-04-10T09:00:00+08:00", 1, MONTH).general();
            OrderSpec ren = renew("gen-1", "2023-05-20T08:00:00+08:00", 1, MONTH).general();
            ResourceTimeline t = timeline(buy, ren);
            assertThat(t.segments()).extracting(Segment::interval).containsExactly(
                    interval("2023-04-10T09:00:00+08:00", "2023-05-10T09:00:00+08:00"),
                    interval("2023-05-20T08:00:00+08:00", "2023-06-20T08:00:00+08:00"));
            assertThat(t.at(at("2023-05-15T00:00:00+08:00"))).isEmpty();
            assertThat(t.charges().get(1).type()).isEqualTo(ChargeType.RENEWAL);
            assertThat(t.charges().get(1).chargedAt()).isEqualTo(at("2023-05-20T08:00:00+08:00"));
        }

        @Test
        void release_ends_pay_as_you_go_at_t() {
            OrderSpec buy = payg("pool-1", "2023-04-18T15:29:16+08:00");
            ResourceTimeline t = timeline(buy, release("pool-1", "2023-04-18T18:00:00+08:00"));
            assertThat(t.segments()).containsExactly(new Segment(
                    interval("2023-04-18T15:29:16+08:00", "2023-04-18T18:00:00+08:00"), BillingMode.PAY_AS_YOU_GO, 1, buy.order()));
            assertThat(t.at(at("2023-04-18T18:00:00+08:00"))).isEmpty();
            assertThat(t.findings()).isEmpty();
        }

        @Test
        void year_term_is_priced_twelve_times_the_month_price_when_there_is_no_year_price() {
            OrderSpec buy = subscription("gen-1", "2023-04-10T09:00:00+08:00", 1, YEAR).general().nodes(2);
            ResourceTimeline t = timeline(buy);
            assertThat(t.segments().get(0).interval())
                    .isEqualTo(interval("2023-04-10T09:00:00+08:00", "2024-04-10T09:00:00+08:00"));
            // 78.94 × 2 nodes × 12 months = 1894.56
            assertThat(t.charges().get(0).amount()).isEqualByComparingTo("1894.56");
        }

        @Test
        void unpaid_and_cancelled_orders_are_ignored() {
            ResourceTimeline t = timeline(
                    payg("pool-1", "2023-04-01T00:00:00+08:00").account("acc-other").unpaid(),
                    payg("pool-1", "2023-04-02T00:00:00+08:00").cancelled(),
                    payg("pool-1", "2023-04-03T00:00:00+08:00"));
            // the unpaid order neither starts a state nor fixes the resource's account
            assertThat(t.findings()).isEmpty();
            assertThat(t.segments()).extracting(Segment::interval).containsExactly(open("2023-04-03T00:00:00+08:00"));
        }

        @Test
        void orders_are_replayed_in_effective_at_order_not_file_order() {
            OrderSpec chg = change("pool-1", "2023-04-18T16:30:30+08:00", 1, MONTH);
            OrderSpec buy = payg("pool-1", "2023-04-18T15:29:16+08:00");
            ResourceTimeline t = timeline(chg, buy);
            assertThat(t.findings()).isEmpty();
            assertThat(t.segments()).hasSize(2);
        }
    }

    @Nested
    class OrderRules {

        @Test
        void rule1_every_order_on_a_public_pool_is_not_orderable() {
            OrderSpec buy = payg("public-1", "2023-04-18T10:00:00+08:00").publicPool();
            ResourceTimeline t = timeline(buy);
            assertRefused(t, buy, FindingCode.PUBLIC_POOL_NOT_ORDERABLE);
            assertThat(t.segments()).isEmpty();
        }

        @Test
        void rule1_public_pool_comes_before_account_mismatch() {
            OrderSpec first = payg("public-1", "2023-04-18T10:00:00+08:00").publicPool();
            OrderSpec other = payg("public-1", "2023-04-18T11:00:00+08:00").publicPool().account("acc-2");
            assertThat(codes(timeline(first, other)))
                    .containsExactly(FindingCode.PUBLIC_POOL_NOT_ORDERABLE, FindingCode.PUBLIC_POOL_NOT_ORDERABLE);
        }

        @Test
        void rule2_an_order_from_another_account_than_the_first_paid_order_is_an_account_mismatch() {
            OrderSpec buy = payg("pool-1", "2023-04-18T10:00:00+08:00");
            OrderSpec chg = change("pool-1", "2023-04-18T12:00:00+08:00", 1, MONTH).account("acc-2");
            ResourceTimeline t = timeline(buy, chg);
            assertRefused(t, chg, FindingCode.ACCOUNT_MISMATCH);
            assertThat(t.charges()).isEmpty();   // the refused change bills nothing and grants nothing
            assertThat(t.segments()).extracting(Segment::mode).containsExactly(BillingMode.PAY_AS_YOU_GO);
        }

        @Test
        void rule2_account_mismatch_comes_before_mode_not_offered() {
            OrderSpec buy = subscription("gen-1", "2023-04-10T09:00:00+08:00", 1, MONTH).general();
            OrderSpec other = payg("gen-1", "2023-04-11T09:00:00+08:00").general().account("acc-2");
            assertRefused(timeline(buy, other), other, FindingCode.ACCOUNT_MISMATCH);
        }

        @Test
        void rule3_pay_as_you_go_on_a_general_resource_is_not_offered() {
            // also no pay-as-you-go price for the general SKU (rule 10), but rule 3 comes first
            OrderSpec buy = payg("gen-1", "2023-04-10T09:00:00+08:00").general();
            ResourceTimeline t = timeline(buy);
            assertRefused(t, buy, FindingCode.MODE_NOT_OFFERED);
            assertThat(t.segments()).isEmpty();
        }

        @Test
        void rule4_change_on_a_lingjun_resource_is_not_allowed() {
            OrderSpec buy = payg("lj-1", "2023-04-10T09:00:00+08:00").lingjun();
            OrderSpec chg = change("lj-1", "2023-04-10T10:00:00+08:00", 1, MONTH).lingjun();
            ResourceTimeline t = timeline(buy, chg);
            assertRefused(t, chg, FindingCode.CHANGE_NOT_ALLOWED);
            assertThat(t.segments()).singleElement().extracting(Segment::interval).isEqualTo(open("2023-04-10T09:00:00+08:00"));
        }

        @Test
        void rule4_change_not_allowed_comes_before_resource_not_enabled() {
            OrderSpec chg = change("lj-1", "2023-04-10T10:00:00+08:00", 1, MONTH).lingjun();
            assertRefused(timeline(chg), chg, FindingCode.CHANGE_NOT_ALLOWED);
        }

        @Test
        void rule5_release_of_a_resource_with_no_active_state_is_not_enabled() {
            OrderSpec rel = release("pool-1", "2023-04-10T10:00:00+08:00");
            assertRefused(timeline(rel), rel, FindingCode.RESOURCE_NOT_ENABLED);
        }

        @Test
        void rule5_change_of_a_released_pool_is_not_enabled() {
            OrderSpec chg = change("pool-1", "2023-04-10T12:00:00+08:00", 1, MONTH);
            ResourceTimeline t = timeline(payg("pool-1", "2023-04-10T09:00:00+08:00"),
                    release("pool-1", "2023-04-10T10:00:00+08:00"), chg);
            assertRefused(t, chg, FindingCode.RESOURCE_NOT_ENABLED);
            assertThat(t.charges()).isEmpty();
        }

        @Test
        void rule5_renew_on_a_never_subscribed_pay_as_you_go_resource_is_not_enabled_rather_than_mixed_modes() {
            OrderSpec ren = renew("pool-1", "2023-04-11T09:00:00+08:00", 1, MONTH);
            ResourceTimeline t = timeline(payg("pool-1", "2023-04-10T09:00:00+08:00"), ren);
            assertRefused(t, ren, FindingCode.RESOURCE_NOT_ENABLED);
        }

        @Test
        void rule6_change_of_a_subscribed_pool_is_not_pay_as_you_go() {
            OrderSpec chg = change("pool-1", "2023-04-15T09:00:00+08:00", 1, MONTH);
            ResourceTimeline t = timeline(subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH), chg);
            assertRefused(t, chg, FindingCode.CHANGE_NOT_PAY_AS_YOU_GO);
            assertThat(t.charges()).hasSize(1);
        }

        @Test
        void rule7_release_of_a_subscription_is_refused() {
            OrderSpec rel = release("pool-1", "2023-04-15T09:00:00+08:00");
            ResourceTimeline t = timeline(subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH), rel);
            assertRefused(t, rel, FindingCode.RELEASE_NOT_PAY_AS_YOU_GO);
            // the term still runs to its end
            assertThat(t.segments()).singleElement().extracting(Segment::interval)
                    .isEqualTo(interval("2023-04-10T09:00:00+08:00", "2023-05-10T09:00:00+08:00"));
        }

        @Test
        void rule8_new_order_on_a_resource_with_an_active_state_mixes_billing_modes() {
            OrderSpec second = subscription("pool-1", "2023-04-10T10:00:00+08:00", 1, MONTH);
            ResourceTimeline t = timeline(payg("pool-1", "2023-04-10T09:00:00+08:00"), second);
            assertRefused(t, second, FindingCode.MIXED_BILLING_MODES);
            assertThat(t.charges()).isEmpty();
        }

        @Test
        void rule8_change_for_a_different_node_count_than_pay_as_you_go_mixes_billing_modes() {
            OrderSpec chg = change("pool-1", "2023-04-10T10:00:00+08:00", 1, MONTH).nodes(2);
            ResourceTimeline t = timeline(payg("pool-1", "2023-04-10T09:00:00+08:00").nodes(3), chg);
            assertRefused(t, chg, FindingCode.MIXED_BILLING_MODES);
            assertThat(t.segments()).singleElement().extracting(Segment::mode).isEqualTo(BillingMode.PAY_AS_YOU_GO);
        }

        @Test
        void rule8_renew_while_pay_as_you_go_mixes_billing_modes() {
            // subscribed once (so rule 5 does not apply), lapsed, then bought pay-as-you-go
            OrderSpec ren = renew("pool-1", "2023-06-01T09:00:00+08:00", 1, MONTH);
            ResourceTimeline t = timeline(subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH),
                    payg("pool-1", "2023-05-20T09:00:00+08:00"), ren);
            assertRefused(t, ren, FindingCode.MIXED_BILLING_MODES);
        }

        @Test
        void rule8_a_new_order_after_the_term_lapsed_is_allowed() {
            ResourceTimeline t = timeline(subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH),
                    payg("pool-1", "2023-05-10T09:00:00+08:00"));
            assertThat(t.findings()).isEmpty();
            assertThat(t.segments()).extracting(Segment::mode)
                    .containsExactly(BillingMode.SUBSCRIPTION, BillingMode.PAY_AS_YOU_GO);
        }

        @Test
        void rule9_new_order_for_an_out_of_stock_sku_is_refused() {
            Catalog c = new Catalog(List.of(paygPrice(POOL_SKU, "0.73", MINUTE, LONG_AGO, null),
                    outOfStock(subscriptionPrice(POOL_SKU, "1000.00", MONTH, LONG_AGO, null))));
            OrderSpec buy = payg("pool-1", "2023-04-10T09:00:00+08:00");
            ResourceTimeline t = timeline(c, HORIZON, buy);
            assertRefused(t, buy, FindingCode.OUT_OF_STOCK);
            assertThat(t.segments()).isEmpty();
        }

        @Test
        void rule9_out_of_stock_comes_after_mixed_modes_and_before_no_price() {
            Catalog c = new Catalog(List.of(outOfStock(paygPrice(POOL_SKU, "0.73", MINUTE, LONG_AGO, null))));
            // no subscription price at all: rule 10 would apply too
            OrderSpec buy = subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH);
            assertRefused(timeline(c, HORIZON, buy), buy, FindingCode.OUT_OF_STOCK);
        }

        @Test
        void rule9_out_of_stock_does_not_block_a_renewal() {
            Catalog c = new Catalog(List.of(
                    subscriptionPrice(POOL_SKU, "1000.00", MONTH, LONG_AGO, "2023-05-01T00:00:00+08:00"),
                    outOfStock(subscriptionPrice(POOL_SKU, "1000.00", MONTH, "2023-05-01T00:00:00+08:00", null))));
            ResourceTimeline t = timeline(c, HORIZON, subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH),
                    renew("pool-1", "2023-05-05T09:00:00+08:00", 1, MONTH));
            assertThat(t.findings()).isEmpty();
            assertThat(t.charges()).extracting(SubscriptionCharge::type).containsExactly(ChargeType.SUBSCRIPTION, ChargeType.RENEWAL);
        }

        @Test
        void rule10_new_pay_as_you_go_without_a_price_at_t_has_no_price() {
            Catalog c = new Catalog(List.of(paygPrice(POOL_SKU, "0.73", MINUTE, "2023-05-01T00:00:00+08:00", null)));
            OrderSpec buy = payg("pool-1", "2023-04-30T23:59:59+08:00");
            assertRefused(timeline(c, HORIZON, buy), buy, FindingCode.NO_PRICE);
        }

        @Test
        void rule10_year_term_without_year_or_month_price_has_no_price() {
            Catalog c = new Catalog(List.of(paygPrice(POOL_SKU, "0.73", MINUTE, LONG_AGO, null)));
            OrderSpec chg = change("pool-1", "2023-04-10T10:00:00+08:00", 1, YEAR);
            ResourceTimeline t = timeline(c, HORIZON, payg("pool-1", "2023-04-10T09:00:00+08:00"), chg);
            assertRefused(t, chg, FindingCode.NO_PRICE);
            // the refused change does not end pay-as-you-go
            assertThat(t.segments()).singleElement().extracting(Segment::interval).isEqualTo(open("2023-04-10T09:00:00+08:00"));
        }

        @Test
        void each_refused_order_is_reported_once_with_the_first_code_that_applies() {
            // account mismatch (2), pay-as-you-go on general (3) and no price (10) all apply: only rule 2 is reported
            OrderSpec first = subscription("gen-1", "2023-04-10T09:00:00+08:00", 1, MONTH).general();
            OrderSpec bad = payg("gen-1", "2023-04-12T09:00:00+08:00").general().account("acc-9");
            ResourceTimeline t = timeline(first, bad);
            assertThat(codes(t)).containsExactly(FindingCode.ACCOUNT_MISMATCH);
        }
    }

    @Nested
    class AutoRenewal {

        /** The month price rises from 1000.00 to 1100.00 on 2023-05-10 00:00 (+08:00). */
        private final Catalog rising = new Catalog(List.of(
                subscriptionPrice(POOL_SKU, "1000.00", MONTH, LONG_AGO, "2023-05-10T00:00:00+08:00"),
                subscriptionPrice(POOL_SKU, "1100.00", MONTH, "2023-05-10T00:00:00+08:00", null)));

        @Test
        void an_auto_renew_term_renews_at_expiry_for_the_same_term_and_nodes_at_the_price_then_in_effect() {
            OrderSpec buy = subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH).nodes(2).autoRenew();
            ResourceTimeline t = timeline(rising, "2023-06-01T00:00:00+08:00", buy);
            assertThat(t.charges()).hasSize(2);
            SubscriptionCharge auto = t.charges().get(1);
            assertThat(auto.type()).isEqualTo(ChargeType.AUTO_RENEWAL);
            assertThat(auto.chargedAt()).isEqualTo(at("2023-05-10T09:00:00+08:00"));
            assertThat(auto.term()).isEqualTo(interval("2023-05-10T09:00:00+08:00", "2023-06-10T09:00:00+08:00"));
            assertThat(auto.nodes()).isEqualTo(2);
            assertThat(auto.order()).isEqualTo(buy.order());
            // 1100.00 (price in effect at expiry) × 2 nodes × 1 month = 2200.00; the first term was 1000 × 2 = 2000
            assertThat(t.charges().get(0).amount()).isEqualByComparingTo("2000.00");
            assertThat(auto.amount()).isEqualByComparingTo("2200.00");
            assertThat(t.at(at("2023-05-20T00:00:00+08:00"))).get().extracting(Segment::nodes).isEqualTo(2);
        }

        @Test
        void a_renew_before_expiry_suppresses_auto_renewal() {
            OrderSpec buy = subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH).autoRenew();
            OrderSpec ren = renew("pool-1", "2023-05-01T09:00:00+08:00", 1, MONTH);   // auto_renew = false
            ResourceTimeline t = timeline(rising, "2023-07-01T00:00:00+08:00", buy, ren);
            assertThat(t.charges()).extracting(SubscriptionCharge::type)
                    .containsExactly(ChargeType.SUBSCRIPTION, ChargeType.RENEWAL);
            // the renewal's order (auto_renew = false) is now the latest: the term lapses at 06-10
            assertThat(t.segments()).extracting(Segment::interval).containsExactly(
                    interval("2023-04-10T09:00:00+08:00", "2023-05-10T09:00:00+08:00"),
                    interval("2023-05-10T09:00:00+08:00", "2023-06-10T09:00:00+08:00"));
            assertThat(t.at(at("2023-06-10T09:00:00+08:00"))).isEmpty();
        }

        @Test
        void the_latest_orders_auto_renew_flag_decides_a_renewed_terms_expiry() {
            OrderSpec buy = subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH);
            OrderSpec ren = renew("pool-1", "2023-05-01T09:00:00+08:00", 1, MONTH).autoRenew();
            ResourceTimeline t = timeline(rising, "2023-07-01T00:00:00+08:00", buy, ren);
            assertThat(t.charges()).extracting(SubscriptionCharge::type)
                    .containsExactly(ChargeType.SUBSCRIPTION, ChargeType.RENEWAL, ChargeType.AUTO_RENEWAL);
            assertThat(t.charges().get(2).chargedAt()).isEqualTo(at("2023-06-10T09:00:00+08:00"));
        }

        @Test
        void a_term_without_auto_renew_lapses_at_expiry() {
            OrderSpec buy = subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH);
            ResourceTimeline t = timeline(rising, "2023-07-01T00:00:00+08:00", buy);
            assertThat(t.charges()).hasSize(1);
            assertThat(t.at(at("2023-05-10T08:59:59+08:00"))).isPresent();
            assertThat(t.at(at("2023-05-10T09:00:00+08:00"))).isEmpty();
        }

        @Test
        void an_auto_renewal_chain_runs_up_to_the_horizon() {
            // bought 01-15, 1 month, auto-renew; horizon 05-01: renewals at 02-15, 03-15, 04-15; none at 05-15
            OrderSpec buy = subscription("pool-1", "2023-01-15T00:00:00+08:00", 1, MONTH).autoRenew();
            ResourceTimeline t = timeline(rising, "2023-05-01T00:00:00+08:00", buy);
            assertThat(t.charges()).extracting(SubscriptionCharge::type).containsExactly(ChargeType.SUBSCRIPTION,
                    ChargeType.AUTO_RENEWAL, ChargeType.AUTO_RENEWAL, ChargeType.AUTO_RENEWAL);
            assertThat(t.charges()).extracting(SubscriptionCharge::chargedAt).containsExactly(
                    at("2023-01-15T00:00:00+08:00"), at("2023-02-15T00:00:00+08:00"),
                    at("2023-03-15T00:00:00+08:00"), at("2023-04-15T00:00:00+08:00"));
            // coverage is continuous from 01-15 to 05-15
            for (int i = 1; i < t.segments().size(); i++) {
                assertThat(t.segments().get(i).interval().start()).isEqualTo(t.segments().get(i - 1).interval().end());
            }
            assertThat(t.segments().get(t.segments().size() - 1).interval().end()).isEqualTo(at("2023-05-15T00:00:00+08:00"));
        }

        @Test
        void an_auto_renewing_year_term_renews_for_a_year() {
            OrderSpec buy = subscription("pool-1", "2023-01-31T10:00:00+08:00", 1, YEAR).autoRenew();
            ResourceTimeline t = timeline(rising, "2024-03-01T00:00:00+08:00", buy);
            assertThat(t.charges()).hasSize(2);
            assertThat(t.charges().get(1).term())
                    .isEqualTo(interval("2024-01-31T10:00:00+08:00", "2025-01-31T10:00:00+08:00"));
            // 1100.00 × 1 node × 12 months = 13200.00
            assertThat(t.charges().get(1).amount()).isEqualByComparingTo("13200.00");
        }

        @Test
        void a_refused_renew_before_expiry_does_not_suppress_auto_renewal() {
            OrderSpec buy = subscription("pool-1", "2023-04-10T09:00:00+08:00", 1, MONTH).autoRenew();
            OrderSpec foreign = renew("pool-1", "2023-05-01T09:00:00+08:00", 1, MONTH).account("acc-2");
            ResourceTimeline t = timeline(rising, "2023-06-01T00:00:00+08:00", buy, foreign);
            assertThat(codes(t)).containsExactly(FindingCode.ACCOUNT_MISMATCH);
            assertThat(t.charges()).extracting(SubscriptionCharge::type)
                    .containsExactly(ChargeType.SUBSCRIPTION, ChargeType.AUTO_RENEWAL);
        }
    }
}
