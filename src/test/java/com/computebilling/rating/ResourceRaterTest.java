package com.computebilling.rating;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.ChargeType;
import com.computebilling.findings.Finding;
import com.computebilling.findings.FindingCode;
import com.computebilling.invoicing.Invoice;
import com.computebilling.invoicing.InvoiceStatus;
import com.computebilling.invoicing.InvoiceTotals;
import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;
import com.computebilling.timeline.Fixtures.OrderSpec;
import com.computebilling.timeline.Fixtures.UsageSpec;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

import static com.computebilling.catalog.PriceUnit.HOUR;
import static com.computebilling.catalog.PriceUnit.MINUTE;
import static com.computebilling.catalog.PriceUnit.MONTH;
import static com.computebilling.timeline.Fixtures.LONG_AGO;
import static com.computebilling.timeline.Fixtures.POOL_SKU;
import static com.computebilling.timeline.Fixtures.REGION;
import static com.computebilling.timeline.Fixtures.at;
import static com.computebilling.timeline.Fixtures.change;
import static com.computebilling.timeline.Fixtures.payg;
import static com.computebilling.timeline.Fixtures.paygPrice;
import static com.computebilling.timeline.Fixtures.price;
import static com.computebilling.timeline.Fixtures.subscription;
import static com.computebilling.timeline.Fixtures.subscriptionPrice;
import static com.computebilling.timeline.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * SPEC §3 "Rating usage", "Conservation" and "Periods": one resource billed for a processed period — its hourly
 * usage lines, subscription charges, findings and node-second buckets. Zone Asia/Shanghai unless a test says.
 */
class ResourceRaterTest {

    private static final BillingZone SHANGHAI = BillingZone.of("Asia/Shanghai");
    private static final ProcessedPeriod APRIL = ProcessedPeriod.month(YearMonth.of(2023, 4), SHANGHAI);
    private static final String PUBLIC_FLAVOR = "public.gu7xf.1gpu";

    /** Pool: 0.73 USD/min pay-as-you-go and 1000.00 USD/month. Public flavor: 2.40 USD/hour. */
    private static final Catalog PRICES = new Catalog(List.of(
            paygPrice(POOL_SKU, "0.73", MINUTE, LONG_AGO, null),
            subscriptionPrice(POOL_SKU, "1000.00", MONTH, LONG_AGO, null),
            paygPrice(PUBLIC_FLAVOR, "2.40", HOUR, LONG_AGO, null)));

    private static ResourceBill bill(List<OrderSpec> orders, UsageSpec... usage) {
        return bill(PRICES, APRIL, orders, usage);
    }

    private static ResourceBill bill(Catalog catalog, ProcessedPeriod period, List<OrderSpec> orders, UsageSpec... usage) {
        List<UsageRecord> records = Arrays.stream(usage).map(UsageSpec::record).toList();
        String resource = records.isEmpty() ? orders.get(0).order().resourceId() : records.get(0).resourceId();
        return new ResourceRater(catalog, period).bill(new ResourceWork(resource,
                orders.stream().map(OrderSpec::order).toList(), List.of(), records));
    }

    private static List<ChargeLine> usageLines(ResourceBill bill) {
        return bill.lines().stream().filter(l -> l.chargeType() == ChargeType.USAGE)
                .sorted(Comparator.comparing(ChargeLine::periodStart).thenComparing(ChargeLine::chargeStart)).toList();
    }

    private static List<ChargeLine> otherLines(ResourceBill bill) {
        return bill.lines().stream().filter(l -> l.chargeType() != ChargeType.USAGE).toList();
    }

    private static List<FindingCode> codes(ResourceBill bill) {
        return bill.findings().stream().map(Finding::code).toList();
    }

    private static Finding only(ResourceBill bill, FindingCode code) {
        List<Finding> found = bill.findings().stream().filter(f -> f.code() == code).toList();
        assertThat(found).as("findings with code " + code).hasSize(1);
        return found.get(0);
    }

    // ------------------------------------------------------------------ the SPEC examples

    @Test
    void dedicated_pool_changed_mid_hour_gives_two_hourly_usage_lines_and_a_subscription_charge() {
        // SPEC §1: bought pay-per-use 2023-04-18 15:29:16 (+08:00), changed to yearly/monthly at 16:30:30
        OrderSpec buy = payg("pool-1", "2023-04-18T15:29:16+08:00");
        OrderSpec chg = change("pool-1", "2023-04-18T16:30:30+08:00", 1, MONTH);
        ResourceBill bill = bill(List.of(buy, chg), usage("u-1", "pool-1", "2023-04-18T15:29:16+08:00", "2023-04-18T17:00:00+08:00"));

        List<ChargeLine> usage = usageLines(bill);
        assertThat(usage).hasSize(2);
        ChargeLine first = usage.get(0);
        assertThat(first.periodStart()).isEqualTo(at("2023-04-18T15:00:00+08:00"));
        assertThat(first.periodEnd()).isEqualTo(at("2023-04-18T16:00:00+08:00"));
        assertThat(first.chargeStart()).isEqualTo(at("2023-04-18T15:29:16+08:00"));
        assertThat(first.chargeEnd()).isEqualTo(at("2023-04-18T16:00:00+08:00"));
        assertThat(first.duration()).isEqualTo(1844);                      // 30 min 44 s
        assertThat(first.amount()).hasToString("22.43533333");             // 0.73 × 1 × 1844 ÷ 60 = 22.435333…
        assertThat(first.orderId()).isEqualTo(buy.id());
        assertThat(first.durationUnit()).isEqualTo("SECOND");

        ChargeLine second = usage.get(1);
        assertThat(second.periodStart()).isEqualTo(at("2023-04-18T16:00:00+08:00"));
        assertThat(second.periodEnd()).isEqualTo(at("2023-04-18T17:00:00+08:00"));
        assertThat(second.chargeStart()).isEqualTo(at("2023-04-18T16:00:00+08:00"));
        assertThat(second.chargeEnd()).isEqualTo(at("2023-04-18T16:30:30+08:00"));
        assertThat(second.duration()).isEqualTo(1830);                     // 30 min 30 s
        assertThat(second.amount()).hasToString("22.26500000");            // 0.73 × 1 × 1830 ÷ 60 = 22.265

        assertThat(otherLines(bill)).singleElement().satisfies(s -> {
            assertThat(s.chargeType()).isEqualTo(ChargeType.SUBSCRIPTION);
            assertThat(s.orderId()).isEqualTo(chg.id());
            assertThat(s.chargeStart()).isEqualTo(at("2023-04-18T16:30:30+08:00"));
            assertThat(s.chargeEnd()).isEqualTo(at("2023-05-18T16:30:30+08:00"));
            assertThat(s.periodStart()).isEqualTo(at("2023-04-18T16:30:30+08:00"));
            assertThat(s.duration()).isEqualTo(1);
            assertThat(s.durationUnit()).isEqualTo("MONTH");
            assertThat(s.amount()).hasToString("1000.00000000");           // 1000.00 × 1 node × 1 month
        });
        // 15:29:16–17:00:00 = 5444 s: 1844 + 1830 = 3674 billed, 16:30:30–17:00:00 = 1770 covered
        assertThat(bill.nodeSeconds()).isEqualTo(new NodeSeconds(5444, 3674, 1770, 0, 0, 0, 0));
        assertThat(bill.findings()).isEmpty();
    }

    @Test
    void lingjun_node_at_0_73_per_minute_for_45_minutes_is_32_85_exactly() {
        OrderSpec buy = payg("lj-1", "2023-04-18T10:00:00+08:00").lingjun();
        ResourceBill bill = bill(List.of(buy), usage("u-1", "lj-1", "2023-04-18T10:00:00+08:00", "2023-04-18T10:45:00+08:00").lingjun());
        ChargeLine line = usageLines(bill).get(0);
        // 0.73 USD/min × 1 node × 2700 s ÷ 60 = 32.85
        assertThat(line.amount()).hasToString("32.85000000");
        assertThat(line.duration()).isEqualTo(2700);
        assertThat(line.unitPrice()).isEqualByComparingTo("0.73");
        assertThat(line.priceUnit()).isEqualTo(MINUTE);
        assertThat(line.currency()).isEqualTo(Currency.getInstance("USD"));
        assertThat(line.resourceClass()).isEqualTo(ResourceClass.LINGJUN);
    }

    @Test
    void pay_as_you_go_usage_is_billed_for_all_metered_nodes() {
        ResourceBill bill = bill(List.of(payg("pool-1", "2023-04-18T10:00:00+08:00").nodes(1)),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T11:00:00+08:00").nodes(2));
        // 0.73 × 2 nodes × 3600 s ÷ 60 = 87.60
        assertThat(usageLines(bill)).singleElement().satisfies(l -> {
            assertThat(l.nodes()).isEqualTo(2);
            assertThat(l.amount()).isEqualByComparingTo("87.60");
        });
        assertThat(bill.findings()).isEmpty();
    }

    // ------------------------------------------------------------------ buckets and findings

    @Test
    void nodes_above_the_subscribed_count_exceed_the_order_and_are_not_billed() {
        ResourceBill bill = bill(List.of(subscription("pool-1", "2023-04-01T00:00:00+08:00", 1, MONTH).nodes(2)),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T11:00:00+08:00").nodes(3));
        assertThat(usageLines(bill)).isEmpty();
        // 2 nodes × 3600 s covered, 1 node × 3600 s excess
        assertThat(bill.nodeSeconds()).isEqualTo(new NodeSeconds(10800, 0, 7200, 0, 3600, 0, 0));
        Finding f = only(bill, FindingCode.QUANTITY_EXCEEDS_ORDER);
        assertThat(f.recordId()).isEqualTo("u-1");
        assertThat(f.detail()).contains("3600");
    }

    @Test
    void usage_before_any_order_is_without_order_and_the_rest_is_billed() {
        ResourceBill bill = bill(List.of(payg("pool-1", "2023-04-18T10:30:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T09:00:00+08:00", "2023-04-18T11:00:00+08:00"));
        // 09:00–10:30 = 5400 s without order; 10:30–11:00 = 1800 s billed: 0.73 × 1800 ÷ 60 = 21.90
        assertThat(bill.nodeSeconds()).isEqualTo(new NodeSeconds(7200, 1800, 0, 5400, 0, 0, 0));
        assertThat(usageLines(bill)).singleElement().satisfies(l -> {
            assertThat(l.amount()).isEqualByComparingTo("21.90");
            assertThat(l.chargeStart()).isEqualTo(at("2023-04-18T10:30:00+08:00"));
        });
        Finding f = only(bill, FindingCode.USAGE_WITHOUT_ORDER);
        assertThat(f.recordId()).isEqualTo("u-1");
        assertThat(f.detail()).startsWith("5400 ");
    }

    @Test
    void usage_outside_the_processed_day_is_out_of_period() {
        ProcessedPeriod day = ProcessedPeriod.day(LocalDate.of(2023, 4, 18), SHANGHAI);
        ResourceBill bill = bill(PRICES, day, List.of(payg("pool-1", "2023-04-17T00:00:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T23:30:00+08:00", "2023-04-19T00:30:00+08:00"));
        // 23:30–00:00 billed (0.73 × 1800 ÷ 60 = 21.90), 00:00–00:30 on the 19th belongs to the next run
        assertThat(bill.nodeSeconds()).isEqualTo(new NodeSeconds(3600, 1800, 0, 0, 0, 0, 1800));
        assertThat(usageLines(bill)).singleElement().extracting(ChargeLine::amount)
                .satisfies(a -> assertThat(a).isEqualByComparingTo("21.90"));
        assertThat(only(bill, FindingCode.OUT_OF_PERIOD).recordId()).isEqualTo("u-1");
    }

    @Test
    void pay_as_you_go_usage_without_a_price_at_its_start_is_not_billed() {
        Catalog c = new Catalog(List.of(paygPrice(POOL_SKU, "0.73", MINUTE, LONG_AGO, "2023-04-18T12:00:00+08:00")));
        ResourceBill bill = bill(c, APRIL, List.of(payg("pool-1", "2023-04-18T10:00:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T11:00:00+08:00", "2023-04-18T13:00:00+08:00"));
        // 11:00–12:00 billed: 0.73 × 3600 ÷ 60 = 43.80; 12:00–13:00 has no price
        assertThat(bill.nodeSeconds()).isEqualTo(new NodeSeconds(7200, 3600, 0, 0, 0, 3600, 0));
        assertThat(usageLines(bill)).singleElement().extracting(ChargeLine::amount)
                .satisfies(a -> assertThat(a).isEqualByComparingTo("43.80"));
        assertThat(codes(bill)).containsExactly(FindingCode.NO_PRICE);
    }

    @Test
    void public_pool_usage_is_billed_pay_as_you_go_without_any_order() {
        ResourceBill bill = bill(List.of(), usage("u-1", "public-1", "2023-04-18T10:00:00+08:00", "2023-04-18T10:30:00+08:00")
                .publicPool().sku(PUBLIC_FLAVOR).account("acc-7").nodes(2));
        // 2.40 USD/h × 2 nodes × 1800 s ÷ 3600 = 2.40
        assertThat(usageLines(bill)).singleElement().satisfies(l -> {
            assertThat(l.amount()).hasToString("2.40000000");
            assertThat(l.orderId()).isEmpty();
            assertThat(l.accountId()).isEqualTo("acc-7");
            assertThat(l.resourceClass()).isEqualTo(ResourceClass.PUBLIC_POOL);
        });
        assertThat(bill.findings()).isEmpty();
        assertThat(bill.nodeSeconds().billed()).isEqualTo(3600);
    }

    @Test
    void an_order_on_a_public_pool_is_refused_and_its_usage_is_still_billed_pay_as_you_go() {
        OrderSpec order = subscription("public-1", "2023-04-01T00:00:00+08:00", 1, MONTH).publicPool().sku(PUBLIC_FLAVOR);
        ResourceBill bill = bill(List.of(order), usage("u-1", "public-1", "2023-04-18T10:00:00+08:00", "2023-04-18T11:00:00+08:00")
                .publicPool().sku(PUBLIC_FLAVOR));
        assertThat(codes(bill)).containsExactly(FindingCode.PUBLIC_POOL_NOT_ORDERABLE);
        assertThat(otherLines(bill)).isEmpty();
        // 2.40 × 1 × 3600 ÷ 3600 = 2.40
        assertThat(usageLines(bill)).singleElement().extracting(ChargeLine::amount)
                .satisfies(a -> assertThat(a).isEqualByComparingTo("2.40"));
    }

    @Test
    void usage_from_another_account_is_reported_and_rated_at_the_orders_terms() {
        OrderSpec buy = payg("pool-1", "2023-04-18T10:00:00+08:00");
        ResourceBill bill = bill(List.of(buy),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T12:00:00+08:00").account("acc-2"));
        assertThat(usageLines(bill)).hasSize(2).allSatisfy(l -> {
            assertThat(l.accountId()).isEqualTo("acc-1");
            assertThat(l.amount()).isEqualByComparingTo("43.80");   // 0.73 × 3600 ÷ 60
        });
        // one finding for the record, although it has two pieces
        Finding f = only(bill, FindingCode.ACCOUNT_MISMATCH);
        assertThat(f.recordId()).isEqualTo("u-1");
        assertThat(codes(bill)).containsExactly(FindingCode.ACCOUNT_MISMATCH);
    }

    @Test
    void usage_of_another_sku_is_reported_and_rated_at_the_orders_sku_and_price() {
        ResourceBill bill = bill(List.of(payg("pool-1", "2023-04-18T10:00:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T10:45:00+08:00").sku("unpriced-sku"));
        assertThat(usageLines(bill)).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo(POOL_SKU);
            assertThat(l.amount()).isEqualByComparingTo("32.85");   // 0.73 × 2700 ÷ 60
        });
        assertThat(codes(bill)).containsExactly(FindingCode.SKU_MISMATCH);
    }

    @Test
    void usage_in_another_region_is_a_sku_mismatch() {
        ResourceBill bill = bill(List.of(payg("pool-1", "2023-04-18T10:00:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T10:45:00+08:00").region("cn-shanghai"));
        assertThat(usageLines(bill)).singleElement().extracting(ChargeLine::region).isEqualTo("cn-wulanchabu");
        assertThat(codes(bill)).containsExactly(FindingCode.SKU_MISMATCH);
    }

    @Test
    void overlapping_records_are_both_billed_and_each_reported_once() {
        ResourceBill bill = bill(List.of(payg("pool-1", "2023-04-18T10:00:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T10:40:00+08:00"),
                usage("u-2", "pool-1", "2023-04-18T10:20:00+08:00", "2023-04-18T11:00:00+08:00"));
        // both billed in full: 2400 s + 2400 s = 4800 s in one line, 0.73 × 4800 ÷ 60 = 58.40
        assertThat(usageLines(bill)).singleElement().satisfies(l -> {
            assertThat(l.duration()).isEqualTo(4800);
            assertThat(l.amount()).isEqualByComparingTo("58.40");
        });
        assertThat(bill.findings()).extracting(Finding::code, Finding::recordId).containsExactlyInAnyOrder(
                tuple(FindingCode.OVERLAPPING_USAGE, "u-1"),
                tuple(FindingCode.OVERLAPPING_USAGE, "u-2"));
    }

    @Test
    void touching_records_do_not_overlap() {
        ResourceBill bill = bill(List.of(payg("pool-1", "2023-04-18T10:00:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T10:30:00+08:00"),
                usage("u-2", "pool-1", "2023-04-18T10:30:00+08:00", "2023-04-18T11:00:00+08:00"));
        assertThat(bill.findings()).isEmpty();
        // one line for the hour: 0.73 × 3600 ÷ 60 = 43.80
        assertThat(usageLines(bill)).singleElement().extracting(ChargeLine::amount)
                .satisfies(a -> assertThat(a).isEqualByComparingTo("43.80"));
    }

    @Test
    void a_pay_as_you_go_state_with_no_usage_in_the_period_is_an_order_without_usage() {
        OrderSpec buy = payg("pool-1", "2023-03-25T00:00:00+08:00");
        ResourceBill bill = bill(List.of(buy),
                usage("u-1", "pool-1", "2023-03-28T10:00:00+08:00", "2023-03-28T11:00:00+08:00"));
        // the only usage lies in March: out of this April run, so the state had none inside the period
        assertThat(codes(bill)).containsExactlyInAnyOrder(FindingCode.OUT_OF_PERIOD, FindingCode.ORDER_WITHOUT_USAGE);
        assertThat(only(bill, FindingCode.ORDER_WITHOUT_USAGE).orderId()).isEqualTo(buy.id());
        assertThat(usageLines(bill)).isEmpty();
    }

    @Test
    void a_pay_as_you_go_state_with_usage_is_not_reported() {
        ResourceBill bill = bill(List.of(payg("pool-1", "2023-04-18T10:00:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T10:01:00+08:00"));
        assertThat(bill.findings()).isEmpty();
    }

    @Test
    void a_pay_as_you_go_state_outside_the_period_is_not_reported_without_usage() {
        ResourceBill bill = bill(List.of(payg("pool-1", "2023-05-02T00:00:00+08:00")));
        assertThat(bill.findings()).isEmpty();
    }

    @Test
    void a_price_change_inside_an_hour_splits_the_hours_line() {
        Catalog c = new Catalog(List.of(
                paygPrice(POOL_SKU, "0.60", MINUTE, LONG_AGO, "2023-04-18T10:30:00+08:00"),
                paygPrice(POOL_SKU, "0.90", MINUTE, "2023-04-18T10:30:00+08:00", null)));
        ResourceBill bill = bill(c, APRIL, List.of(payg("pool-1", "2023-04-18T09:00:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T11:00:00+08:00"));
        List<ChargeLine> lines = usageLines(bill);
        assertThat(lines).hasSize(2);
        // 0.60 × 1800 ÷ 60 = 18.00 ; 0.90 × 1800 ÷ 60 = 27.00 — both in the hour 10:00–11:00
        assertThat(lines.get(0).amount()).isEqualByComparingTo("18.00");
        assertThat(lines.get(0).chargeEnd()).isEqualTo(at("2023-04-18T10:30:00+08:00"));
        assertThat(lines.get(1).amount()).isEqualByComparingTo("27.00");
        assertThat(lines.get(1).chargeStart()).isEqualTo(at("2023-04-18T10:30:00+08:00"));
        assertThat(lines).allSatisfy(l -> assertThat(l.periodStart()).isEqualTo(at("2023-04-18T10:00:00+08:00")));
    }

    @Test
    void a_record_gets_one_finding_per_code_however_many_pieces_it_has() {
        ResourceBill bill = bill(List.of(), usage("u-1", "pool-1", "2023-04-18T09:00:00+08:00", "2023-04-18T12:00:00+08:00").nodes(2));
        // three hourly pieces without order: 2 nodes × 10800 s = 21600 node-seconds, one row
        assertThat(codes(bill)).containsExactly(FindingCode.USAGE_WITHOUT_ORDER);
        assertThat(bill.findings().get(0).detail()).startsWith("21600 ");
        assertThat(bill.nodeSeconds()).isEqualTo(new NodeSeconds(21600, 0, 0, 21600, 0, 0, 0));
    }

    // ------------------------------------------------------------------ conservation

    @Test
    void every_node_second_of_a_mixed_resource_ends_in_exactly_one_bucket() {
        Catalog c = new Catalog(List.of(
                paygPrice(POOL_SKU, "0.73", MINUTE, LONG_AGO, "2023-04-10T14:00:00+08:00"),
                subscriptionPrice(POOL_SKU, "1000.00", MONTH, LONG_AGO, null)));
        ResourceBill bill = bill(c, APRIL, List.of(
                        payg("pool-1", "2023-04-10T10:00:00+08:00").nodes(2),
                        change("pool-1", "2023-04-10T15:00:00+08:00", 1, MONTH).nodes(2)),
                usage("u-1", "pool-1", "2023-03-31T23:00:00+08:00", "2023-04-10T16:00:00+08:00").nodes(3));
        // 3 nodes over 03-31 23:00 → 04-10 16:00 = 233 h: input 3 × 233 × 3600 = 2,516,400
        //   03-31 23:00–04-01 00:00  out of period    3 × 3600           =    10,800
        //   04-01 00:00–04-10 10:00  without order    3 × 226 × 3600     = 2,440,800
        //   04-10 10:00–14:00        billed           3 × 4 × 3600       =    43,200
        //   14:00–15:00              no price         3 × 3600           =    10,800
        //   15:00–16:00              covered 2 × 3600 = 7,200; excess 1 × 3600 = 3,600
        NodeSeconds ns = bill.nodeSeconds();
        assertThat(ns).isEqualTo(new NodeSeconds(2_516_400, 43_200, 7_200, 2_440_800, 3_600, 10_800, 10_800));
        assertThat(ns.input()).isEqualTo(ns.bucketSum());
        // four hourly lines of 0.73 × 3 × 3600 ÷ 60 = 131.40
        assertThat(usageLines(bill)).hasSize(4).allSatisfy(l -> assertThat(l.amount()).isEqualByComparingTo("131.40"));
        assertThat(codes(bill)).containsExactlyInAnyOrder(FindingCode.OUT_OF_PERIOD, FindingCode.USAGE_WITHOUT_ORDER,
                FindingCode.NO_PRICE, FindingCode.QUANTITY_EXCEEDS_ORDER);
    }

    // ------------------------------------------------------------------ rounding

    @Test
    void hourly_lines_are_kept_at_eight_decimals_and_rounded_once_on_the_invoice() {
        Catalog c = new Catalog(List.of(paygPrice(POOL_SKU, "1.00", HOUR, LONG_AGO, null)));
        ResourceBill bill = bill(c, APRIL, List.of(payg("pool-1", "2023-04-18T00:00:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T10:20:00+08:00"),
                usage("u-2", "pool-1", "2023-04-18T11:00:00+08:00", "2023-04-18T11:20:00+08:00"),
                usage("u-3", "pool-1", "2023-04-18T12:00:00+08:00", "2023-04-18T12:20:00+08:00"));
        // each: 1.00 USD/h × 1 node × 1200 s ÷ 3600 = 0.333333… → 0.33333333
        List<ChargeLine> lines = usageLines(bill);
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l.amount()).hasToString("0.33333333"));
        BigDecimal sum = BigDecimal.ZERO;
        for (ChargeLine l : lines) {
            sum = sum.add(l.amount());
        }
        // 0.99999999 → 1.00 on the invoice (per-line rounding would have given 0.33 × 3 = 0.99)
        Invoice inv = Invoice.from(new InvoiceTotals("acc-1", YearMonth.of(2023, 4), Currency.getInstance("USD"),
                BigDecimal.ZERO, sum, 3), InvoiceStatus.FINAL);
        assertThat(inv.usageAmount()).hasToString("1.00");
    }

    @Test
    void jpy_usage_line_keeps_eight_decimals() {
        Catalog c = new Catalog(List.of(price(POOL_SKU, REGION,
                BillingMode.PAY_AS_YOU_GO, MINUTE, "7", "JPY", LONG_AGO, null, true)));
        ResourceBill bill = bill(c, APRIL, List.of(payg("pool-1", "2023-04-18T00:00:00+08:00")),
                usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T10:00:10+08:00"));
        // 7 JPY/min × 10 s ÷ 60 = 1.1666… → 1.16666667 on the line; the invoice rounds it to 1 yen
        ChargeLine line = usageLines(bill).get(0);
        assertThat(line.amount()).hasToString("1.16666667");
        assertThat(line.currency()).isEqualTo(Currency.getInstance("JPY"));
        Invoice inv = Invoice.from(new InvoiceTotals("acc-1", YearMonth.of(2023, 4), line.currency(), BigDecimal.ZERO,
                line.amount(), 1), InvoiceStatus.DRAFT);
        assertThat(inv.totalAmount()).hasToString("1");
    }

    // ------------------------------------------------------------------ billing zones

    @Test
    void autumn_overlap_hours_in_new_york_are_two_distinct_usage_lines() {
        BillingZone ny = BillingZone.of("America/New_York");
        ProcessedPeriod november = ProcessedPeriod.month(YearMonth.of(2023, 11), ny);
        ResourceBill bill = bill(PRICES, november, List.of(payg("lj-1", "2023-11-01T00:00:00-04:00").lingjun()),
                usage("u-1", "lj-1", "2023-11-05T00:30:00-04:00", "2023-11-05T02:30:00-05:00").lingjun());
        List<ChargeLine> lines = usageLines(bill);
        assertThat(lines).extracting(ChargeLine::periodStart).containsExactly(
                at("2023-11-05T00:00:00-04:00"), at("2023-11-05T01:00:00-04:00"),
                at("2023-11-05T01:00:00-05:00"), at("2023-11-05T02:00:00-05:00"));
        assertThat(lines).extracting(ChargeLine::duration).containsExactly(1800L, 3600L, 3600L, 1800L);
        // 0.73 × 1800 ÷ 60 = 21.90 ; 0.73 × 3600 ÷ 60 = 43.80
        assertThat(lines).extracting(l -> l.amount().toPlainString())
                .containsExactly("21.90000000", "43.80000000", "43.80000000", "21.90000000");
        assertThat(lines.get(1).periodEnd()).isEqualTo(at("2023-11-05T01:00:00-05:00"));
    }

    @Test
    void spring_forward_hour_in_new_york_runs_from_01_00_EST_to_03_00_EDT() {
        BillingZone ny = BillingZone.of("America/New_York");
        ProcessedPeriod march = ProcessedPeriod.month(YearMonth.of(2023, 3), ny);
        ResourceBill bill = bill(PRICES, march, List.of(payg("lj-1", "2023-03-01T00:00:00-05:00").lingjun()),
                usage("u-1", "lj-1", "2023-03-12T01:00:00-05:00", "2023-03-12T03:30:00-04:00").lingjun());
        List<ChargeLine> lines = usageLines(bill);
        // 01:00 EST → 03:30 EDT is 1.5 real hours: one full period (01:00 EST–03:00 EDT) and half of 03:00–04:00
        assertThat(lines).extracting(ChargeLine::periodStart, ChargeLine::periodEnd).containsExactly(
                tuple(at("2023-03-12T01:00:00-05:00"), at("2023-03-12T03:00:00-04:00")),
                tuple(at("2023-03-12T03:00:00-04:00"), at("2023-03-12T04:00:00-04:00")));
        assertThat(lines).extracting(ChargeLine::duration).containsExactly(3600L, 1800L);
    }

    @Test
    void kolkata_usage_lines_start_at_half_past_utc_hours() {
        BillingZone kolkata = BillingZone.of("Asia/Kolkata");
        ProcessedPeriod april = ProcessedPeriod.month(YearMonth.of(2023, 4), kolkata);
        ResourceBill bill = bill(PRICES, april, List.of(payg("pool-1", "2023-04-18T00:00:00Z")),
                usage("u-1", "pool-1", "2023-04-18T10:00:00Z", "2023-04-18T12:00:00Z"));
        assertThat(usageLines(bill)).extracting(ChargeLine::periodStart).containsExactly(
                at("2023-04-18T09:30:00Z"), at("2023-04-18T10:30:00Z"), at("2023-04-18T11:30:00Z"));
        assertThat(usageLines(bill)).extracting(ChargeLine::duration).containsExactly(1800L, 3600L, 1800L);
    }

    // ------------------------------------------------------------------ periods

    @Test
    void an_auto_renewal_is_charged_by_the_run_whose_period_contains_the_expiry() {
        OrderSpec buy = subscription("pool-1", "2023-03-20T09:00:00+08:00", 1, MONTH).autoRenew();
        UsageSpec april = usage("u-1", "pool-1", "2023-04-25T10:00:00+08:00", "2023-04-25T11:00:00+08:00");

        ResourceBill marchRun = bill(PRICES, ProcessedPeriod.month(YearMonth.of(2023, 3), SHANGHAI), List.of(buy));
        assertThat(otherLines(marchRun)).extracting(ChargeLine::chargeType).containsExactly(ChargeType.SUBSCRIPTION);

        ResourceBill aprilRun = bill(PRICES, APRIL, List.of(buy), april);
        assertThat(otherLines(aprilRun)).singleElement().satisfies(l -> {
            assertThat(l.chargeType()).isEqualTo(ChargeType.AUTO_RENEWAL);
            assertThat(l.chargeStart()).isEqualTo(at("2023-04-20T09:00:00+08:00"));
            assertThat(l.chargeEnd()).isEqualTo(at("2023-05-20T09:00:00+08:00"));
            assertThat(l.orderId()).isEqualTo(buy.id());
            assertThat(l.amount()).isEqualByComparingTo("1000.00");
        });
        // the renewed term covers the April usage
        assertThat(aprilRun.nodeSeconds().covered()).isEqualTo(3600);
        assertThat(usageLines(aprilRun)).isEmpty();
    }

    @Test
    void a_term_that_auto_renewed_in_an_earlier_period_still_covers_usage() {
        OrderSpec buy = subscription("pool-1", "2023-03-20T09:00:00+08:00", 1, MONTH).autoRenew();
        ProcessedPeriod day = ProcessedPeriod.day(LocalDate.of(2023, 4, 25), SHANGHAI);
        ResourceBill bill = bill(PRICES, day, List.of(buy),
                usage("u-1", "pool-1", "2023-04-25T10:00:00+08:00", "2023-04-25T11:00:00+08:00"));
        assertThat(bill.lines()).isEmpty();   // the renewal of 04-20 was charged by that day's run
        assertThat(bill.nodeSeconds().covered()).isEqualTo(3600);
        assertThat(bill.findings()).isEmpty();
    }

    @Test
    void order_findings_are_reported_by_the_run_whose_period_contains_the_order() {
        List<OrderSpec> orders = List.of(payg("pool-1", "2023-03-10T00:00:00+08:00"),
                payg("pool-1", "2023-03-11T00:00:00+08:00"));   // NEW on an active resource
        ResourceBill march = bill(PRICES, ProcessedPeriod.month(YearMonth.of(2023, 3), SHANGHAI), orders,
                usage("u-1", "pool-1", "2023-03-12T00:00:00+08:00", "2023-03-12T01:00:00+08:00"));
        assertThat(codes(march)).containsExactly(FindingCode.MIXED_BILLING_MODES);
        ResourceBill april = bill(PRICES, APRIL, orders,
                usage("u-2", "pool-1", "2023-04-12T00:00:00+08:00", "2023-04-12T01:00:00+08:00"));
        assertThat(april.findings()).isEmpty();
    }

    @Test
    void duplicate_order_rows_are_reported_in_the_period_of_their_effective_instant() {
        OrderSpec buy = payg("pool-1", "2023-04-10T00:00:00+08:00").id("o-dup");
        OrderSpec again = payg("pool-1", "2023-04-11T00:00:00+08:00").id("o-dup");
        OrderSpec old = payg("pool-1", "2023-03-11T00:00:00+08:00").id("o-dup");
        ResourceBill bill = new ResourceRater(PRICES, APRIL).bill(new ResourceWork("pool-1", List.of(buy.order()),
                List.of(again.order(), old.order()),
                List.of(usage("u-1", "pool-1", "2023-04-12T00:00:00+08:00", "2023-04-12T01:00:00+08:00").record())));
        assertThat(bill.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.DUPLICATE_ORDER);
            assertThat(f.orderId()).isEqualTo("o-dup");
            assertThat(f.source()).isEqualTo(again.order().source());
        });
    }

    @Test
    void line_ids_are_stable_across_re_runs() {
        List<OrderSpec> orders = List.of(payg("pool-1", "2023-04-18T10:00:00+08:00"));
        UsageSpec u = usage("u-1", "pool-1", "2023-04-18T10:00:00+08:00", "2023-04-18T12:00:00+08:00");
        List<String> first = new ArrayList<>(bill(orders, u).lines().stream().map(ChargeLine::lineId).toList());
        List<String> second = bill(orders, u).lines().stream().map(ChargeLine::lineId).toList();
        assertThat(first).hasSize(2).doesNotHaveDuplicates().isEqualTo(second);
    }
}
