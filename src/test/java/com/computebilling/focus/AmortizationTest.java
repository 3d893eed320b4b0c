package com.computebilling.focus;

import com.computebilling.catalog.Catalog;
import com.computebilling.focus.Amortization.DayShare;
import com.computebilling.rating.Coverage;
import com.computebilling.rating.ResourceBill;
import com.computebilling.rating.ResourceRater;
import com.computebilling.rating.ResourceWork;
import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import com.computebilling.time.ProcessedPeriod;
import com.computebilling.timeline.Fixtures.OrderSpec;
import com.computebilling.timeline.Fixtures.UsageSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.computebilling.catalog.PriceUnit.MINUTE;
import static com.computebilling.catalog.PriceUnit.MONTH;
import static com.computebilling.timeline.Fixtures.LONG_AGO;
import static com.computebilling.timeline.Fixtures.POOL_SKU;
import static com.computebilling.timeline.Fixtures.at;
import static com.computebilling.timeline.Fixtures.paygPrice;
import static com.computebilling.timeline.Fixtures.subscription;
import static com.computebilling.timeline.Fixtures.subscriptionPrice;
import static com.computebilling.timeline.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §6 "Amortization (A rows)": a term's amount spread over its seconds, one share per local day; the Used/Unused
 * split by the covered node-seconds of the day's piece.
 */
class AmortizationTest {

    private static final BillingZone SHANGHAI = BillingZone.of("Asia/Shanghai");
    private static final BillingZone NEW_YORK = BillingZone.of("America/New_York");

    private static List<Interval> days(BillingZone zone, String first, String last) {
        List<Interval> days = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(first); !d.isAfter(LocalDate.parse(last)); d = d.plusDays(1)) {
            days.add(zone.dayInterval(d));
        }
        return days;
    }

    private static Interval term(String start, String end) {
        return new Interval(at(start), at(end));
    }

    private static BigDecimal sum(List<DayShare> shares) {
        return shares.stream().map(DayShare::share).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal effective(List<DayShare> shares) {
        return shares.stream().map(s -> s.usedCost().add(s.unusedCost())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void aThirtyOneDayTermStartingAndEndingMidDayAddsUpToItsAmountExactly() {
        // 10:00 on 10 January to 10:00 on 10 February: 31 days, 32 pieces (14 h, 30 whole days, 10 h); 1000.00 does
        // not divide by 2,678,400 s, so the shares are rounded, and still add up to 1000.00000000.
        Interval january = term("2023-01-10T10:00:00+08:00", "2023-02-10T10:00:00+08:00");
        List<DayShare> shares = Amortization.of(new BigDecimal("1000.00"), 1, january,
                days(SHANGHAI, "2023-01-01", "2023-02-28"), List.of());

        assertThat(shares).hasSize(32);
        assertThat(sum(shares)).isEqualByComparingTo("1000.00");
        assertThat(effective(shares)).isEqualByComparingTo("1000.00");
        // first piece 14 h = 50,400 s of 2,678,400: 1000 × 50400 ÷ 2678400 = 18.81720430107… → 18.81720430
        assertThat(shares.get(0).piece()).isEqualTo(term("2023-01-10T10:00:00+08:00", "2023-01-11T00:00:00+08:00"));
        assertThat(shares.get(0).share()).isEqualByComparingTo("18.81720430");
        // second piece ends 136,800 s in: round8(1000 × 136800 ÷ 2678400) = round8(51.07526881720…) = 51.07526882;
        // its share is 51.07526882 − 18.81720430 = 32.25806452 (a whole day is 32.258064516… unrounded)
        assertThat(shares.get(1).share()).isEqualByComparingTo("32.25806452");
        assertThat(shares.get(31).piece()).isEqualTo(term("2023-02-10T00:00:00+08:00", "2023-02-10T10:00:00+08:00"));
    }

    @Test
    void aTwentyEightDayTermSharesItsAmountByTheDay() {
        // February 2023: 9800 over 28 days is 350 a day, exactly
        List<DayShare> shares = Amortization.of(new BigDecimal("9800"), 1,
                term("2023-02-01T00:00:00+08:00", "2023-03-01T00:00:00+08:00"), days(SHANGHAI, "2023-02-01", "2023-03-31"),
                List.of());

        assertThat(shares).hasSize(28).allSatisfy(s -> assertThat(s.share()).isEqualByComparingTo("350"));
        assertThat(sum(shares)).isEqualByComparingTo("9800");
    }

    @Test
    void aYearTermThroughALeapDayAddsUpToItsAmount() {
        // 1 May 2023 to 1 May 2024 is 366 days (29 February 2024); 117,600 ÷ 366 does not end
        Interval year = term("2023-05-01T00:00:00+08:00", "2024-05-01T00:00:00+08:00");
        List<DayShare> shares = Amortization.of(new BigDecimal("117600.00000000"), 1, year,
                days(SHANGHAI, "2023-05-01", "2024-04-30"), List.of());

        assertThat(shares).hasSize(366);
        assertThat(sum(shares)).isEqualByComparingTo("117600");
        // day 1: round8(117600 × 86400 ÷ 31622400) = round8(321.31147540983…) = 321.31147541
        assertThat(shares.get(0).share()).isEqualByComparingTo("321.31147541");
    }

    @Test
    void aDayOfTwentyThreeHoursGetsTwentyThreeHoursOfTheTerm() {
        // New York, 12 March 2023: clocks jump from 02:00 to 03:00, the day has 82,800 s. A 2-node term of 3100.00
        // over 1 to 31 March (31 days minus the lost hour = 2,674,800 s).
        Interval march = term("2023-03-01T00:00:00-05:00", "2023-04-01T00:00:00-04:00");
        assertThat(march.seconds()).isEqualTo(2_674_800);
        List<DayShare> shares = Amortization.of(new BigDecimal("3100.00"), 2, march,
                days(NEW_YORK, "2023-03-01", "2023-03-31"), List.of());

        DayShare twelfth = shares.get(11);
        assertThat(twelfth.piece().seconds()).isEqualTo(82_800);
        assertThat(twelfth.subscribed()).isEqualTo(2 * 82_800);
        // 11 days end 950,400 s in, 12 days 1,033,200 s: round8(3100 × 1033200 ÷ 2674800) − round8(3100 × 950400 ÷
        // 2674800) = round8(1197.442799461…) − round8(1101.480484522…) = 1197.44279946 − 1101.48048452 = 95.96231494
        assertThat(twelfth.share()).isEqualByComparingTo("95.96231494");
        assertThat(sum(shares)).isEqualByComparingTo("3100.00");
    }

    @Test
    void aDayOfTwentyFiveHoursGetsTwentyFiveHoursOfTheTerm() {
        // New York, 5 November 2023: 01:00 to 02:00 happens twice, the day has 90,000 s
        Interval november = term("2023-11-01T00:00:00-04:00", "2023-12-01T00:00:00-05:00");
        List<DayShare> shares = Amortization.of(new BigDecimal("3000"), 1, november,
                days(NEW_YORK, "2023-11-01", "2023-11-30"), List.of());

        assertThat(shares.get(4).piece().seconds()).isEqualTo(90_000);
        assertThat(shares.get(4).subscribed()).isEqualTo(90_000);
        assertThat(sum(shares)).isEqualByComparingTo("3000");
    }

    @Test
    void onlyTheDaysOfTheProcessedPeriodGetShares() {
        // the samples' pool: 9000.00 from 16:30:30 on 18 April to 18 May, 2,592,000 s; an April run has 13 pieces
        Interval pool = term("2023-04-18T16:30:30+08:00", "2023-05-18T16:30:30+08:00");
        List<DayShare> april = Amortization.of(new BigDecimal("9000.00"), 1, pool,
                days(SHANGHAI, "2023-04-01", "2023-04-30"), List.of());

        assertThat(april).hasSize(13);
        // 18 April: 16:30:30 to midnight is 26,970 s: 9000 × 26970 ÷ 2592000 = 93.6458333… → 93.64583333
        assertThat(april.get(0).share()).isEqualByComparingTo("93.64583333");
        // 19 April ends 113,370 s in: round8(393.64583333…) − 93.64583333 = 300.00000000
        assertThat(april.get(1).share()).isEqualByComparingTo("300.00000000");
    }

    @Test
    void aPartlyCoveredDaySplitsItsShareIntoUsedAndUnused() {
        // the samples' pool on 18 April: the usage record runs to 17:00, so 1,770 s of the 26,970 are covered.
        // Used: round8(93.64583333 × 1770 ÷ 26970) = round8(6.145833333…) = 6.14583333; Unused: 87.50000000
        Interval pool = term("2023-04-18T16:30:30+08:00", "2023-05-18T16:30:30+08:00");
        Coverage ran = new Coverage(term("2023-04-18T16:30:30+08:00", "2023-04-18T17:00:00+08:00"), 1);
        DayShare day = Amortization.of(new BigDecimal("9000.00"), 1, pool, days(SHANGHAI, "2023-04-18", "2023-04-18"),
                List.of(ran)).get(0);

        assertThat(day.subscribed()).isEqualTo(26_970);
        assertThat(day.used()).isEqualTo(1_770);
        assertThat(day.unused()).isEqualTo(25_200);
        assertThat(day.usedCost()).isEqualByComparingTo("6.14583333");
        assertThat(day.unusedCost()).isEqualByComparingTo("87.50000000");
    }

    @Test
    void overlappingRecordsCountAtMostTheSubscribedNodeSeconds() {
        // two 1-node records over the same whole day of a 1-node term: 172,800 covered node-seconds, capped at 86,400
        Interval term = term("2023-02-01T00:00:00+08:00", "2023-03-01T00:00:00+08:00");
        Interval day = term("2023-02-02T00:00:00+08:00", "2023-02-03T00:00:00+08:00");
        DayShare share = Amortization.of(new BigDecimal("9800"), 1, term, days(SHANGHAI, "2023-02-02", "2023-02-02"),
                List.of(new Coverage(day, 1), new Coverage(day, 1))).get(0);

        assertThat(share.used()).isEqualTo(86_400);
        assertThat(share.unused()).isZero();
        assertThat(share.usedCost()).isEqualByComparingTo("350");
        assertThat(share.unusedCost()).isEqualByComparingTo("0");
    }

    @Test
    void nodesAboveTheSubscriptionAreNotCoveredAndDoNotCount() {
        // a 2-node term of 1000.00 for April (2,592,000 s); usage of 3 nodes for one hour on 2 April: the rater covers
        // 2 nodes (the third is QUANTITY_EXCEEDS_ORDER), so the day's used node-seconds are 2 × 3600 = 7,200 of 172,800
        OrderSpec sub = subscription("pool-2", "2023-04-01T00:00:00+08:00", 1, MONTH).nodes(2);
        UsageSpec ran = usage("u-1", "pool-2", "2023-04-02T10:00:00+08:00", "2023-04-02T11:00:00+08:00").nodes(3);
        Catalog prices = new Catalog(List.of(paygPrice(POOL_SKU, "0.73", MINUTE, LONG_AGO, null),
                subscriptionPrice(POOL_SKU, "1000.00", MONTH, LONG_AGO, null)));
        ProcessedPeriod april = ProcessedPeriod.month(YearMonth.of(2023, 4), SHANGHAI);
        ResourceBill bill = new ResourceRater(prices, april).bill(new ResourceWork("pool-2", List.of(sub.order()),
                List.of(), Arrays.asList(ran.record())));

        assertThat(bill.terms()).hasSize(1);
        // the term: 2 nodes × 1000.00 = 2000.00 over 30 days, 66.66666667 a day (rounded boundaries: day 2 ends
        // 172,800 s in, round8(2000 × 172800 ÷ 2592000) = 133.33333333, minus day 1's 66.66666667 = 66.66666666)
        List<DayShare> shares = Amortization.of(bill.terms().get(0).amount(), 2, bill.terms().get(0).term(),
                days(SHANGHAI, "2023-04-01", "2023-04-30"), bill.coverage());
        DayShare second = shares.get(1);
        assertThat(second.subscribed()).isEqualTo(172_800);
        assertThat(second.used()).isEqualTo(7_200);
        assertThat(second.share()).isEqualByComparingTo("66.66666666");
        // Used: round8(66.66666666 × 7200 ÷ 172800) = round8(2.7777777775) = 2.77777778
        assertThat(second.usedCost()).isEqualByComparingTo("2.77777778");
        assertThat(sum(shares)).isEqualByComparingTo("2000.00");
    }
}
