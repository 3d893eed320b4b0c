package com.computebilling.job;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PackedRowsTest {

    private static final String ROW = "CL32745ab4121eacf1252e,acme-ai-202304-USD,acme-ai,gen-1,GENERAL,cn-hangzhou,"
            + "ecs.g7.xlarge,SUBSCRIPTION,SUBSCRIPTION,o-gen-1,2023-04-02T10:00:00+08:00,2023-05-02T10:00:00+08:00,"
            + "2023-04-02T10:00:00+08:00,2023-05-02T10:00:00+08:00,2,1,MONTH,78.94,MONTH,157.88000000,USD\n";

    @Test
    void stored_rows_come_back_byte_for_byte_and_smaller() {
        String rows = ROW.repeat(1_000);

        byte[] packed = PackedRows.pack(rows).orElseThrow();

        // rendered rows repeat their ids, instants and units from line to line: a quarter of the bytes or less
        assertThat(packed.length).isLessThan(rows.length() / 4);
        assertThat(PackedRows.text(null, packed)).isEqualTo(rows);
        assertThat(PackedRows.utf8(null, packed)).isEqualTo(rows.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void characters_outside_ascii_keep_their_utf8_bytes() {
        String rows = "CL0,inv,账户-α,pool-1,LINGJUN\n".repeat(3);

        assertThat(PackedRows.text(null, PackedRows.pack(rows).orElseThrow())).isEqualTo(rows);
    }

    @Test
    void rows_stored_as_text_before_packing_are_read_as_they_are() {
        assertThat(PackedRows.text(ROW, null)).isEqualTo(ROW);
        assertThat(PackedRows.utf8(ROW, null)).isEqualTo(ROW.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_part_whose_packed_form_would_not_fit_the_column_is_stored_as_text() {
        // 500,000 characters (a part's limit) of three UTF-8 bytes each that do not repeat: 1.5 MB, which LZ4
        // cannot bring under the column's 1,000,000 bytes
        StringBuilder wide = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        while (wide.length() < 500_000) {
            wide.appendCodePoint(0x4E00 + random.nextInt(0x5000));
        }

        assertThat(PackedRows.pack(wide.toString())).isEmpty();
    }

    @Test
    void a_pack_whose_rows_do_not_fill_their_stated_length_is_refused() {
        byte[] packed = PackedRows.pack(ROW.repeat(10)).orElseThrow();
        // the first four bytes state the unpacked length: one more than the rows have
        java.nio.ByteBuffer.wrap(packed).putInt(ROW.length() * 10 + 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PackedRows.unpack(packed))
                .isInstanceOf(RuntimeException.class);
    }
}
