package com.computebilling.job;

import com.computebilling.findings.SourceRef;
import com.computebilling.time.Interval;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bucket read in windows gives the records of a bucket read at once, in the same order, from the same restart
 * position: windows change what is held, never what comes out.
 */
class BucketUsageTest {

    private static final Comparator<String> H2 = Database.H2.textOrder();

    /** 40 resources of one bucket, 5 rows each at interleaving hours, staged in 10 chunks of 20 rows. */
    private final List<UsageRecord> staged = new ArrayList<>();
    private final List<UsagePacks.StoredPack> packs = new ArrayList<>();

    BucketUsageTest() {
        List<UsageRecord> chunk = new ArrayList<>();
        long line = 2;
        for (int hour = 0; hour < 5; hour++) {
            for (int r = 0; r < 40; r++) {
                chunk.add(usage(String.format("pool-%02d", (r * 17) % 40), hour, line++));
                if (chunk.size() == 20) {
                    UsagePacks.pack(chunk, H2).forEach(p -> packs.add(new UsagePacks.StoredPack(p.source(), p.bytes())));
                    staged.addAll(chunk);
                    chunk.clear();
                }
            }
        }
        staged.sort(UsagePacks.readOrder(H2));
    }

    @Test
    void a_bucket_that_fits_the_window_is_read_once_in_rating_order() throws Exception {
        BucketUsage usage = bucket("", Long.MAX_VALUE);

        assertThat(drain(usage)).containsExactlyElementsOf(staged);
        assertThat(usage.windowsRead()).isEqualTo(1);
    }

    @Test
    void a_bucket_larger_than_the_window_is_read_in_windows_with_the_same_records_in_the_same_order() throws Exception {
        // a record packs into about 100 bytes: 200 records are some 20 KB, so 2 KB windows hold 4 resources or so
        long total = packs.stream().mapToLong(p -> p.bytes().length).sum();
        BucketUsage usage = bucket("", 2_000);

        assertThat(drain(usage)).containsExactlyElementsOf(staged);
        assertThat(usage.windowsRead()).isGreaterThanOrEqualTo((int) (total / 2_000));
    }

    @Test
    void a_restart_reads_only_the_resources_after_the_committed_one_windowed_or_not() throws Exception {
        String committed = "pool-17";
        List<UsageRecord> rest = staged.stream().filter(u -> H2.compare(u.resourceId(), committed) > 0).toList();

        assertThat(drain(bucket(committed, Long.MAX_VALUE))).containsExactlyElementsOf(rest);
        assertThat(drain(bucket(committed, 2_000))).containsExactlyElementsOf(rest);
        assertThat(drain(bucket("pool-39", 2_000))).isEmpty();
    }

    @Test
    void one_resource_larger_than_the_window_is_still_read_whole() throws Exception {
        BucketUsage usage = bucket("", 1);

        assertThat(drain(usage)).containsExactlyElementsOf(staged);
        // each window holds one resource: 40 windows after the first read
        assertThat(usage.windowsRead()).isEqualTo(40);
    }

    @Test
    void a_slice_is_a_pack_of_its_own_holding_only_the_resources_of_its_range() {
        for (UsagePacks.StoredPack pack : packs) {
            List<UsageRecord> inRange = UsagePacks.unpack(pack.source(), pack.bytes()).stream()
                    .filter(u -> H2.compare(u.resourceId(), "pool-05") > 0 && H2.compare(u.resourceId(), "pool-20") <= 0)
                    .toList();

            byte[] slice = UsagePacks.slice(pack.source(), pack.bytes(), "pool-05", "pool-20", H2);

            if (inRange.isEmpty()) {
                assertThat(slice).isNull();
            } else {
                assertThat(UsagePacks.unpack(pack.source(), slice)).containsExactlyElementsOf(inRange);
            }
        }
    }

    private BucketUsage bucket(String after, long windowBytes) throws Exception {
        return new BucketUsage(consumer -> packs.forEach(p -> consumer.accept(p.source(), p.bytes())), after, H2,
                windowBytes);
    }

    private static List<UsageRecord> drain(BucketUsage usage) throws Exception {
        List<UsageRecord> out = new ArrayList<>();
        while (usage.headResource() != null) {
            out.add(usage.take());
        }
        return out;
    }

    private static UsageRecord usage(String resource, int hour, long line) {
        Instant start = Instant.parse("2023-04-16T00:00:00Z").plusSeconds(3600L * hour);
        return new UsageRecord("rec-" + line, "acct-1", resource, ResourceClass.LINGJUN, "cn-wulanchabu",
                "ml.gu7xf.c96m1600.8-gu108", 8, new Interval(start, start.plusSeconds(3600)),
                new SourceRef("usage.csv", line));
    }
}
