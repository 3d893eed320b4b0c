package com.computebilling.faults;

import com.computebilling.BillingApplication;
import com.computebilling.postgres.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SPEC §5 "Restart" against the real PostgreSQL server: the server terminates the run's session while it updates a
 * step's execution context or commits a chunk, as a restart or failover of the server does.
 */
@SpringBatchTest
@SpringBootTest(classes = BillingApplication.class, properties = {
        "billing.progress.seconds=0", "billing.chunk.rows=3", "billing.chunk.resources=3",
        "billing.rate.partitions=1"})
@Import(CutConnections.class)
class ConnectionLossOnPostgresTest extends ConnectionLossScenarios {

    static PostgresSchema schema;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        schema = PostgresSchema.createOrSkip();
        registry.add("spring.datasource.url", schema::url);
        registry.add("spring.datasource.username", () -> PostgresSchema.USER);
        registry.add("spring.flyway.placeholders.text_order", () -> "COLLATE \"C\"");
    }

    @BeforeEach
    void cutsTerminateTheSessionOnTheServer() {
        CutConnections.postgres(PostgresSchema.SERVER, PostgresSchema.USER);
    }

    @AfterAll
    static void dropSchema() {
        CutConnections.postgres(null, null);
        if (schema != null) {
            schema.drop();
        }
    }

    @ParameterizedTest(name = "{0} at {1} of chunk {2}")
    @MethodSource("moments")
    void a_run_whose_session_the_server_ended_resumes_to_the_same_bytes(String step, CutConnections.Moment moment,
                                                                        int chunk) throws Exception {
        lostThenResumed(step, moment, chunk);
    }

    @ParameterizedTest(name = "with --focus: {0} at {1} of chunk {2}")
    @MethodSource("focusMoments")
    void a_focus_run_whose_session_the_server_ended_resumes_to_the_same_bytes(String step, CutConnections.Moment moment,
            int chunk) throws Exception {
        lostThenResumed(step, moment, chunk, true);
    }
}
