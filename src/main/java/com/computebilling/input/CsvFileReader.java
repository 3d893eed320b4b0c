package com.computebilling.input;

import com.computebilling.reconciliation.SourceRef;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one CSV file a row at a time (RFC 4180, LF or CRLF, optional BOM), mapping columns by header position.
 * Bytes that are not UTF-8 are decoded as U+FFFD so that the row they are in, and only that row, is rejected.
 * Entirely blank lines are not rows.
 */
public final class CsvFileReader implements Closeable {

    private static final char REPLACEMENT = '\uFFFD';

    private final InputKind kind;
    private final String fileName;
    private final CSVReader csv;
    private final HeaderIndex header;
    private boolean broken;

    public CsvFileReader(InputKind kind, Path file) throws IOException {
        this.kind = kind;
        this.fileName = file.getFileName().toString();
        BufferedReader text = text(file);
        this.csv = new CSVReaderBuilder(text).withCSVParser(new RFC4180ParserBuilder().build()).build();
        String[] names = readNextRaw();
        this.header = new HeaderIndex(names == null ? new String[0] : names);
    }

    /** The file's text after any byte order mark, with bytes that are not UTF-8 read as U+FFFD. */
    static BufferedReader text(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader text = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        skipByteOrderMark(text);
        return text;
    }

    /** A UTF-8 byte order mark is accepted, and must not become part of the first column's name. */
    private static void skipByteOrderMark(BufferedReader text) throws IOException {
        text.mark(1);
        if (text.read() != '\uFEFF') {
            text.reset();
        }
    }

    public String fileName() {
        return fileName;
    }

    public HeaderIndex header() {
        return header;
    }

    /** The next data row, or null at the end of the file. */
    public CsvRecord next() throws IOException {
        while (true) {
            if (broken) {
                return null;
            }
            long line = csv.getLinesRead() + 1;
            String[] fields;
            try {
                fields = csv.readNext();
            } catch (CsvMalformedLineException | CsvException e) {
                // an unterminated quote runs to the end of the file: that row is malformed, and nothing follows it
                broken = true;
                return new CsvRecord(kind, new SourceRef(fileName, line), header, new String[0],
                        "unterminated quoted field: " + e.getMessage().replaceAll("\\s+", " "));
            }
            if (fields == null) {
                return null;
            }
            if (fields.length == 1 && fields[0].isBlank()) {
                continue;
            }
            return new CsvRecord(kind, new SourceRef(fileName, line), header, fields);
        }
    }

    /** Checks that do not need to know what the row means: encoding and field count. */
    public static void checkShape(CsvRecord r) {
        if (r.problem() != null) {
            throw new MalformedRowException(r.source(), r.problem());
        }
        for (String f : r.fields()) {
            if (f.indexOf(REPLACEMENT) >= 0) {
                throw new MalformedRowException(r.source(), "bytes that are not UTF-8");
            }
        }
        if (r.fields().length != r.header().width()) {
            throw new MalformedRowException(r.source(), r.fields().length + " fields where the header has "
                    + r.header().width());
        }
    }

    private String[] readNextRaw() throws IOException {
        try {
            return csv.readNext();
        } catch (CsvException e) {
            throw new IOException(fileName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
