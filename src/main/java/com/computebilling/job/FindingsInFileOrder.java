package com.computebilling.job;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Findings in {@code exceptions.csv}'s order — source file, line, code, record, order, resource, detail — sorted here
 * rather than by the database. H2 sorts a result larger than its in-memory limit in a temporary store that rewrites
 * much of its tree as it grows: 900,000 findings (an order export of a million resources, a tenth of them metered)
 * took 35 s to sort and 2.4 s to read. Here findings arrive in any order and are sorted in runs of at most
 * {@code runRows} in memory, spilled to one scratch file and merged once there is more than one
 * ({@link SortedInRuns}). Memory holds one run, however many findings there are.
 * <p>
 * Text compares as the database's {@code ORDER BY} would ({@link Database#textOrder}), so the file is what the query
 * gave, byte for byte. Not thread-safe.
 */
final class FindingsInFileOrder implements Closeable {

    /** A stored finding as {@code exceptions.csv} prints it; {@code line} is 0 where the finding has none. */
    record Row(String code, String severity, String source, long line, String accountId, String resourceId,
               String orderId, String recordId, String detail) {
    }

    interface RowWriter {
        void write(Row row) throws IOException;
    }

    /** writeUTF's modified UTF-8 gives back any Java string as it was; a detail is at most 2,000 characters. */
    private static final SortedInRuns.Codec<Row> CODEC = new SortedInRuns.Codec<>() {
        @Override
        public void write(DataOutputStream out, Row r) throws IOException {
            out.writeUTF(r.code());
            out.writeUTF(r.severity());
            out.writeUTF(r.source());
            out.writeLong(r.line());
            out.writeUTF(r.accountId());
            out.writeUTF(r.resourceId());
            out.writeUTF(r.orderId());
            out.writeUTF(r.recordId());
            out.writeUTF(r.detail());
        }

        @Override
        public Row read(DataInputStream in) throws IOException {
            String code = in.readUTF();
            String severity = in.readUTF();
            String source = in.readUTF();
            long line = in.readLong();
            return new Row(code, severity, source, line, in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    in.readUTF());
        }
    };

    private final SortedInRuns<Row> rows;

    FindingsInFileOrder(Comparator<String> textOrder, Path scratch, int runRows) {
        // account and severity are not in the file's order; they only make equal keys come out one way every time
        Comparator<Row> order = Comparator.comparing(Row::source, textOrder).thenComparingLong(Row::line)
                .thenComparing(Row::code, textOrder).thenComparing(Row::recordId, textOrder)
                .thenComparing(Row::orderId, textOrder).thenComparing(Row::resourceId, textOrder)
                .thenComparing(Row::detail, textOrder).thenComparing(Row::accountId, textOrder)
                .thenComparing(Row::severity, textOrder);
        this.rows = new SortedInRuns<>(order, CODEC, scratch, runRows);
    }

    void add(Row row) throws IOException {
        rows.add(row);
    }

    /** Every row added, in order. */
    void writeInOrder(RowWriter out) throws IOException {
        rows.inOrder(out::write);
    }

    /** Removes the scratch file. */
    @Override
    public void close() throws IOException {
        rows.close();
    }
}
