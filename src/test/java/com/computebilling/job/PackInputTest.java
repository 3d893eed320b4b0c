package com.computebilling.job;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Packs are written with DataOutputStream; PackInput must read back exactly what it wrote. */
class PackInputTest {

    private static byte[] written(DataWrites writes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writes.to(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface DataWrites {
        void to(DataOutputStream out) throws IOException;
    }

    @Test
    void numbers_flags_and_strings_come_back_as_written() throws IOException {
        byte[] bytes = written(out -> {
            out.writeByte(200);
            out.writeLong(-1_681_632_000L);
            out.writeInt(-7);
            out.writeBoolean(true);
            out.writeUTF("pool-1");
            out.writeUTF("账户-α");          // three- and two-byte characters
            out.writeUTF("nul\0inside");      // modified UTF-8 writes U+0000 as two bytes
            out.writeUTF("");
        });
        PackInput in = new PackInput(bytes, 1);

        assertThat(in.readUnsignedByte()).isEqualTo(200);
        assertThat(in.readLong()).isEqualTo(-1_681_632_000L);
        assertThat(in.readInt()).isEqualTo(-7);
        assertThat(in.readBoolean()).isTrue();
        assertThat(in.readUtf()).isEqualTo("pool-1");
        assertThat(in.readUtf()).isEqualTo("账户-α");
        assertThat(in.readUtf()).isEqualTo("nul\0inside");
        assertThat(in.readUtf()).isEmpty();
        assertThat(in.hasMore()).isFalse();
    }

    @Test
    void a_string_repeating_the_last_one_of_its_slot_is_that_same_string() throws IOException {
        byte[] bytes = written(out -> {
            out.writeUTF("acct-1");
            out.writeUTF("acct-1");
            out.writeUTF("acct-2");
            out.writeUTF("acct-2");
        });
        PackInput in = new PackInput(bytes, 1);

        String first = in.readUtf(0);
        String again = in.readUtf(0);
        String other = in.readUtf(0);
        String otherAgain = in.readUtf();   // no slot: a new string

        assertThat(again).isSameAs(first);
        assertThat(other).isEqualTo("acct-2").isNotSameAs(first);
        assertThat(otherAgain).isEqualTo("acct-2").isNotSameAs(other);
    }

    @Test
    void a_string_passed_over_can_be_decoded_later_from_where_it_stood() throws IOException {
        byte[] bytes = written(out -> {
            out.writeUTF("o-账户-1");
            out.writeLong(42);
        });
        PackInput in = new PackInput(bytes, 0);

        int at = in.position();
        in.skipUtf();

        assertThat(in.readLong()).isEqualTo(42);
        assertThat(in.utfAt(at)).isEqualTo("o-账户-1");
        assertThat(in.hasMore()).isFalse();
        assertThatThrownBy(() -> in.utfAt(bytes.length - 1)).isInstanceOf(EOFException.class);
    }

    @Test
    void a_pack_cut_short_is_an_end_of_file_not_a_wrong_value() throws IOException {
        byte[] bytes = written(out -> out.writeUTF("pool-1"));
        PackInput cut = new PackInput(java.util.Arrays.copyOf(bytes, bytes.length - 1), 0);
        PackInput noLong = new PackInput(new byte[7], 0);

        assertThatThrownBy(cut::readUtf).isInstanceOf(EOFException.class);
        assertThatThrownBy(noLong::readLong).isInstanceOf(EOFException.class);
    }

    @Test
    void pack_output_writes_the_bytes_data_output_stream_writes() throws IOException {
        String[] texts = {"pool-1", "", "账户-α", "nul\0inside", "é", "x".repeat(100)};
        byte[] expected = written(out -> {
            out.writeByte(1);
            out.writeLong(-1_681_632_000L);
            out.writeInt(-7);
            out.writeBoolean(false);
            for (String t : texts) {
                out.writeUTF(t);
            }
        });
        PackOutput pack = new PackOutput(4);   // smaller than what it holds: it grows
        pack.writeByte(1);
        pack.writeLong(-1_681_632_000L);
        pack.writeInt(-7);
        pack.writeBoolean(false);
        for (String t : texts) {
            pack.writeUtf(t);
        }

        assertThat(pack.toByteArray()).isEqualTo(expected);
        assertThat(pack.size()).isEqualTo(expected.length);
    }
}
