package com.computebilling.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files as exports really arrive: a BOM before a quoted header, and a quote that never closes. */
class CsvFileReaderEdgeCasesTest {

    @TempDir
    Path tmp;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void a_byte_order_mark_before_a_quoted_header_is_not_part_of_the_first_column_name() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "\"record_id\",\"quantity\"\r\nu-1,2\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(text, 0, all, bom.length, text.length);
        try (CsvFileReader r = new CsvFileReader(InputKind.USAGE, file("usage.csv", all))) {
            assertThat(r.header().missing(java.util.List.of("record_id", "quantity"))).isEmpty();
            CsvRecord row = r.next();
            assertThat(row.get("record_id")).isEqualTo("u-1");
            assertThat(row.source().line()).isEqualTo(2);
        }
    }

    @Test
    void an_unterminated_quote_is_one_malformed_row_and_ends_the_file() throws IOException {
        String text = "record_id,quantity\nu-1,2\nu-2,\"3\nu-3,4\n";
        try (CsvFileReader r = new CsvFileReader(InputKind.USAGE, file("usage.csv", text.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.next().get("record_id")).isEqualTo("u-1");
            CsvRecord broken = r.next();
            assertThat(broken.source().line()).isEqualTo(3);
            assertThatThrownBy(() -> CsvFileReader.checkShape(broken))
                    .isInstanceOf(MalformedRowException.class)
                    .hasMessageStartingWith("unterminated quoted field")
                    .hasMessageNotContaining("\n");
            assertThat(r.next()).isNull();
        }
    }
}
