package com.computebilling.input;

import com.opencsv.RFC4180Parser;
import com.opencsv.RFC4180ParserBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a CSV file into byte ranges that several readers can read side by side, each beginning where a row begins.
 * <p>
 * A row may span lines (a quoted field with line breaks), so a cut is only made after a line at which the file's own
 * parser is not in the middle of a quoted field: lines are split as {@link java.io.BufferedReader#readLine()} splits
 * them ({@code \n}, {@code \r}, {@code \r\n}), and every line with a quote, or read while a quoted field is open, goes
 * through the same RFC 4180 parser {@link CsvFileReader} uses. A line without a quote cannot open a quoted field, so
 * most lines are only scanned for their end. An unterminated quote thus runs to the end of the file in one range, as it
 * does for one reader. Each range knows the number of its first line, so a row keeps the line number one reader gives.
 */
public final class FileSplits {

    private static final int BUFFER = 1 << 16;

    /**
     * A piece of a file: bytes {@code [start, end)}, whose first line is line {@code firstLine} of the file (1 = the
     * header's line), and lines up to {@code endLine} (exclusive: the next range's first line; unbounded for the last).
     */
    public record Range(long start, long end, long firstLine, long endLine) {

        public boolean first() {
            return start == 0;
        }

        public static Range whole(long size) {
            return new Range(0, size, 1, Long.MAX_VALUE);
        }
    }

    private FileSplits() {
    }

    /** Ranges of at least {@code targetBytes} each (the last may be shorter), together the whole file. */
    public static List<Range> of(Path file, long targetBytes) throws IOException {
        long size = Files.size(file);
        if (size <= targetBytes) {
            return List.of(Range.whole(size));
        }
        return new Scan(targetBytes, size).run(file);
    }

    /** One pass over the bytes, cutting after lines where no quoted field is open. */
    private static final class Scan {

        private final long target;
        private final long size;
        private final RFC4180Parser parser = new RFC4180ParserBuilder().build();
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final List<long[]> cuts = new ArrayList<>();   // {offset, line number starting there}
        private byte[] line = new byte[256];
        private int length;
        private boolean quoted;
        private boolean pending;
        private long lineNumber = 1;
        private long rangeStart;

        Scan(long target, long size) {
            this.target = target;
            this.size = size;
        }

        List<Range> run(Path file) throws IOException {
            byte[] buffer = new byte[BUFFER];
            long offset = 0;
            boolean afterCr = false;
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++, offset++) {
                        byte b = buffer[i];
                        if (afterCr) {
                            afterCr = false;
                            if (b == '\n') {   // \r\n is one line end: the line ends after it
                                endLine(offset + 1);
                                continue;
                            }
                            endLine(offset);
                        }
                        if (b == '\n') {
                            endLine(offset + 1);
                        } else if (b == '\r') {
                            afterCr = true;
                        } else {
                            append(b);
                        }
                    }
                }
            }
            if (afterCr) {
                endLine(offset);
            }
            List<Range> ranges = new ArrayList<>();
            long start = 0;
            long first = 1;
            for (long[] cut : cuts) {
                ranges.add(new Range(start, cut[0], first, cut[1]));
                start = cut[0];
                first = cut[1];
            }
            ranges.add(new Range(start, size, first, Long.MAX_VALUE));
            return ranges;
        }

        private void append(byte b) {
            if (b == '"') {
                quoted = true;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = b;
        }

        /** A line ended; the next one starts at {@code next}. */
        private void endLine(long next) throws IOException {
            if (quoted || pending) {
                parser.parseLineMulti(text());
                pending = parser.isPending();
            }
            quoted = false;
            length = 0;
            lineNumber++;
            if (!pending && next - rangeStart >= target && next < size) {
                cuts.add(new long[] {next, lineNumber});
                rangeStart = next;
            }
        }

        /** The line decoded as the reader decodes it: bytes that are not UTF-8 become U+FFFD, never a quote. */
        private String text() throws IOException {
            decoder.reset();
            int from = lineNumber == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
                    && (line[2] & 0xff) == 0xBF ? 3 : 0;
            return decoder.decode(ByteBuffer.wrap(line, from, length - from)).toString();
        }
    }
}
