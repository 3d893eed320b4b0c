package com.computebilling.job;

import com.computebilling.findings.SourceRef;
import com.computebilling.time.Interval;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsagePacksTest {

    private static UsageRecord usage(String resource, String start, String file, long line) {
        return new UsageRecord("rec-" + file + "-" + line, "acct-1", resource, ResourceClass.LINGJUN, "cn-wulanchabu",
                "ml.gu7xf.c96m1600.8-gu108", 8,
                new Interval(java.time.Instant.parse(start), java.time.Instant.parse(start).plusSeconds(3600)),
                new SourceRef(file, line));
    }

    private static final java.util.Comparator<String> H2 = Database.H2.textOrder();
    private static final java.util.Comparator<String> POSTGRES = Database.POSTGRESQL.textOrder();

    /** Two resources that share a bucket: their packs must interleave in the merge. */
    private static final String A = "pool-Aa";
    private static final String B = "pool-BB";   // "Aa" and "BB" have the same String.hashCode

    @Test
    void every_field_comes_back_as_it_was_packed_text_in_any_script_included() {
        UsageRecord odd = new UsageRecord("记录-🚀-1", "账户-é", "节点-ü-𝄞", ResourceClass.PUBLIC_POOL, "ap-南",
                "sku,\"quoted\"", 2_000_000, new Interval(java.time.Instant.parse("1970-01-01T00:00:00Z"),
                java.time.Instant.parse("9999-12-31T23:59:59Z")), new SourceRef("usage_é.csv", 9_000_000_000L));

        List<StagedPack> packs = UsagePacks.pack(List.of(odd), H2);

        assertThat(packs).singleElement().satisfies(p -> {
            assertThat(p.bucket()).isEqualTo(RatingBuckets.of(odd.resourceId()));
            assertThat(p.source()).isEqualTo("usage_é.csv");
            assertThat(p.firstLine()).isEqualTo(9_000_000_000L);
            assertThat(p.rows()).isEqualTo(1);
            assertThat(UsagePacks.unpack(p.source(), p.bytes())).containsExactly(odd);
        });
    }

    @Test
    void a_chunk_is_packed_per_bucket_and_file_each_pack_sorted_and_keyed_by_its_smallest_line() {
        assertThat(RatingBuckets.of(A)).isEqualTo(RatingBuckets.of(B));
        List<UsageRecord> chunk = List.of(
                usage(B, "2023-04-16T02:00:00Z", "usage.csv", 10),
                usage(A, "2023-04-16T05:00:00Z", "usage.csv", 11),
                usage(A, "2023-04-16T01:00:00Z", "usage.csv", 12),
                usage("gpu-other", "2023-04-16T01:00:00Z", "usage.csv", 13),
                usage(A, "2023-04-16T01:00:00Z", "usage_2.csv", 3));

        List<StagedPack> packs = UsagePacks.pack(chunk, H2);

        // bucket of A and B from usage.csv (lines 10-12), the other resource's bucket (13), A from usage_2.csv (3)
        assertThat(packs).extracting(StagedPack::source, StagedPack::firstLine, StagedPack::rows)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("usage.csv", 10L, 3),
                        org.assertj.core.groups.Tuple.tuple("usage.csv", 13L, 1),
                        org.assertj.core.groups.Tuple.tuple("usage_2.csv", 3L, 1));
        StagedPack shared = packs.stream().filter(p -> p.firstLine() == 10).findFirst().orElseThrow();
        // by resource, then start: A 01:00 (line 12), A 05:00 (line 11), B 02:00 (line 10)
        assertThat(UsagePacks.unpack(shared.source(), shared.bytes()))
                .extracting(u -> u.source().line()).containsExactly(12L, 11L, 10L);
    }

    @Test
    void a_bucket_merged_from_its_packs_comes_in_read_order_after_the_committed_resource() {
        List<UsageRecord> all = new ArrayList<>();
        List<UsagePacks.StoredPack> stored = new ArrayList<>();
        // three chunks of one file, each with rows of A and B at interleaving hours, and a second file
        for (int chunk = 0; chunk < 3; chunk++) {
            List<UsageRecord> rows = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long line = 2 + chunk * 4L + i;
                String hour = String.format("2023-04-16T%02d:00:00Z", (chunk + 3 * i) % 24);
                rows.add(usage(i % 2 == 0 ? A : B, hour, "usage.csv", line));
            }
            rows.add(usage(A, "2023-04-16T07:00:00Z", "usage_0.csv", 100 + chunk));
            all.addAll(rows);
            UsagePacks.pack(rows, H2).forEach(p -> stored.add(new UsagePacks.StoredPack(p.source(), p.bytes())));
        }
        List<UsageRecord> expected = new ArrayList<>(all);
        expected.sort(Comparator.comparing(UsageRecord::resourceId).thenComparing(u -> u.interval().start())
                .thenComparing(u -> u.source().file()).thenComparingLong(u -> u.source().line()));

        assertThat(drain(new UsagePacks.Merge(stored, "", H2))).containsExactlyElementsOf(expected);
        // a restart after A was committed reads B's rows only
        assertThat(drain(new UsagePacks.Merge(stored, A, H2)))
                .containsExactlyElementsOf(expected.stream().filter(u -> u.resourceId().equals(B)).toList());
        assertThat(drain(new UsagePacks.Merge(stored, B, H2))).isEmpty();
    }

    @Test
    void one_resource_filling_a_whole_chunk_is_cut_into_packs_that_together_hold_every_row() {
        // about 100 bytes a record: 6,000 records pass MAX_BYTES (256 KiB) twice
        List<UsageRecord> rows = IntStream.range(0, 6000)
                .mapToObj(i -> usage(A, java.time.Instant.parse("2023-04-16T00:00:00Z").plusSeconds(i).toString(),
                        "usage.csv", 2 + i))
                .toList();

        List<StagedPack> packs = UsagePacks.pack(rows, H2);

        assertThat(packs).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(p -> assertThat(p.bytes().length).isLessThan(UsagePacks.MAX_BYTES + 1000));
        assertThat(packs.stream().mapToInt(StagedPack::rows).sum()).isEqualTo(6000);
        assertThat(packs).extracting(StagedPack::firstLine).doesNotHaveDuplicates();
        List<UsagePacks.StoredPack> stored = packs.stream()
                .map(p -> new UsagePacks.StoredPack(p.source(), p.bytes())).toList();
        assertThat(drain(new UsagePacks.Merge(stored, "", H2))).containsExactlyElementsOf(rows);
    }

    @Test
    void a_pack_of_another_layout_is_refused_not_misread() {
        byte[] bytes = UsagePacks.pack(List.of(usage(A, "2023-04-16T00:00:00Z", "usage.csv", 2)), H2).get(0).bytes();
        bytes[0] = 2;

        assertThatThrownBy(() -> UsagePacks.unpack("usage.csv", bytes))
                .hasMessageContaining("layout 2, this version reads 1");
    }

    private static List<UsageRecord> drain(UsagePacks.Merge merge) {
        List<UsageRecord> out = new ArrayList<>();
        while (merge.headResource() != null) {
            out.add(merge.take());
        }
        return out;
    }

    @Test
    void resources_meet_in_the_databases_text_order_which_on_postgresql_is_code_point_order() {
        // U+FF21 (a full-width A) is one UTF-16 unit above the two of U+1F600 (an emoji, D83D DE00): String.compareTo
        // puts the emoji first, PostgreSQL's "C" collation (code points, 0xFF21 < 0x1F600) puts it last.
        String fullWidth = "r0\uFF21";
        String emoji = "r0\uD83D\uDE00";
        assertThat(fullWidth.compareTo(emoji)).isPositive();
        assertThat(POSTGRES.compare(fullWidth, emoji)).isNegative();
        assertThat(POSTGRES.compare("r0", emoji)).isNegative();
        assertThat(POSTGRES.compare("abc", "abc")).isZero();

        List<UsageRecord> rows = List.of(usage(emoji, "2023-04-16T00:00:00Z", "usage.csv", 2),
                usage(fullWidth, "2023-04-16T00:00:00Z", "usage.csv", 3));
        List<UsagePacks.StoredPack> stored = rows.stream()
                .flatMap(u -> UsagePacks.pack(List.of(u), POSTGRES).stream())
                .map(p -> new UsagePacks.StoredPack(p.source(), p.bytes())).toList();

        assertThat(drain(new UsagePacks.Merge(stored, "", POSTGRES))).extracting(UsageRecord::resourceId)
                .containsExactly(fullWidth, emoji);
        // a restart after the full-width one was committed still rates the emoji's usage
        assertThat(drain(new UsagePacks.Merge(stored, fullWidth, POSTGRES))).extracting(UsageRecord::resourceId)
                .containsExactly(emoji);
        assertThat(drain(new UsagePacks.Merge(stored, "", H2))).extracting(UsageRecord::resourceId)
                .containsExactly(emoji, fullWidth);
    }
}
