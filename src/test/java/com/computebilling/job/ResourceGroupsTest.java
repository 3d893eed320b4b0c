package com.computebilling.job;

import com.computebilling.findings.SourceRef;
import com.computebilling.rating.ResourceWork;
import com.computebilling.time.Interval;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.support.ListItemReader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rating's chunk closes at a resource count or once its resources hold enough usage, whichever comes first. */
class ResourceGroupsTest {

    @Test
    void a_group_closes_at_the_record_limit_or_the_resource_limit_and_never_splits_a_resource() throws Exception {
        // at most 3 resources and 10 records a group: 5+5 reach 10; 30 alone passes it; 1+1+1 is three resources; 2
        ResourceGroups groups = new ResourceGroups(reader(resource("a", 5), resource("b", 5), resource("c", 30),
                resource("d", 1), resource("e", 1), resource("f", 1), resource("g", 2)), 3, 10);

        List<List<String>> read = new ArrayList<>();
        for (List<ResourceWork> g; (g = groups.read()) != null; ) {
            read.add(g.stream().map(ResourceWork::resourceId).toList());
        }

        assertThat(read).containsExactly(List.of("a", "b"), List.of("c"), List.of("d", "e", "f"), List.of("g"));
    }

    @Test
    void the_writer_gets_the_chunks_resources_in_one_call_in_order() throws Exception {
        List<List<String>> calls = new ArrayList<>();
        var writer = ResourceGroups.<String>all(chunk -> calls.add(List.copyOf(chunk.getItems())));

        writer.write(new org.springframework.batch.infrastructure.item.Chunk<>(List.of(List.of("a", "b"), List.of("c"))));

        assertThat(calls).containsExactly(List.of("a", "b", "c"));
    }

    private static ItemStreamReader<ResourceWork> reader(ResourceWork... works) {
        ListItemReader<ResourceWork> list = new ListItemReader<>(List.of(works));
        return new ItemStreamReader<>() {
            @Override
            public ResourceWork read() {
                return list.read();
            }

            @Override
            public void open(ExecutionContext context) {
            }
        };
    }

    private static ResourceWork resource(String id, int records) {
        Instant start = Instant.parse("2023-04-16T00:00:00Z");
        List<UsageRecord> usage = IntStream.range(0, records).mapToObj(i -> new UsageRecord("r-" + id + i, "acct-1", id,
                ResourceClass.LINGJUN, "cn-wulanchabu", "ml.gu7xf.c96m1600.8-gu108", 8,
                new Interval(start.plusSeconds(60L * i), start.plusSeconds(60L * i + 60)), new SourceRef("usage.csv", 2 + i)))
                .toList();
        return new ResourceWork(id, List.of(), List.of(), usage);
    }
}
