package com.computebilling.job;

import com.computebilling.rating.ResourceWork;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Rating's chunk: consecutive resources of a partition, at most {@code maxResources} of them, closed as soon as they
 * hold {@code maxRecords} usage records. A chunk of a fixed number of resources held every one of them, records,
 * lines and rendered rows, until it committed: 100 resources of 5,000 records each (100 million rows over 20,000
 * nodes) took some 150 MB a worker and ran two workers out of a 512 MB heap. Spring Batch 6's chunk-oriented step
 * takes a fixed item count, so the step's item is the group and its chunk one group.
 * <p>
 * Restart is unchanged: the group's reader is the resource reader, whose position (the last resource read) is saved
 * when the group commits; a group ends on a resource boundary. The step's read and write counts stay in resources.
 */
class ResourceGroups implements ItemStreamReader<List<ResourceWork>> {

    private final ItemStreamReader<ResourceWork> resources;
    private final int maxResources;
    private final long maxRecords;

    ResourceGroups(ItemStreamReader<ResourceWork> resources, int maxResources, long maxRecords) {
        this.resources = resources;
        this.maxResources = maxResources;
        this.maxRecords = maxRecords;
    }

    @Override
    public List<ResourceWork> read() throws Exception {
        List<ResourceWork> group = new ArrayList<>();
        long records = 0;
        while (group.size() < maxResources && records < maxRecords) {
            ResourceWork work = resources.read();
            if (work == null) {
                break;
            }
            group.add(work);
            records += work.usage().size();
        }
        if (group.isEmpty()) {
            return null;
        }
        countMore(group.size() - 1, 0);   // the step counts the group as one read
        return group;
    }

    /** Each resource of a group through {@code processor}. */
    static <O> ItemProcessor<List<ResourceWork>, List<O>> each(ItemProcessor<ResourceWork, O> processor) {
        return group -> {
            List<O> out = new ArrayList<>(group.size());
            for (ResourceWork work : group) {
                O processed = processor.process(work);
                if (processed != null) {
                    out.add(processed);
                }
            }
            return out;
        };
    }

    /** The chunk's groups, flattened, in one call of {@code writer}. */
    static <O> ItemWriter<List<O>> all(ItemWriter<O> writer) {
        return groups -> {
            List<O> items = new ArrayList<>();
            groups.getItems().forEach(items::addAll);
            writer.write(new Chunk<>(items));
            countMore(0, items.size() - groups.size());   // the step counts each group as one written
        };
    }

    /** Adds to the running step's counts; a rolled-back chunk's write count is restored by the step with the rest. */
    private static void countMore(long read, long written) {
        StepContext context = StepSynchronizationManager.getContext();
        if (context == null) {
            return;   // not inside a step: no counts to keep
        }
        StepExecution step = context.getStepExecution();
        step.setReadCount(step.getReadCount() + read);
        step.setWriteCount(step.getWriteCount() + written);
    }

    @Override
    public void open(ExecutionContext context) {
        resources.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        resources.update(context);
    }

    @Override
    public void close() {
        resources.close();
    }
}
