package com.computebilling.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How often progress is printed: whole seconds as operators set them, or a decimal to the millisecond. */
class ProgressIntervalTest {

    @Test
    void whole_seconds_as_operators_set_them() {
        assertThat(ProgressReporter.interval("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(ProgressReporter.interval("0")).as("quiet").isZero();
    }

    @Test
    void a_fraction_is_taken_to_the_millisecond() {
        assertThat(ProgressReporter.interval("0.2")).isEqualTo(Duration.ofMillis(200));
        assertThat(ProgressReporter.interval(" 1.5 ")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ProgressReporter.interval("0.0004")).as("below half a millisecond").isZero();
        assertThat(ProgressReporter.interval("0.0005")).as("half a millisecond rounds up").isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void anything_else_is_refused() {
        assertThatThrownBy(() -> ProgressReporter.interval("ten")).isInstanceOf(NumberFormatException.class);
    }
}
