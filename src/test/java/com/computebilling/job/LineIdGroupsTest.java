package com.computebilling.job;

import com.computebilling.output.ChargeRows;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineIdGroupsTest {

    static final String FIRST = "CL000000000000000000a1";
    static final String SECOND = "CL000000000000000000b2";
    static final String THIRD = "CL000000000000000000c3";

    static ChargeRows.Part part(String account, String resource, int part, String... ids) {
        return new ChargeRows.Part(account, resource, part, ids.length, "rows", String.join(" ", ids));
    }

    @Test
    void a_line_id_leads_to_the_key_of_the_text_that_holds_it() {
        List<String> texts = LineIdGroups.texts(List.of(
                part("acct-1", "lj-1", 0, FIRST, SECOND),
                part("acct-2", "lj-1", 0, THIRD)), 1000);

        assertThat(texts).hasSize(1);
        assertThat(LineIdGroups.keyOf(texts.get(0), SECOND)).contains(new LineIdGroups.Key("acct-1", "lj-1", 0));
        assertThat(LineIdGroups.keyOf(texts.get(0), THIRD)).contains(new LineIdGroups.Key("acct-2", "lj-1", 0));
        assertThat(LineIdGroups.keyOf(texts.get(0), "CL000000000000000000d4")).isEmpty();
    }

    @Test
    void identifiers_with_tabs_line_breaks_and_backslashes_come_back_as_they_were() {
        String account = "acct\t1\\n";
        String resource = "lj\n1\r\\";
        List<String> texts = LineIdGroups.texts(List.of(part(account, resource, 3, FIRST)), 1000);

        assertThat(texts.get(0).chars().filter(c -> c == '\n')).hasSize(1);
        assertThat(LineIdGroups.keyOf(texts.get(0), FIRST)).contains(new LineIdGroups.Key(account, resource, 3));
    }

    @Test
    void an_id_written_inside_an_account_id_is_not_taken_for_a_line() {
        // The account's text holds SECOND: only the text whose line ids hold it answers.
        List<String> texts = LineIdGroups.texts(List.of(
                part("x " + SECOND, "lj-1", 0, FIRST),
                part("acct-2", "lj-2", 1, SECOND)), 1000);

        assertThat(LineIdGroups.keyOf(texts.get(0), SECOND)).contains(new LineIdGroups.Key("acct-2", "lj-2", 1));
    }

    @Test
    void texts_are_cut_between_lines_once_they_would_pass_the_size_and_empty_parts_are_left_out() {
        // Each line: "acct-1\tlj-N\t0\t" (6 + 1 + 4 + 1 + 1 + 1 = 14) + 22 id characters + "\n" = 37 characters: two
        // (74) fit in 80, three (111) do not.
        List<String> texts = LineIdGroups.texts(List.of(
                part("acct-1", "lj-1", 0, FIRST),
                part("acct-1", "lj-2", 0),
                part("acct-1", "lj-3", 0, SECOND),
                part("acct-1", "lj-4", 0, THIRD)), 80);

        assertThat(texts).hasSize(2);
        assertThat(texts.get(0)).hasSize(74).contains(FIRST, SECOND).doesNotContain("lj-2");
        assertThat(LineIdGroups.keyOf(texts.get(1), THIRD)).contains(new LineIdGroups.Key("acct-1", "lj-4", 0));
    }
}
