package com.computebilling.faults;

import com.computebilling.BillingApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** SPEC §5 "Restart" under a connection lost at a chunk's context update or commit, on the embedded database. */
@SpringBatchTest
@SpringBootTest(classes = BillingApplication.class, properties = {
        "spring.datasource.url=jdbc:h2:mem:connection-loss;DB_CLOSE_DELAY=-1", "billing.progress.seconds=0",
        "billing.chunk.rows=3", "billing.chunk.resources=3", "billing.rate.partitions=1"})
@Import(CutConnections.class)
class ConnectionLossOnH2Test extends ConnectionLossScenarios {

    @ParameterizedTest(name = "{0} at {1} of chunk {2}")
    @MethodSource("moments")
    void a_run_that_lost_its_connection_resumes_to_the_same_bytes(String step, CutConnections.Moment moment,
                                                                  int chunk) throws Exception {
        lostThenResumed(step, moment, chunk);
    }

    @ParameterizedTest(name = "with --focus: {0} at {1} of chunk {2}")
    @MethodSource("focusMoments")
    void a_focus_run_that_lost_its_connection_resumes_to_the_same_bytes(String step, CutConnections.Moment moment,
            int chunk) throws Exception {
        lostThenResumed(step, moment, chunk, true);
    }
}
