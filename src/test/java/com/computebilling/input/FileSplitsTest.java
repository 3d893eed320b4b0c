package com.computebilling.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file cut into byte ranges and read range by range gives the rows one reader of the whole file gives: the same
 * fields, the same problems, the same line numbers — so a MALFORMED_ROW names the same file and line however the
 * load was split. Every cut size from one byte to the whole file is tried on an export that has every shape the
 * reader accepts or rejects.
 */
class FileSplitsTest {

    private static final String HEADER = "record_id,account_id,resource_id,quantity\r\n";

    @TempDir
    Path tmp;

    @Test
    void every_cut_reads_the_rows_and_line_numbers_of_one_reader() throws IOException {
        Path file = write("usage.csv",
                "\uFEFF" + HEADER,                                  // line 1, after a byte order mark
                "u-1,acct-1,pool-1,1\r\n",                          // line 2, CRLF
                "u-2,acct-1,\"pool\r\n2\",1\n",                     // lines 3-4: a quoted line break
                "\n",                                                // line 5: blank, not a row
                "u-3,\"acct \"\"quoted\"\", with comma\",pool-3,2\n", // line 6
                "u-4,acct-1,pool-4\n",                              // line 7: a field short
                "u-5,acct-1,pool-5,1\r",                            // line 8, ended by a lone CR
                "u-6,acct-1,\"a\n\n\nb\",1\n",                      // lines 9-12: three line breaks in a field
                "u-7,acct-1,pool-7,1\n");                           // line 13
        byte[] notUtf8 = {'u', '-', '8', ',', 'a', ',', (byte) 0xC3, ',', '1', '\n'};   // line 14: not UTF-8
        append(file, notUtf8);
        append(file, "u-9,acct-1,pool-9,1\n".getBytes(StandardCharsets.UTF_8));        // line 15
        append(file, "u-10,acct-1,\"never closed,1\n".getBytes(StandardCharsets.UTF_8)); // line 16: runs to the end
        append(file, "u-11,acct-1,pool-11,1\n".getBytes(StandardCharsets.UTF_8));      // line 17: inside it

        List<String> whole = rows(file, List.of(FileSplits.Range.whole(Files.size(file))));
        assertThat(whole).as("the reader itself").startsWith(
                "2 [u-1, acct-1, pool-1, 1]",
                "3 [u-2, acct-1, pool\n2, 1]",
                "6 [u-3, acct \"quoted\", with comma, pool-3, 2]",
                "7 [u-4, acct-1, pool-4]",
                "8 [u-5, acct-1, pool-5, 1]",
                "9 [u-6, acct-1, a\n\n\nb, 1]",
                "13 [u-7, acct-1, pool-7, 1]",
                "14 [u-8, a, \uFFFD, 1]",
                "15 [u-9, acct-1, pool-9, 1]").hasSize(10);
        assertThat(whole.get(9)).startsWith("16 unterminated quoted field");

        int cutSomewhere = 0;
        for (long target = 1; target <= Files.size(file); target++) {
            List<FileSplits.Range> ranges = FileSplits.of(file, target);
            for (int buffer : new int[] {1, 2, 3, 5, 8, 13}) {
                // the scan reads the file a buffer at a time: a line, a CRLF, a quoted field or the byte order mark
                // cut across buffers gives the same ranges
                assertThat(FileSplits.of(file, target, buffer)).as("%d-byte buffers", buffer).isEqualTo(ranges);
            }
            assertThat(ranges.get(0).start()).isZero();
            assertThat(ranges.get(ranges.size() - 1).end()).isEqualTo(Files.size(file));
            for (int i = 1; i < ranges.size(); i++) {
                assertThat(ranges.get(i).start()).as("ranges meet").isEqualTo(ranges.get(i - 1).end());
                assertThat(ranges.get(i).firstLine()).isEqualTo(ranges.get(i - 1).endLine());
                assertThat(ranges.get(i - 1).end() - ranges.get(i - 1).start()).isGreaterThanOrEqualTo(target);
            }
            assertThat(rows(file, ranges)).as("cut at %d bytes: %s", target, ranges).isEqualTo(whole);
            cutSomewhere += ranges.size() > 1 ? 1 : 0;
        }
        assertThat(cutSomewhere).as("cuts were made").isGreaterThan(100);
    }

    @Test
    void a_cut_never_falls_inside_a_quoted_field_nor_after_an_unterminated_quote() throws IOException {
        Path file = write("usage.csv", HEADER,
                "u-1,acct-1,\"pool\n",      // line 2: a field that runs to line 4
                "still the field\n",
                "end\",1\n",
                "u-2,acct-1,pool-2,1\n",    // line 5
                "u-3,\"open\n",             // line 6: never closed
                "u-4,acct-1,pool-4,1\n");

        // the lines where a range may begin: 2 (after the header) and 5; never 3, 4, or after 6
        List<Long> starts = new ArrayList<>();
        for (long target = 1; target <= Files.size(file); target++) {
            FileSplits.of(file, target).forEach(r -> starts.add(r.firstLine()));
            FileSplits.of(file, target, 3).forEach(r -> starts.add(r.firstLine()));
        }
        assertThat(starts).containsOnly(1L, 2L, 5L, 6L).contains(2L, 5L, 6L);
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, String.join("", lines));
        return file;
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(Files.readAllBytes(file));
        all.write(bytes);
        Files.write(file, all.toByteArray());
    }

    /** Each row as "line fields" or "line problem", reading the ranges one after the other. */
    private static List<String> rows(Path file, List<FileSplits.Range> ranges) throws IOException {
        List<String> rows = new ArrayList<>();
        for (FileSplits.Range range : ranges) {
            try (CsvFileReader reader = new CsvFileReader(InputKind.USAGE, file, range)) {
                assertThat(reader.header().width()).as("the header, whatever the range").isEqualTo(4);
                for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                    rows.add(r.source().line() + " " + (r.problem() != null ? r.problem() : Arrays.toString(r.fields())));
                }
            }
        }
        return rows;
    }
}
