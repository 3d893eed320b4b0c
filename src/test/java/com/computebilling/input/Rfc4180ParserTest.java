package com.computebilling.input;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.ICSVParser;
import com.opencsv.RFC4180ParserBuilder;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The direct path for lines without a quote gives exactly the fields opencsv's own RFC 4180 parser gives. */
class Rfc4180ParserTest {

    @Test
    void a_plain_line_is_cut_at_every_comma_and_keeps_its_empty_fields() throws Exception {
        assertThat(new Rfc4180Parser().parseLine("u-1,,pool-1,")).containsExactly("u-1", "", "pool-1", "");
        assertThat(new Rfc4180Parser().parseLine("")).containsExactly("");
        assertThat(new Rfc4180Parser().parseLine(",")).containsExactly("", "");
        assertThat(new Rfc4180Parser().parseLine(" a b ")).containsExactly(" a b ");
    }

    @Test
    void a_quoted_field_that_runs_over_lines_is_left_to_opencsv() throws Exception {
        ICSVParser parser = new Rfc4180Parser();
        assertThat(parser.parseLineMulti("u-1,\"two")).containsExactly("u-1");
        assertThat(parser.isPending()).isTrue();
        // the next line holds no quote, but continues the open field: its comma is not a separator
        assertThat(parser.parseLineMulti("lines, still")).isEmpty();
        assertThat(parser.parseLineMulti("done\",pool-1")).containsExactly("two\nlines, still\ndone", "pool-1");
        assertThat(parser.isPending()).isFalse();
    }

    @Test
    void random_lines_read_as_opencsv_reads_them() throws Exception {
        Random random = new Random(20261204);
        char[] alphabet = {'a', 'b', ',', ',', '"', ' ', '\r', 'é'};
        for (int file = 0; file < 3000; file++) {
            StringBuilder text = new StringBuilder();
            int lines = 1 + random.nextInt(6);
            for (int l = 0; l < lines; l++) {
                int length = random.nextInt(12);
                for (int c = 0; c < length; c++) {
                    // mostly lines without a quote, as in an export, and some with
                    char ch = alphabet[random.nextInt(alphabet.length)];
                    text.append(ch == '"' && random.nextInt(3) > 0 ? 'q' : ch);
                }
                text.append('\n');
            }
            assertThat(rows(new Rfc4180Parser(), text.toString()))
                    .as("fields of %s", text.toString().replace("\n", "\\n").replace("\r", "\\r"))
                    .isEqualTo(rows(new RFC4180ParserBuilder().build(), text.toString()));
        }
    }

    /** Each row's fields, or the error's class where the reader gives up, as {@link CsvFileReader} reads a file. */
    private static List<List<String>> rows(ICSVParser parser, String text) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (CSVReader csv = new CSVReaderBuilder(new StringReader(text)).withCSVParser(parser)
                .withVerifyReader(false).build()) {
            while (true) {
                String[] fields;
                try {
                    fields = csv.readNext();
                } catch (Exception e) {
                    rows.add(List.of("error: " + e.getClass().getSimpleName(), String.valueOf(csv.getLinesRead())));
                    return rows;
                }
                if (fields == null) {
                    return rows;
                }
                rows.add(List.of(fields));
                rows.add(List.of("lines read: " + csv.getLinesRead()));
            }
        }
    }
}
