package com.computebilling.job;

import com.computebilling.output.ChargeRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChargeTextsInKeyOrderTest {

    @TempDir
    Path dir;

    private static ChargeRows.Part text(String account, String resource, int part, String rows) {
        return new ChargeRows.Part(account, resource, part, rows.isEmpty() ? 0 : 1, rows, "");
    }

    private static byte[] piece(ChargeRows.Part... texts) {
        return ChargeTextGroups.pack(List.of(texts), ChargeTextGroups.PIECE_BYTES).get(0);
    }

    private ChargeTextsInKeyOrder sorter(Comparator<String> textOrder, String name, int keysRun) throws IOException {
        return new ChargeTextsInKeyOrder(textOrder, dir.resolve(name + ".texts"), dir.resolve(name + ".keys"), keysRun);
    }

    private static List<String> read(ChargeTextsInKeyOrder texts, Iterator<ResultStore.KeyedText> stored)
            throws IOException {
        List<String> read = new ArrayList<>();
        texts.inOrder(stored, t -> read.add(t.accountId() + "|" + t.resourceId() + "|" + t.part() + "|"
                + new String(t.utf8(), StandardCharsets.UTF_8)));
        return read;
    }

    private static List<String> read(ChargeTextsInKeyOrder texts) throws IOException {
        return read(texts, java.util.Collections.emptyIterator());
    }

    @ParameterizedTest(name = "keys sorted {0} at a time")
    @ValueSource(ints = {ChargeTextsInKeyOrder.KEYS_RUN, 2, 1})
    void texts_rated_bucket_by_bucket_come_out_by_account_then_resource_then_part(int keysRun) throws IOException {
        // bucket 3 rated pool-1 (two accounts) and pool-7; bucket 0 rated pool-2 (two parts, FOCUS key only in acct-b);
        // charges.csv's order is account, resource, part whatever the bucket. Runs of 2 or 1 keys spill and merge.
        try (ChargeTextsInKeyOrder texts = sorter(Comparator.naturalOrder(), "charges", keysRun)) {
            texts.add(piece(text("acct-b", "pool-1", 0, "L1\n"), text("acct-a", "pool-1", 0, "L2\n"),
                    text("acct-a", "pool-7", 0, "L3\n")));
            texts.add(piece(text("acct-a", "pool-2", 0, "L4\n"), text("acct-a", "pool-2", 1, "L5\n"),
                    text("acct-b", "pool-2", 0, "")));

            assertThat(read(texts)).containsExactly(
                    "acct-a|pool-1|0|L2\n", "acct-a|pool-2|0|L4\n", "acct-a|pool-2|1|L5\n", "acct-a|pool-7|0|L3\n",
                    "acct-b|pool-1|0|L1\n", "acct-b|pool-2|0|");
        }
        assertThat(dir.resolve("charges.texts")).doesNotExist();
        assertThat(dir.resolve("charges.keys")).doesNotExist();
    }

    @Test
    void text_compares_as_the_database_orders_it() throws IOException {
        // U+FF21 (full-width A, one UTF-16 unit) against U+1F600 (a surrogate pair): by UTF-16 units the pair's
        // 0xD83D comes first, by code point 0x1F600 comes after 0xFF21. PostgreSQL's code-point order is the latter.
        String fullWidth = "\uFF21";
        String emoji = "\uD83D\uDE00";
        byte[] piece = piece(text(emoji, "r", 0, "E\n"), text(fullWidth, "r", 0, "F\n"));
        try (ChargeTextsInKeyOrder h2 = sorter(Database.H2.textOrder(), "h2", 1);
             ChargeTextsInKeyOrder pg = sorter(Database.POSTGRESQL.textOrder(), "pg", 1)) {
            h2.add(piece);
            pg.add(piece);

            assertThat(read(h2)).containsExactly(emoji + "|r|0|E\n", fullWidth + "|r|0|F\n");
            assertThat(read(pg)).containsExactly(fullWidth + "|r|0|F\n", emoji + "|r|0|E\n");
        }
    }

    @Test
    void texts_stored_a_row_each_before_groups_are_merged_in_by_key() throws IOException {
        try (ChargeTextsInKeyOrder grouped = sorter(Comparator.naturalOrder(), "charges",
                ChargeTextsInKeyOrder.KEYS_RUN)) {
            grouped.add(piece(text("b", "r-2", 0, "G2\n"), text("a", "r-9", 0, "G1\n")));
            Iterator<ResultStore.KeyedText> stored = List.of(
                    new ResultStore.KeyedText("a", "r-1", 0, "S1\n".getBytes(StandardCharsets.UTF_8)),
                    new ResultStore.KeyedText("c", "r-0", 0, "S2\n".getBytes(StandardCharsets.UTF_8))).iterator();

            assertThat(read(grouped, stored))
                    .containsExactly("a|r-1|0|S1\n", "a|r-9|0|G1\n", "b|r-2|0|G2\n", "c|r-0|0|S2\n");
        }
    }
}
