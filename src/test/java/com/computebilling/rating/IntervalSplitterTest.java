package com.computebilling.rating;

import com.computebilling.time.BillingZone;
import com.computebilling.time.Interval;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §3 "Rating usage": each usage interval is cut at hourly period boundaries of the billing zone (and more). */
class IntervalSplitterTest {

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    private static Interval interval(String start, String end) {
        return new Interval(at(start), at(end));
    }

    private static List<Interval> split(String zone, String start, String end, IntervalSplitter.Boundaries... others) {
        return new IntervalSplitter(BillingZone.of(zone)).split(interval(start, end), others);
    }

    private static long totalSeconds(List<Interval> pieces) {
        return pieces.stream().mapToLong(Interval::seconds).sum();
    }

    @Test
    void utc_interval_is_cut_at_every_full_hour() {
        List<Interval> pieces = split("UTC", "2023-04-18T07:29:16Z", "2023-04-18T09:15:00Z");
        assertThat(pieces).containsExactly(
                interval("2023-04-18T07:29:16Z", "2023-04-18T08:00:00Z"),
                interval("2023-04-18T08:00:00Z", "2023-04-18T09:00:00Z"),
                interval("2023-04-18T09:00:00Z", "2023-04-18T09:15:00Z"));
        // 1844 + 3600 + 900 = 6344 s = 1 h 45 min 44 s
        assertThat(totalSeconds(pieces)).isEqualTo(6344);
    }

    @Test
    void interval_inside_one_hour_is_one_piece() {
        assertThat(split("UTC", "2023-04-18T07:10:00Z", "2023-04-18T07:55:00Z"))
                .containsExactly(interval("2023-04-18T07:10:00Z", "2023-04-18T07:55:00Z"));
    }

    @Test
    void shanghai_interval_is_cut_at_local_full_hours() {
        List<Interval> pieces = split("Asia/Shanghai", "2023-04-18T15:29:16+08:00", "2023-04-18T16:30:30+08:00");
        assertThat(pieces).containsExactly(
                interval("2023-04-18T15:29:16+08:00", "2023-04-18T16:00:00+08:00"),
                interval("2023-04-18T16:00:00+08:00", "2023-04-18T16:30:30+08:00"));
    }

    @Test
    void kolkata_interval_is_cut_at_half_past_utc_hours() {
        List<Interval> pieces = split("Asia/Kolkata", "2023-04-18T10:00:00Z", "2023-04-18T12:00:00Z");
        assertThat(pieces).containsExactly(
                interval("2023-04-18T10:00:00Z", "2023-04-18T10:30:00Z"),
                interval("2023-04-18T10:30:00Z", "2023-04-18T11:30:00Z"),
                interval("2023-04-18T11:30:00Z", "2023-04-18T12:00:00Z"));
    }

    @Test
    void new_york_spring_forward_period_runs_from_01_00_EST_to_03_00_EDT() {
        // 00:30 EST (05:30Z) to 04:30 EDT (08:30Z) is 3 real hours
        List<Interval> pieces = split("America/New_York", "2023-03-12T00:30:00-05:00", "2023-03-12T04:30:00-04:00");
        assertThat(pieces).containsExactly(
                interval("2023-03-12T05:30:00Z", "2023-03-12T06:00:00Z"),
                interval("2023-03-12T06:00:00Z", "2023-03-12T07:00:00Z"),   // 01:00 EST – 03:00 EDT
                interval("2023-03-12T07:00:00Z", "2023-03-12T08:00:00Z"),   // 03:00 EDT – 04:00 EDT
                interval("2023-03-12T08:00:00Z", "2023-03-12T08:30:00Z"));
        assertThat(totalSeconds(pieces)).isEqualTo(3 * 3600);
    }

    @Test
    void new_york_autumn_overlap_gives_two_pieces_for_the_two_01_00_hours() {
        // 00:30 EDT (04:30Z) to 02:30 EST (07:30Z) is 3 real hours
        List<Interval> pieces = split("America/New_York", "2023-11-05T00:30:00-04:00", "2023-11-05T02:30:00-05:00");
        assertThat(pieces).containsExactly(
                interval("2023-11-05T04:30:00Z", "2023-11-05T05:00:00Z"),
                interval("2023-11-05T05:00:00Z", "2023-11-05T06:00:00Z"),   // 01:00 EDT – 01:00 EST
                interval("2023-11-05T06:00:00Z", "2023-11-05T07:00:00Z"),   // 01:00 EST – 02:00 EST
                interval("2023-11-05T07:00:00Z", "2023-11-05T07:30:00Z"));
        assertThat(totalSeconds(pieces)).isEqualTo(3 * 3600);
    }

    @Test
    void a_cut_falls_exactly_on_the_local_month_end() {
        BillingZone shanghai = BillingZone.of("Asia/Shanghai");
        List<Interval> pieces = split("Asia/Shanghai", "2023-04-30T23:30:00+08:00", "2023-05-01T00:30:00+08:00");
        assertThat(pieces).containsExactly(
                interval("2023-04-30T23:30:00+08:00", "2023-05-01T00:00:00+08:00"),
                interval("2023-05-01T00:00:00+08:00", "2023-05-01T00:30:00+08:00"));
        assertThat(shanghai.monthOf(pieces.get(0).start())).hasToString("2023-04");
        assertThat(shanghai.monthOf(pieces.get(1).start())).hasToString("2023-05");
    }

    @Test
    void other_boundaries_cut_inside_an_hour() {
        Instant stateChange = at("2023-04-18T08:30:30Z");
        IntervalSplitter.Boundaries change = t -> t.isBefore(stateChange) ? Optional.of(stateChange) : Optional.empty();
        List<Interval> pieces = split("UTC", "2023-04-18T08:00:00Z", "2023-04-18T09:30:00Z", change);
        assertThat(pieces).containsExactly(
                interval("2023-04-18T08:00:00Z", "2023-04-18T08:30:30Z"),
                interval("2023-04-18T08:30:30Z", "2023-04-18T09:00:00Z"),
                interval("2023-04-18T09:00:00Z", "2023-04-18T09:30:00Z"));
    }

    @Test
    void pieces_are_contiguous_lie_in_one_hour_and_add_up_to_the_interval_across_a_dst_change() {
        BillingZone ny = BillingZone.of("America/New_York");
        // 31 days spanning the spring-forward: 2023-03-01 00:17:43 EST to 2023-04-01 00:17:43 EDT
        Interval whole = interval("2023-03-01T00:17:43-05:00", "2023-04-01T00:17:43-04:00");
        List<Interval> pieces = new IntervalSplitter(ny).split(whole);
        // 31 days × 86400 s − 3600 s lost at the gap = 2,674,800 s
        assertThat(whole.seconds()).isEqualTo(31L * 86400 - 3600);
        assertThat(totalSeconds(pieces)).isEqualTo(31L * 86400 - 3600);
        assertThat(pieces.get(0).start()).isEqualTo(whole.start());
        assertThat(pieces.get(pieces.size() - 1).end()).isEqualTo(whole.end());
        for (int i = 1; i < pieces.size(); i++) {
            assertThat(pieces.get(i).start()).isEqualTo(pieces.get(i - 1).end());
        }
        for (Interval p : pieces) {
            assertThat(ny.hourStart(p.end().minusSeconds(1))).isEqualTo(ny.hourStart(p.start()));
        }
        // 31 × 24 − 1 = 743 local hours, the first and the last each cut into part-hours: 743 + 1 pieces
        assertThat(pieces).hasSize(744);
    }

    /**
     * Australia/Lord_Howe moves its clock back by 30 minutes (2023-04-02 02:00 +11:00 becomes
     * 01:30 +10:30, at 15:00Z). The local full hours are 01:00+11:00 (14:00Z) and then 02:00+10:30 (15:30Z).
     */
    @Test
    void half_hour_daylight_saving_change_runs_from_one_local_full_hour_to_the_next() {
        List<Interval> pieces = split("Australia/Lord_Howe", "2023-04-01T14:10:00Z", "2023-04-01T16:10:00Z");
        assertThat(totalSeconds(pieces)).isEqualTo(7200);
        assertThat(pieces).containsExactly(
                interval("2023-04-01T14:10:00Z", "2023-04-01T15:30:00Z"),   // in 01:00+11:00 – 02:00+10:30
                interval("2023-04-01T15:30:00Z", "2023-04-01T16:10:00Z"));  // in 02:00+10:30 – 03:00+10:30
    }
}
