package com.computebilling.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void the_usual_shapes_read_by_hand_give_the_instants_the_iso_parser_gives() {
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        for (ZoneOffset offset : new ZoneOffset[] {ZoneOffset.UTC, ZoneOffset.ofHours(8), ZoneOffset.ofHoursMinutes(5, 30),
                ZoneOffset.ofHoursMinutes(-3, -30), ZoneOffset.ofHours(-12), ZoneOffset.ofHours(14)}) {
            // every 6 hours 17 minutes 11 seconds over 5 years: every month length, leap day, hour and minute
            for (long t = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
                 t < Instant.parse("2025-01-01T00:00:00Z").getEpochSecond(); t += 22_631) {
                String text = OffsetDateTime.ofInstant(Instant.ofEpochSecond(t), offset).format(iso);
                assertThat(Timestamps.quickOffsetDateTime(text)).as(text)
                        .isEqualTo(OffsetDateTime.parse(text, iso).toInstant());
            }
        }
    }

    @Test
    void anything_unusual_is_left_to_the_iso_parser() {
        // each of these is either valid in a form the quick path does not read, or invalid: the parser decides
        for (String text : new String[] {"2023-02-29T00:00:00Z", "2023-04-18T24:00:00Z", "2023-04-18T12:60:00Z",
                "2023-04-18t12:00:00Z", "2023-04-18T12:00:00z", "2023-04-18T12:00:00+18:00", "2023-04-18T12:00Z",
                "2023-04-18T12:00:00.5Z", "0999-04-18T12:00:00Z", "2023-04-18T12:00:00+08", "２０２３-04-18T12:00:00Z"}) {
            assertThat(Timestamps.quickOffsetDateTime(text)).as(text).isNull();
        }
        assertThat(Timestamps.parse("2023-04-18T12:00:00+18:00", SHANGHAI))
                .isEqualTo(Instant.parse("2023-04-17T18:00:00Z"));
        assertThat(Timestamps.parse("2023-04-18T12:00:00-00:00", SHANGHAI)).isEqualTo(Instant.parse("2023-04-18T12:00:00Z"));
        assertThatThrownBy(() -> Timestamps.parse("2023-02-29T00:00:00Z", SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timestamps.parse("2023-04-18T12:00:00.5Z", SHANGHAI))
                .hasMessageContaining("fraction of a second");
    }
}
