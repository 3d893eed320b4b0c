package com.computebilling.job;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chunk step's thread interrupted after its third chunk of ten: 30 of 100 rows are written, and the step must say
 * it stopped (a resume goes on from row 31), not that it completed (a resume would skip rows 31-100 for good).
 */
class InterruptionStopsTheStepTest {

    private final JobRepository repository = new ResourcelessJobRepository();
    private final List<Integer> written = new ArrayList<>();

    @AfterEach
    void clearTheInterrupt() {
        Thread.interrupted();
    }

    @Test
    void an_interrupted_chunk_step_stops_at_the_chunk_boundary_instead_of_completing() throws Exception {
        StepExecution step = run(stepInterruptedAfter30Rows().interruptionPolicy(new InterruptionStopsTheStep()));

        assertThat(written).hasSize(30);
        assertThat(step.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(step.getWriteCount()).isEqualTo(30);
    }

    /** Why the policy exists: Spring Batch's own ends the loop on the interrupt and calls the step complete. */
    @Test
    void without_it_the_framework_calls_the_step_complete_with_70_rows_never_read() throws Exception {
        StepExecution step = run(stepInterruptedAfter30Rows());

        assertThat(written).hasSize(30);
        assertThat(step.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private ChunkOrientedStepBuilder<Integer, Integer> stepInterruptedAfter30Rows() {
        List<Integer> rows = IntStream.rangeClosed(1, 100).boxed().toList();
        return new StepBuilder("load", repository).<Integer, Integer>chunk(10)
                .transactionManager(new ResourcelessTransactionManager())
                .reader(new ListItemReader<>(rows))
                .writer(chunk -> {
                    written.addAll(chunk.getItems());
                    if (written.size() == 30) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    private StepExecution run(ChunkOrientedStepBuilder<Integer, Integer> builder) throws Exception {
        JobParameters parameters = new JobParameters();
        JobExecution job = repository.createJobExecution(repository.createJobInstance("billing", parameters),
                parameters, new ExecutionContext());
        StepExecution step = repository.createStepExecution("load", job);
        builder.build().execute(step);
        return step;
    }
}
