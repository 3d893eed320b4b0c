package com.computebilling.job;

import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.util.Map;
import java.util.Set;

/**
 * Splits a partitioned step as Spring Batch's own splitter does, then makes sure that every partition it hands out
 * knows what it is to do.
 * <p>
 * Spring Batch 6 creates a partition's step execution with an empty context in one transaction and saves the
 * partition's definition (its buckets, its file range) in the next; on a restart it gives each partition the context
 * its last execution saved. A process killed between those two commits (on H2, anywhere in the second before them,
 * since the embedded database writes commits to its file within a second) leaves a partition whose saved context is
 * empty, and every resume then started it with no definition and failed the same way: a wedged run. A partition's
 * definition depends only on the inputs (part of the run's identity) and the grid size, which Spring Batch keeps across
 * restarts, so it is computed again for such a partition. One that ever committed a chunk saved its whole context with
 * it, definition included, and is left as it was.
 * <p>
 * Then, before any partition starts, what a dead attempt left beyond each partition's committed position is discarded
 * ({@link Leftovers}): no partition's transactions are open yet to make that wait.
 */
final class PartitionDefinitions implements StepExecutionSplitter {

    /** Where Spring Batch's splitter keeps the grid size of the first attempt in the manager step's context. */
    private static final String GRID_SIZE = SimpleStepExecutionSplitter.class.getSimpleName() + ".GRID_SIZE";

    private final SimpleStepExecutionSplitter splitter;
    private final JobRepository repository;
    private final Partitioner partitioner;
    private final Leftovers.OfPartition leftovers;

    PartitionDefinitions(JobRepository repository, String workerStep, Partitioner partitioner,
                         Leftovers.OfPartition leftovers) {
        this.splitter = new SimpleStepExecutionSplitter(repository, workerStep, partitioner);
        this.repository = repository;
        this.partitioner = partitioner;
        this.leftovers = leftovers;
    }

    @Override
    public String getStepName() {
        return splitter.getStepName();
    }

    @Override
    public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
        Set<StepExecution> partitions = splitter.split(manager, gridSize);
        Map<String, ExecutionContext> definitions = null;
        for (StepExecution partition : partitions) {
            if (!partition.getExecutionContext().isEmpty()) {
                continue;
            }
            if (definitions == null) {
                definitions = partitioner.partition((int) manager.getExecutionContext().getLong(GRID_SIZE, gridSize));
            }
            // the splitter names a partition's execution "<worker step>:<partition>"
            String name = partition.getStepName().substring(getStepName().length() + 1);
            ExecutionContext definition = definitions.get(name);
            if (definition == null) {
                throw new JobExecutionException("partition " + partition.getStepName()
                        + " saved no definition and its inputs no longer give one");
            }
            partition.setExecutionContext(new ExecutionContext(definition));
            repository.updateExecutionContext(partition);
        }
        long runId = manager.getJobExecution().getJobInstance().getInstanceId();
        for (StepExecution partition : partitions) {
            leftovers.discard(runId, partition.getExecutionContext());
        }
        return partitions;
    }
}
