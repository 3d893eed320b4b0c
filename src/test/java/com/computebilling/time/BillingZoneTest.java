package com.computebilling.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3 "Billing zone": hours and months are those of the billing zone; terms use local calendar arithmetic. */
class BillingZoneTest {

    private static final BillingZone UTC = BillingZone.of("UTC");
    private static final BillingZone SHANGHAI = BillingZone.of("Asia/Shanghai");
    private static final BillingZone KOLKATA = BillingZone.of("Asia/Kolkata");
    private static final BillingZone NEW_YORK = BillingZone.of("America/New_York");

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    @Test
    void utc_hours_start_at_full_utc_hours() {
        assertThat(UTC.hourStart(at("2023-04-18T07:29:16Z"))).isEqualTo(at("2023-04-18T07:00:00Z"));
        assertThat(UTC.nextHour(at("2023-04-18T07:00:00Z"))).isEqualTo(at("2023-04-18T08:00:00Z"));
    }

    @Test
    void shanghai_hours_are_local_full_hours() {
        // 15:29:16+08:00 lies in the local hour 15:00–16:00+08:00 (07:00–08:00Z)
        Instant hour = SHANGHAI.hourStart(at("2023-04-18T15:29:16+08:00"));
        assertThat(hour).isEqualTo(at("2023-04-18T15:00:00+08:00"));
        assertThat(SHANGHAI.format(hour)).isEqualTo("2023-04-18T15:00:00+08:00");
        assertThat(SHANGHAI.nextHour(hour)).isEqualTo(at("2023-04-18T16:00:00+08:00"));
    }

    @Test
    void kolkata_hours_start_at_half_past_utc_hours() {
        // IST is UTC+05:30: 10:45Z is 16:15 IST, whose hour starts at 16:00 IST = 10:30Z
        assertThat(KOLKATA.hourStart(at("2023-04-18T10:45:00Z"))).isEqualTo(at("2023-04-18T10:30:00Z"));
        assertThat(KOLKATA.hourStart(at("2023-04-18T10:15:00Z"))).isEqualTo(at("2023-04-18T09:30:00Z"));
        assertThat(KOLKATA.nextHour(at("2023-04-18T10:30:00Z"))).isEqualTo(at("2023-04-18T11:30:00Z"));
    }

    @Test
    void new_york_spring_forward_the_period_after_01_00_EST_is_03_00_EDT() {
        // 2023-03-12: 02:00 EST does not exist; 01:00 EST (06:00Z) is followed one real hour later by 03:00 EDT (07:00Z)
        Instant oneAm = at("2023-03-12T01:00:00-05:00");
        assertThat(NEW_YORK.hourStart(at("2023-03-12T01:59:59-05:00"))).isEqualTo(oneAm);
        Instant next = NEW_YORK.nextHour(oneAm);
        assertThat(next).isEqualTo(at("2023-03-12T07:00:00Z"));
        assertThat(NEW_YORK.format(next)).isEqualTo("2023-03-12T03:00:00-04:00");
    }

    @Test
    void new_york_autumn_overlap_01_00_EDT_and_01_00_EST_are_two_distinct_periods() {
        // 2023-11-05: 01:00 EDT = 05:00Z, then the clock goes back and 01:00 EST = 06:00Z, then 02:00 EST = 07:00Z
        Instant edt = at("2023-11-05T01:00:00-04:00");
        Instant est = at("2023-11-05T01:00:00-05:00");
        assertThat(NEW_YORK.nextHour(edt)).isEqualTo(est);
        assertThat(NEW_YORK.nextHour(est)).isEqualTo(at("2023-11-05T02:00:00-05:00"));
        assertThat(NEW_YORK.hourStart(at("2023-11-05T01:30:00-04:00"))).isEqualTo(edt);
        assertThat(NEW_YORK.hourStart(at("2023-11-05T01:30:00-05:00"))).isEqualTo(est);
        assertThat(NEW_YORK.format(edt)).isEqualTo("2023-11-05T01:00:00-04:00");
        assertThat(NEW_YORK.format(est)).isEqualTo("2023-11-05T01:00:00-05:00");
    }

    @Test
    void a_billing_month_is_a_local_calendar_month() {
        // April in Shanghai: 2023-04-01T00:00+08:00 (= 03-31T16:00Z) to 2023-05-01T00:00+08:00
        Interval april = SHANGHAI.monthInterval(YearMonth.of(2023, 4));
        assertThat(april).isEqualTo(new Interval(at("2023-03-31T16:00:00Z"), at("2023-04-30T16:00:00Z")));
        // 2023-03-31T17:00Z is already 1 April in Shanghai, still 31 March in UTC
        assertThat(SHANGHAI.monthOf(at("2023-03-31T17:00:00Z"))).isEqualTo(YearMonth.of(2023, 4));
        assertThat(UTC.monthOf(at("2023-03-31T17:00:00Z"))).isEqualTo(YearMonth.of(2023, 3));
    }

    @Test
    void one_month_after_31_january_is_28_february_same_local_time() {
        Instant t = at("2023-01-31T10:00:00+08:00");
        assertThat(SHANGHAI.plusMonths(t, 1)).isEqualTo(at("2023-02-28T10:00:00+08:00"));
    }

    @Test
    void one_month_after_31_january_of_a_leap_year_is_29_february() {
        assertThat(SHANGHAI.plusMonths(at("2024-01-31T10:00:00+08:00"), 1)).isEqualTo(at("2024-02-29T10:00:00+08:00"));
    }

    @Test
    void a_year_is_twelve_months() {
        Instant t = at("2023-01-31T10:00:00+08:00");
        assertThat(SHANGHAI.plusMonths(t, 12)).isEqualTo(at("2024-01-31T10:00:00+08:00"));
        // 2024-02-29 + 12 months = 2025-02-28 (clamped), as 12 single months would also give
        assertThat(SHANGHAI.plusMonths(at("2024-02-29T10:00:00+08:00"), 12)).isEqualTo(at("2025-02-28T10:00:00+08:00"));
    }

    @Test
    void month_arithmetic_is_done_on_the_billing_zone_calendar_not_utc() {
        // 2023-03-01T01:00+08:00 is 2023-02-28T17:00Z. In Shanghai +1 month is 2023-04-01T01:00+08:00;
        // on the UTC calendar it would be 2023-03-28T17:00Z (= 03-29T01:00+08:00).
        Instant t = at("2023-03-01T01:00:00+08:00");
        assertThat(SHANGHAI.plusMonths(t, 1)).isEqualTo(at("2023-04-01T01:00:00+08:00"));
        assertThat(UTC.plusMonths(t, 1)).isEqualTo(at("2023-03-28T17:00:00Z"));
    }

    @Test
    void month_arithmetic_keeps_the_local_wall_time_across_daylight_saving() {
        // 2023-02-15 12:00 EST (17:00Z) + 1 month = 2023-03-15 12:00 EDT (16:00Z): 30 days minus one hour later
        assertThat(NEW_YORK.plusMonths(at("2023-02-15T12:00:00-05:00"), 1)).isEqualTo(at("2023-03-15T12:00:00-04:00"));
    }

    @Test
    void format_prints_second_precision_in_the_zones_offset_at_that_instant() {
        assertThat(NEW_YORK.format(at("2023-07-01T12:00:00Z"))).isEqualTo("2023-07-01T08:00:00-04:00");
        assertThat(NEW_YORK.format(at("2023-01-01T12:00:00Z"))).isEqualTo("2023-01-01T07:00:00-05:00");
        assertThat(UTC.format(at("2023-01-01T12:00:00Z"))).isEqualTo("2023-01-01T12:00:00Z");
    }

    /**
     * Australia/Lord_Howe moves its clock back by 30 minutes on 2023-04-02 (02:00+11:00 becomes
     * 01:30+10:30 at 15:00Z). The local full hour after 01:00+11:00 (14:00Z) is 02:00+10:30 (15:30Z); 01:30+10:30
     * is not a full hour.
     */
    @Test
    void lord_howe_half_hour_fall_back_next_local_full_hour_after_01_00_is_02_00() {
        BillingZone lordHowe = BillingZone.of("Australia/Lord_Howe");
        Instant oneAm = at("2023-04-02T01:00:00+11:00");
        assertThat(lordHowe.hourStart(at("2023-04-02T01:45:00+10:30"))).isEqualTo(oneAm);
        assertThat(lordHowe.nextHour(oneAm)).isEqualTo(at("2023-04-02T02:00:00+10:30"));
    }

    @Test
    void printed_instants_are_what_the_iso_formatter_prints_in_every_kind_of_zone() {
        // Every 7 minutes 13 seconds over two years crosses every hour, DST change and month end of these zones.
        for (String id : new String[] {"UTC", "Asia/Shanghai", "Asia/Kolkata", "America/New_York",
                "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham"}) {
            BillingZone zone = BillingZone.of(id);
            for (long t = at("2023-01-01T00:00:00Z").getEpochSecond(); t < at("2025-01-01T00:00:00Z").getEpochSecond();
                 t += 433) {
                Instant i = Instant.ofEpochSecond(t);
                assertThat(zone.format(i)).as(id + " " + i).isEqualTo(zone.formatWithFormatter(i));
            }
        }
        assertThat(BillingZone.of("UTC").format(at("2023-04-18T07:29:16Z"))).isEqualTo("2023-04-18T07:29:16Z");
        assertThat(BillingZone.of("Asia/Kolkata").format(at("2023-04-18T07:29:16Z")))
                .isEqualTo("2023-04-18T12:59:16+05:30");
        assertThat(BillingZone.of("America/St_Johns").format(at("2023-01-18T07:29:16Z")))
                .isEqualTo("2023-01-18T03:59:16-03:30");
    }

    @Test
    void hour_boundaries_and_months_are_what_the_calendar_gives_in_every_kind_of_zone() {
        // As above: every 7 minutes 13 seconds over two years, and each hour found followed to the next one. The
        // shortcut (offset arithmetic where no change of offset is near) must agree with the calendar everywhere,
        // across spring-forward gaps, autumn overlaps and Lord Howe's half-hour changes.
        for (String id : new String[] {"UTC", "Asia/Shanghai", "Asia/Kolkata", "America/New_York", "Europe/Berlin",
                "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham"}) {
            BillingZone zone = BillingZone.of(id);
            for (long t = at("2023-01-01T00:00:00Z").getEpochSecond(); t < at("2025-01-01T00:00:00Z").getEpochSecond();
                 t += 433) {
                Instant i = Instant.ofEpochSecond(t);
                Instant hour = zone.hourStart(i);
                assertThat(hour).as(id + " " + i).isEqualTo(zone.hourStartByCalendar(i));
                assertThat(zone.nextHour(hour)).as(id + " after " + hour).isEqualTo(zone.nextHourByCalendar(hour));
                assertThat(zone.monthOf(i)).as(id + " month of " + i).isEqualTo(YearMonth.from(LocalDate.ofInstant(i, zone.id())));
            }
        }
    }

    @Test
    void months_are_what_the_calendar_gives_in_any_order_across_midnight_changes_of_offset() {
        // monthOf answers from the span of instants it found last (one month, one offset): zones whose offset changes
        // at local midnight, moving the clock back into the day before (Santiago, Sao Paulo until 2019, Asuncion,
        // Havana, Beirut, Cairo), a day skipped (Apia, 30 December 2011), every 37 minutes 11 seconds over fifteen years, in
        // time order and then shuffled, so that the span asked first is rarely the one that answers.
        for (String id : new String[] {"America/Santiago", "America/Sao_Paulo", "America/Asuncion", "America/Havana",
                "Asia/Beirut", "Africa/Cairo", "Pacific/Apia", "Europe/London", "Asia/Shanghai", "+05:45"}) {
            BillingZone zone = BillingZone.of(id);
            java.util.List<Instant> instants = new java.util.ArrayList<>();
            for (long t = at("2010-01-01T00:00:00Z").getEpochSecond(); t < at("2025-01-01T00:00:00Z").getEpochSecond();
                 t += 2231) {
                instants.add(Instant.ofEpochSecond(t));
            }
            for (Instant i : instants) {
                assertThat(zone.monthOf(i)).as(id + " month of " + i).isEqualTo(YearMonth.from(LocalDate.ofInstant(i, zone.id())));
            }
            java.util.Collections.shuffle(instants, new java.util.Random(id.hashCode()));
            for (Instant i : instants) {
                assertThat(zone.monthOf(i)).as(id + " month of " + i).isEqualTo(YearMonth.from(LocalDate.ofInstant(i, zone.id())));
            }
        }
    }

    @Test
    void instants_next_to_every_change_of_offset_are_printed_dated_and_cut_as_the_calendar_does_in_any_order() {
        // The zone answers offsets from the span of one offset it found last: instants one second either side of each
        // change of offset (and at it), over fifteen years, shuffled so that the span asked first is rarely the one
        // that answers, must get what the zone's rules and the formatter give.
        for (String id : new String[] {"America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Chatham",
                "America/Santiago", "Africa/Cairo", "Pacific/Apia", "Asia/Shanghai", "UTC"}) {
            BillingZone zone = BillingZone.of(id);
            java.util.List<Instant> instants = new java.util.ArrayList<>();
            Instant t = at("2010-01-01T00:00:00Z");
            for (java.time.zone.ZoneOffsetTransition change = zone.id().getRules().nextTransition(t);
                 change != null && change.getInstant().isBefore(at("2025-01-01T00:00:00Z"));
                 change = zone.id().getRules().nextTransition(change.getInstant())) {
                for (long d = -3601; d <= 3601; d += 1200) {
                    instants.add(change.getInstant().plusSeconds(d));
                }
                instants.add(change.getInstant().minusSeconds(1));
                instants.add(change.getInstant());
                instants.add(change.getInstant().plusSeconds(1));
            }
            instants.add(at("2023-04-18T07:29:16Z"));
            java.util.Collections.shuffle(instants, new java.util.Random(id.hashCode()));
            for (Instant i : instants) {
                assertThat(zone.format(i)).as(id + " " + i).isEqualTo(zone.formatWithFormatter(i));
                assertThat(zone.dayOf(i)).as(id + " day of " + i).isEqualTo(LocalDate.ofInstant(i, zone.id()));
                Instant hour = zone.hourStart(i);
                assertThat(hour).as(id + " hour of " + i).isEqualTo(zone.hourStartByCalendar(i));
                assertThat(zone.nextHour(hour)).as(id + " after " + hour).isEqualTo(zone.nextHourByCalendar(hour));
            }
        }
    }

    @Test
    void an_hour_given_back_at_midnight_on_the_first_belongs_to_the_month_before() {
        // Cairo, 2024-11-01 00:00 +03:00 (21:00Z): the clock went back to 23:00 on 31 October. The hour after the
        // change is October's again, though it comes after the first instant of 1 November; asked in any order.
        BillingZone cairo = BillingZone.of("Africa/Cairo");
        assertThat(cairo.monthOf(at("2024-10-31T20:59:59Z"))).isEqualTo(YearMonth.of(2024, 10));
        assertThat(cairo.monthOf(at("2024-10-31T21:00:00Z"))).isEqualTo(YearMonth.of(2024, 10));
        assertThat(cairo.monthOf(at("2024-10-31T21:59:59Z"))).isEqualTo(YearMonth.of(2024, 10));
        assertThat(cairo.monthOf(at("2024-10-31T22:00:00Z"))).isEqualTo(YearMonth.of(2024, 11));
        assertThat(cairo.monthOf(at("2024-10-31T21:30:00Z"))).isEqualTo(YearMonth.of(2024, 10));
        assertThat(cairo.monthOf(at("2024-11-15T12:00:00Z"))).isEqualTo(YearMonth.of(2024, 11));
        assertThat(cairo.monthOf(at("2024-10-31T21:00:00Z"))).isEqualTo(YearMonth.of(2024, 10));
    }

    @Test
    void a_span_asked_at_the_instant_of_a_change_of_offset_begins_there() {
        // London went to +01:00 at 2023-03-26T01:00Z. Asked at that very instant, the span found must not reach back
        // before it: 2023-02-28T23:30Z is 23:30 on 28 February in London (under +00:00), not 00:30 on 1 March.
        BillingZone london = BillingZone.of("Europe/London");
        assertThat(london.monthOf(at("2023-03-26T01:00:00Z"))).isEqualTo(YearMonth.of(2023, 3));
        assertThat(london.monthOf(at("2023-02-28T23:30:00Z"))).isEqualTo(YearMonth.of(2023, 2));
    }
}
