package com.computebilling.job;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.Step;

/**
 * Where a partitioned step's partitions run when the run has remote workers (SPEC §8): present only with a broker
 * ({@code run --broker}); without one they run on this process's threads.
 */
public interface RemotePartitions {

    /** The step execution context key under which a worker leaves its name on the partitions it runs. */
    String WORKER = "worker";

    /** A handler that hands the partitions of {@code worker} to remote workers and follows them to their end. */
    PartitionHandler handler(Step worker, int gridSize);
}
