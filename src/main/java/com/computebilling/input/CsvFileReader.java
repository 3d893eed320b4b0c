package com.computebilling.input;

import com.computebilling.findings.SourceRef;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    /** Lines of the file before the first line this reader reads. */
    private final long linesBefore;
    private boolean broken;

    public CsvFileReader(InputKind kind, Path file) throws IOException {
        this(kind, file, FileSplits.Range.whole(Files.size(file)));
    }

    /**
     * Reads the rows of one range of the file (see {@link FileSplits}); rows keep the line numbers of the whole file,
     * and the header is always the file's first row.
     */
    public CsvFileReader(InputKind kind, Path file, FileSplits.Range range) throws IOException {
        this.kind = kind;
        this.fileName = file.getFileName().toString();
        if (range.first()) {
            this.csv = csv(text(file, range));
            this.linesBefore = 0;
            try {
                this.header = headerOf(readNextRaw());
            } catch (IOException | RuntimeException e) {
                csv.close();
                throw e;
            }
        } else {
            try (CSVReader head = csv(text(file))) {
                this.header = headerOf(head.readNext());
            } catch (CsvException e) {
                throw new IOException(fileName + ": " + e.getMessage(), e);
            }
            this.csv = csv(text(file, range));
            this.linesBefore = range.firstLine() - 1;
        }
    }

    private static CSVReader csv(BufferedReader text) {
        // withVerifyReader(false): by default the reader probes the stream before every line (mark, read one
        // character, reset) to learn whether it ended; readLine's null says the same once, at the end of a file
        return new CSVReaderBuilder(text).withCSVParser(new Rfc4180Parser()).withVerifyReader(false)
                .build();
    }

    private static HeaderIndex headerOf(String[] names) {
        return new HeaderIndex(names == null ? new String[0] : names);
    }

    /** The file's text after any byte order mark, with bytes that are not UTF-8 read as U+FFFD. */
    static BufferedReader text(Path file) throws IOException {
        return text(file, FileSplits.Range.whole(Files.size(file)));
    }

    /** The range's text (after any byte order mark at the file's start), with bytes that are not UTF-8 as U+FFFD. */
    static BufferedReader text(Path file, FileSplits.Range range) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        InputStream bytes = Files.newInputStream(file);
        try {
            bytes.skipNBytes(range.start());
        } catch (IOException e) {
            bytes.close();
            throw e;
        }
        BufferedReader text = new BufferedReader(new InputStreamReader(new Limited(bytes, range.end() - range.start()),
                decoder), 1 << 16);
        if (range.first()) {
            skipByteOrderMark(text);
        }
        return text;
    }

    /** At most {@code left} bytes of a stream. */
    private static final class Limited extends FilterInputStream {

        private long left;

        Limited(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
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
            long line = linesBefore + csv.getLinesRead() + 1;
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
