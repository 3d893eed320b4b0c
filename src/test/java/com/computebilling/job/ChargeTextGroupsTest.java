package com.computebilling.job;

import com.computebilling.output.ChargeRows;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChargeTextGroupsTest {

    private static final String ROW = "CL32745ab4121eacf1252e,acme-ai-202304-USD,acme-ai,gen-1,GENERAL,cn-hangzhou,"
            + "ecs.g7.xlarge,USAGE,PAY_AS_YOU_GO,o-gen-1,2023-04-02T10:00:00+08:00,2023-04-02T11:00:00+08:00,"
            + "2023-04-02T10:00:00+08:00,2023-04-02T11:00:00+08:00,2,3600,SECOND,1.05,HOUR,2.10000000,USD\n";

    private static ChargeRows.Part text(String account, String resource, int part, String rows) {
        return new ChargeRows.Part(account, resource, part, (int) rows.chars().filter(c -> c == '\n').count(), rows,
                "");
    }

    @Test
    void a_groups_texts_come_back_with_their_keys_in_the_order_they_were_rated() {
        List<ChargeRows.Part> group = List.of(
                text("acct-b", "gen-1", 0, ROW.repeat(3)),
                text("acct-a", "gen-1", 0, ROW),
                text("acct-a", "gen-2", 0, ""),   // FOCUS amortization rows only: a key without lines
                text("账户-α", "池-1", 1, "CL0,inv,账户-α,池-1\n"));

        List<byte[]> pieces = ChargeTextGroups.pack(group, ChargeTextGroups.PIECE_BYTES);

        assertThat(pieces).hasSize(1);
        List<ChargeTextGroups.Entry> entries = ChargeTextGroups.entries(pieces.get(0));
        assertThat(entries).extracting(ChargeTextGroups.Entry::accountId, ChargeTextGroups.Entry::resourceId,
                        ChargeTextGroups.Entry::part, ChargeTextGroups.Entry::lineCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acct-b", "gen-1", 0, 3),
                        org.assertj.core.groups.Tuple.tuple("acct-a", "gen-1", 0, 1),
                        org.assertj.core.groups.Tuple.tuple("acct-a", "gen-2", 0, 0),
                        org.assertj.core.groups.Tuple.tuple("账户-α", "池-1", 1, 1));
        for (int i = 0; i < group.size(); i++) {
            assertThat(new String(ChargeTextGroups.utf8(pieces.get(0), entries.get(i)), StandardCharsets.UTF_8))
                    .isEqualTo(group.get(i).rows());
        }
        // the empty text has no block; the others are packed (ROW × 3 repeats itself: well under its 3 × 243 bytes)
        assertThat(entries.get(2).packedBytes()).isZero();
        assertThat(entries.get(0).packedBytes()).isLessThan(ROW.length() * 3 / 2);
    }

    @Test
    void a_group_larger_than_a_piece_is_cut_between_texts_never_inside_one() {
        // three texts of the same rows pack to the same block of b bytes: a piece of 2b holds two (b + b is not past
        // the bound), one of 2b - 1 holds one
        List<ChargeRows.Part> group = List.of(
                text("a", "r-1", 0, ROW.repeat(40)),
                text("a", "r-2", 0, ROW.repeat(40)),
                text("a", "r-3", 0, ROW.repeat(40)));
        int b = ChargeTextGroups.entries(ChargeTextGroups.pack(group.subList(0, 1), 1).get(0)).get(0).packedBytes();

        assertThat(ChargeTextGroups.pack(group, 2 * b)).extracting(p -> ChargeTextGroups.entries(p).stream()
                .map(ChargeTextGroups.Entry::resourceId).toList())
                .containsExactly(List.of("r-1", "r-2"), List.of("r-3"));
        assertThat(ChargeTextGroups.pack(group, 2 * b - 1)).extracting(p -> ChargeTextGroups.entries(p).stream()
                .map(ChargeTextGroups.Entry::resourceId).toList())
                .containsExactly(List.of("r-1"), List.of("r-2"), List.of("r-3"));
        // a text larger than a piece is a piece of its own, whole
        List<byte[]> one = ChargeTextGroups.pack(group.subList(0, 1), 1);
        assertThat(new String(ChargeTextGroups.utf8(one.get(0), ChargeTextGroups.entries(one.get(0)).get(0)),
                StandardCharsets.UTF_8)).isEqualTo(ROW.repeat(40));
    }

    @Test
    void a_piece_whose_texts_do_not_fill_it_exactly_is_refused() {
        byte[] piece = ChargeTextGroups.pack(List.of(text("a", "r-1", 0, ROW)), ChargeTextGroups.PIECE_BYTES).get(0);
        byte[] longer = java.util.Arrays.copyOf(piece, piece.length + 1);

        assertThatThrownBy(() -> ChargeTextGroups.entries(longer)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ChargeTextGroups.entries(java.util.Arrays.copyOf(piece, 10)))
                .isInstanceOf(RuntimeException.class);
    }
}
