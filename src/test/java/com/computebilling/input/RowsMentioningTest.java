package com.computebilling.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rows of one resource, found by text, are the rows and line numbers the job's reader gives them. */
class RowsMentioningTest {

    @TempDir
    Path dir;

    static final String HEADER = "record_id,account_id,resource_id,resource_class,region,sku,quantity,start_time,end_time\n";

    @Test
    void only_rows_whose_resource_id_is_the_value_with_their_line_numbers() throws IOException {
        Path file = dir.resolve("usage.csv");
        Files.writeString(file, "\uFEFF" + HEADER
                + "u-1,a,pool-1,LINGJUN,r,s,1,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z\r\n"
                + "\n"                                                                  // a blank line is not a row
                + "u-2,a,pool-10,LINGJUN,r,s,1,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z\n"  // contains the text only
                + "\"u-3\",\"pool-1\",\"pool-1\",LINGJUN,r,s,1,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z\n");

        List<CsvRecord> rows = RowsMentioning.read(InputKind.USAGE, file, "resource_id", "pool-1");

        // Lines: header 1, u-1 2, blank 3, u-2 4, u-3 5.
        assertThat(rows).extracting(r -> r.get("record_id") + "@" + r.source().line()).containsExactly("u-1@2", "u-3@5");
        assertThat(rows).extracting(r -> r.source()).isEqualTo(fullReader(file, "pool-1"));
    }

    @Test
    void a_file_with_a_row_spanning_lines_is_read_row_by_row_with_the_same_numbers() throws IOException {
        Path file = dir.resolve("usage.csv");
        Files.writeString(file, HEADER
                + "\"u-1\nwrapped\",a,pool-1,LINGJUN,r,s,1,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z\n"
                + "u-2,a,pool-1,LINGJUN,r,s,1,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z\n");

        List<CsvRecord> rows = RowsMentioning.read(InputKind.USAGE, file, "resource_id", "pool-1");

        // The first row starts on line 2 and ends on line 3; the second is on line 4.
        assertThat(rows).extracting(r -> r.source().line()).containsExactly(2L, 4L);
        assertThat(rows).extracting(r -> r.source()).isEqualTo(fullReader(file, "pool-1"));
    }

    private static List<Object> fullReader(Path file, String resource) throws IOException {
        List<Object> refs = new java.util.ArrayList<>();
        try (CsvFileReader reader = new CsvFileReader(InputKind.USAGE, file)) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                if (resource.equals(r.get("resource_id"))) {
                    refs.add(r.source());
                }
            }
        }
        return refs;
    }
}
