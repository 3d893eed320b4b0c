package com.computebilling.input;

import com.opencsv.RFC4180Parser;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Whether one of the eight bytes may be {@code \n}, {@code \r} or {@code "}: a byte equal to the pattern's is a
     * zero byte of the XOR, which the classic test finds (it can also flag a byte next to a true zero, never miss one;
     * a flagged word is then looked at byte by byte).
     */
    private static boolean anySpecial(long word) {
        return (zeroByte(word ^ ('\n' * ONES)) | zeroByte(word ^ ('\r' * ONES)) | zeroByte(word ^ ('"' * ONES))) != 0;
    }

    private static long zeroByte(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

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
        return of(file, targetBytes, BUFFER);
    }

    /** As {@link #of(Path, long)}, reading {@code bufferBytes} at a time (tests cut lines across small buffers). */
    static List<Range> of(Path file, long targetBytes, int bufferBytes) throws IOException {
        long size = Files.size(file);
        if (size <= targetBytes) {
            return List.of(Range.whole(size));
        }
        return new Scan(targetBytes, size).run(file, bufferBytes);
    }

    /**
     * One pass over the bytes, cutting after lines where no quoted field is open. It runs before any partition of the
     * file starts, so on the load step's critical path: bytes are tested eight at a time against the three that
     * matter ({@code \n}, {@code \r}, {@code "}) and not copied; a line's bytes are gathered only when it is parsed,
     * and the unfinished line at the end of a buffer is kept for the next.
     */
    private static final class Scan {

        private final long target;
        private final long size;
        private final RFC4180Parser parser = new Rfc4180Parser();
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final List<long[]> cuts = new ArrayList<>();   // {offset, line number starting there}
        private byte[] carried = new byte[256];                  // the current line's bytes from earlier buffers
        private int carriedLength;
        private boolean quoted;
        private boolean pending;
        private long lineNumber = 1;
        private long rangeStart;

        Scan(long target, long size) {
            this.target = target;
            this.size = size;
        }

        List<Range> run(Path file, int bufferBytes) throws IOException {
            byte[] buffer = new byte[bufferBytes];
            long base = 0;              // the file offset of buffer[0]
            boolean afterCr = false;    // the previous buffer ended with \r: its line is carried, its end not yet known
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    int i = 0;
                    if (afterCr) {
                        afterCr = false;
                        if (buffer[0] == '\n') {      // \r\n is one line end: the line ends after it
                            endLine(buffer, 0, 0, base + 1);
                            i = 1;
                        } else {
                            endLine(buffer, 0, 0, base);
                        }
                    }
                    int lineStart = i;
                    while (i < n) {
                        // eight bytes at a time while none of them is one of the three
                        if (i + 8 <= n && !anySpecial((long) LONGS.get(buffer, i))) {
                            i += 8;
                            continue;
                        }
                        for (int stop = Math.min(i + 8, n); i < stop; i++) {
                            byte b = buffer[i];
                            if (b == '"') {
                                quoted = true;
                            } else if (b == '\n') {
                                endLine(buffer, lineStart, i, base + i + 1);
                                lineStart = i + 1;
                            } else if (b == '\r') {
                                if (i + 1 == n) {
                                    carry(buffer, lineStart, i);
                                    afterCr = true;
                                    lineStart = n;
                                } else if (buffer[i + 1] == '\n') {
                                    endLine(buffer, lineStart, i, base + i + 2);
                                    lineStart = ++i + 1;
                                } else {
                                    endLine(buffer, lineStart, i, base + i + 1);
                                    lineStart = i + 1;
                                }
                            }
                        }
                    }
                    carry(buffer, lineStart, n);
                    base += n;
                }
            }
            if (afterCr) {
                endLine(buffer, 0, 0, base);     // the carried line, nothing of the buffer
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

        /** Keeps {@code buffer[from, to)}, the start of a line the buffer does not finish. */
        private void carry(byte[] buffer, int from, int to) {
            int more = to - from;
            if (more <= 0) {
                return;
            }
            if (carriedLength + more > carried.length) {
                carried = Arrays.copyOf(carried, Math.max(carried.length * 2, carriedLength + more));
            }
            System.arraycopy(buffer, from, carried, carriedLength, more);
            carriedLength += more;
        }

        /**
         * A line ended: its bytes are the carried ones and {@code buffer[from, to)}; the next line starts at
         * {@code next}.
         */
        private void endLine(byte[] buffer, int from, int to, long next) throws IOException {
            if (quoted || pending) {
                carry(buffer, from, to);
                parser.parseLineMulti(text());
                pending = parser.isPending();
            }
            quoted = false;
            carriedLength = 0;
            lineNumber++;
            if (!pending && next - rangeStart >= target && next < size) {
                cuts.add(new long[] {next, lineNumber});
                rangeStart = next;
            }
        }

        /** The line decoded as the reader decodes it: bytes that are not UTF-8 become U+FFFD, never a quote. */
        private String text() throws IOException {
            decoder.reset();
            int from = lineNumber == 1 && carriedLength >= 3 && (carried[0] & 0xff) == 0xEF
                    && (carried[1] & 0xff) == 0xBB && (carried[2] & 0xff) == 0xBF ? 3 : 0;
            return decoder.decode(ByteBuffer.wrap(carried, from, carriedLength - from)).toString();
        }
    }
}
