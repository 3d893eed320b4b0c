package com.computebilling.findings;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A source is a value: the same file and line are the same row, wherever the reference was made. */
class SourceRefTest {

    @Test
    void the_same_file_and_line_are_one_row() {
        SourceRef read = new SourceRef("orders.csv", 42);
        SourceRef stored = new SourceRef(new String("orders.csv"), 42);

        assertThat(stored).isEqualTo(read).hasSameHashCodeAs(read);
        assertThat(Set.of(read)).contains(stored);
    }

    @Test
    void another_line_or_another_file_is_another_row() {
        SourceRef row = new SourceRef("orders.csv", 42);

        assertThat(new SourceRef("orders.csv", 43)).isNotEqualTo(row);
        assertThat(new SourceRef("orders-2.csv", 42)).isNotEqualTo(row);
        assertThat(row).isNotEqualTo("orders.csv:42");
    }
}
