package com.computebilling.job;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import java.io.IOException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs of different periods launched at the same moment on PostgreSQL: under Spring Batch's default SERIALIZABLE
 * creation one of them was cancelled ("could not serialize access due to read/write dependencies among
 * transactions", seen in TwoPeriodsAtOnceTest, which cannot make the two creations meet every time). The run's
 * advisory lock already keeps a period and zone to one launch, so creation runs at READ COMMITTED.
 */
class LaunchIsolationTest {

    @Test
    void job_instances_are_created_at_read_committed_because_the_run_lock_keeps_one_launch_per_period() throws IOException {
        Properties settings = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
        assertThat(settings.getProperty("spring.batch.jdbc.isolation-level-for-create")).isEqualTo("read-committed");
    }
}
