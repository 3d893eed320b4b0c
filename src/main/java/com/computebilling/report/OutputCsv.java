package com.computebilling.report;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One of the product's own CSV outputs read back a row at a time (RFC 4180: ids from the exports may hold commas,
 * quotes or line breaks). The header must be the contract's, so a column is found by its name.
 */
final class OutputCsv implements Closeable {

    private final String name;
    private final CSVReader csv;
    private final List<String> header;

    OutputCsv(Path file, List<String> expectedHeader) throws IOException {
        this.name = file.getFileName().toString();
        this.csv = new CSVReaderBuilder(Files.newBufferedReader(file, StandardCharsets.UTF_8))
                .withCSVParser(new RFC4180ParserBuilder().build()).build();
        String[] first = read();
        this.header = first == null ? List.of() : List.of(first);
        if (!header.equals(expectedHeader)) {
            csv.close();
            throw new IOException(name + ": header " + header + " is not " + expectedHeader);
        }
    }

    int column(String columnName) {
        return header.indexOf(columnName);
    }

    /** The next row, or null at the end of the file. */
    String[] next() throws IOException {
        String[] row = read();
        if (row != null && row.length != header.size()) {
            throw new IOException(name + ", line " + csv.getLinesRead() + ": " + row.length + " fields, header has "
                    + header.size());
        }
        return row;
    }

    private String[] read() throws IOException {
        try {
            return csv.readNext();
        } catch (CsvException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
