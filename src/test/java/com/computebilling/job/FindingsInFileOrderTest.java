package com.computebilling.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** exceptions.csv lists findings by source file, line, code, record, order, resource and detail, however many. */
class FindingsInFileOrderTest {

    @TempDir
    Path dir;

    private static FindingsInFileOrder.Row finding(String code, String source, long line, String recordId,
                                                   String detail) {
        return new FindingsInFileOrder.Row(code, "ERROR", source, line, "acct-1", "res-1", "", recordId, detail);
    }

    /** The file's order, written out by hand: numbers compare as numbers, then text by text. */
    private static final List<FindingsInFileOrder.Row> IN_FILE_ORDER = List.of(
            finding("DUPLICATE_ORDER", "orders.csv", 2, "", "o-1 again"),
            finding("OUT_OF_STOCK", "orders.csv", 2, "", "out of stock"),
            finding("MALFORMED_ROW", "orders.csv", 10, "", "bad integer"),     // 10 after 2, not before
            finding("MALFORMED_ROW", "usage.csv", 0, "", "unterminated"),      // no line: 0, first of its file
            finding("OVERLAPPING_USAGE", "usage.csv", 3, "r-1", "overlaps"),
            finding("OVERLAPPING_USAGE", "usage.csv", 3, "r-2", "overlaps"),
            finding("USAGE_WITHOUT_ORDER", "usage.csv", 3, "r-1", "a\nquoted, \"detail\""),
            finding("USAGE_WITHOUT_ORDER", "usage_2.csv", 1, "r-9", ""));

    private List<FindingsInFileOrder.Row> sorted(List<FindingsInFileOrder.Row> rows, int runRows,
                                                 java.util.Comparator<String> textOrder) throws IOException {
        List<FindingsInFileOrder.Row> out = new ArrayList<>();
        try (FindingsInFileOrder findings = new FindingsInFileOrder(textOrder, dir.resolve("scratch"), runRows)) {
            for (FindingsInFileOrder.Row r : rows) {
                findings.add(r);
            }
            findings.writeInOrder(out::add);
        }
        return out;
    }

    @Test
    void findings_held_in_memory_come_out_in_the_files_order() throws IOException {
        List<FindingsInFileOrder.Row> shuffled = new ArrayList<>(IN_FILE_ORDER);
        Collections.shuffle(shuffled, new Random(7));

        assertThat(sorted(shuffled, 1_000, Database.H2.textOrder())).containsExactlyElementsOf(IN_FILE_ORDER);
        assertThat(dir.resolve("scratch")).as("nothing spilled").doesNotExist();
    }

    @Test
    void findings_spilled_in_runs_of_three_merge_into_the_same_order_and_leave_no_scratch_file() throws IOException {
        for (int seed = 0; seed < 20; seed++) {
            List<FindingsInFileOrder.Row> shuffled = new ArrayList<>(IN_FILE_ORDER);
            Collections.shuffle(shuffled, new Random(seed));

            assertThat(sorted(shuffled, 3, Database.H2.textOrder())).as("seed %d", seed)
                    .containsExactlyElementsOf(IN_FILE_ORDER);
        }
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void many_findings_in_many_runs_come_out_as_one_sort_of_them_all_would_give() throws IOException {
        Random random = new Random(1);
        List<FindingsInFileOrder.Row> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(finding("C" + random.nextInt(3), "f" + random.nextInt(4) + ".csv", random.nextInt(200),
                    "r" + random.nextInt(10), "d" + random.nextInt(5)));
        }
        List<FindingsInFileOrder.Row> inMemory = sorted(rows, Integer.MAX_VALUE, Database.H2.textOrder());

        assertThat(sorted(rows, 97, Database.H2.textOrder())).containsExactlyElementsOf(inMemory);
        // a run per finding: 5,000 runs merged from one file, each through a read buffer of the smallest size
        assertThat(sorted(rows, 1, Database.H2.textOrder())).containsExactlyElementsOf(inMemory);
        // and in memory the order is the file's: non-decreasing by (source, line)
        for (int i = 1; i < inMemory.size(); i++) {
            FindingsInFileOrder.Row a = inMemory.get(i - 1);
            FindingsInFileOrder.Row b = inMemory.get(i);
            assertThat(a.source().compareTo(b.source()) < 0
                    || a.source().equals(b.source()) && a.line() <= b.line()).isTrue();
        }
    }

    @Test
    void text_compares_as_the_database_sorts_it_and_survives_the_scratch_file_unchanged() throws IOException {
        // U+1F600 (a surrogate pair in UTF-16) against U+FFFD: H2 compares UTF-16 units (0xD83D < 0xFFFD), PostgreSQL's
        // "C" collation code points (0x1F600 > 0xFFFD)
        FindingsInFileOrder.Row emoji = finding("NO_PRICE", "usage.csv", 5, "r-\uD83D\uDE00", "\u0000 and é");
        FindingsInFileOrder.Row replacement = finding("NO_PRICE", "usage.csv", 5, "r-\uFFFD", "");

        assertThat(sorted(List.of(replacement, emoji), 1, Database.H2.textOrder()))
                .containsExactly(emoji, replacement);
        assertThat(sorted(List.of(emoji, replacement), 1, Database.POSTGRESQL.textOrder()))
                .containsExactly(replacement, emoji);
    }
}
