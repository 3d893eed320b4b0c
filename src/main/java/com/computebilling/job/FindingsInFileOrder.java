package com.computebilling.job;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Findings in {@code exceptions.csv}'s order — source file, line, code, record, order, resource, detail — sorted here
 * rather than by the database. H2 sorts a result larger than its in-memory limit in a temporary store that rewrites
 * much of its tree as it grows: 900,000 findings (an order export of a million resources, a tenth of them metered)
 * took 35 s to sort and 2.4 s to read. Here findings arrive in any order and are sorted in runs of at most
 * {@code runRows} in memory; once there is more than one run, each is spilled to one scratch file and the runs are
 * merged. Memory holds one run, however many findings there are.
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

    private static final int BUFFER = 1 << 16;
    /** Read buffers of all runs together in a merge, each between 4 kB and 64 kB. */
    private static final long MERGE_BUFFERS = 8L << 20;
    private static final int MIN_READ_BUFFER = 1 << 12;

    private final Comparator<Row> order;
    private final Path scratch;
    private final int runRows;
    private final List<Row> run = new ArrayList<>();
    /** Where each spilled run starts in the scratch file, and how many rows it holds. */
    private final List<long[]> spilled = new ArrayList<>();
    private FileChannel spill;
    private DataOutputStream spillOut;

    FindingsInFileOrder(Comparator<String> textOrder, Path scratch, int runRows) {
        if (runRows < 1) {
            throw new IllegalArgumentException("a run holds at least one row");
        }
        // account and severity are not in the file's order; they only make equal keys come out one way every time
        this.order = Comparator.comparing(Row::source, textOrder).thenComparingLong(Row::line)
                .thenComparing(Row::code, textOrder).thenComparing(Row::recordId, textOrder)
                .thenComparing(Row::orderId, textOrder).thenComparing(Row::resourceId, textOrder)
                .thenComparing(Row::detail, textOrder).thenComparing(Row::accountId, textOrder)
                .thenComparing(Row::severity, textOrder);
        this.scratch = scratch;
        this.runRows = runRows;
    }

    void add(Row row) throws IOException {
        run.add(row);
        if (run.size() >= runRows) {
            spillRun();
        }
    }

    /** Every row added, in order. */
    void writeInOrder(RowWriter out) throws IOException {
        if (spilled.isEmpty()) {
            run.sort(order);
            for (Row r : run) {
                out.write(r);
            }
            run.clear();
            return;
        }
        spillRun();
        spillOut.close();
        spillOut = null;
        merge(out);
    }

    private void spillRun() throws IOException {
        if (run.isEmpty()) {
            return;
        }
        if (spill == null) {
            spill = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            spillOut = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(spill), BUFFER));
        }
        run.sort(order);
        spillOut.flush();
        spilled.add(new long[]{spill.position(), run.size()});
        for (Row r : run) {
            // writeUTF's modified UTF-8 gives back any Java string as it was; a detail is at most 2,000 characters
            spillOut.writeUTF(r.code());
            spillOut.writeUTF(r.severity());
            spillOut.writeUTF(r.source());
            spillOut.writeLong(r.line());
            spillOut.writeUTF(r.accountId());
            spillOut.writeUTF(r.resourceId());
            spillOut.writeUTF(r.orderId());
            spillOut.writeUTF(r.recordId());
            spillOut.writeUTF(r.detail());
        }
        run.clear();
    }

    private void merge(RowWriter out) throws IOException {
        record Head(Row row, int run) {
        }
        // One channel for all runs, each read at its own position: a merge of many runs needs no file handle apiece
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.READ)) {
            int buffer = (int) Math.max(MIN_READ_BUFFER, Math.min(BUFFER, MERGE_BUFFERS / spilled.size()));
            List<DataInputStream> runs = new ArrayList<>();
            long[] left = new long[spilled.size()];
            PriorityQueue<Head> heads = new PriorityQueue<>(spilled.size(),
                    Comparator.comparing(Head::row, order).thenComparingInt(Head::run));
            for (int i = 0; i < spilled.size(); i++) {
                runs.add(new DataInputStream(new RunInput(channel, spilled.get(i)[0], buffer)));
                left[i] = spilled.get(i)[1] - 1;
                heads.add(new Head(read(runs.get(i)), i));
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                out.write(h.row());
                if (left[h.run()] > 0) {
                    left[h.run()]--;
                    heads.add(new Head(read(runs.get(h.run())), h.run()));
                }
            }
        }
    }

    /** A spilled run's bytes, read from the shared channel at the run's own position. */
    private static final class RunInput extends InputStream {

        private final FileChannel channel;
        private final ByteBuffer buffer;
        private long position;

        RunInput(FileChannel channel, long start, int bufferBytes) {
            this.channel = channel;
            this.position = start;
            this.buffer = ByteBuffer.allocate(bufferBytes).limit(0);
        }

        @Override
        public int read() throws IOException {
            if (!buffer.hasRemaining() && !fill()) {
                return -1;
            }
            return buffer.get() & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!buffer.hasRemaining() && !fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        private boolean fill() throws IOException {
            buffer.clear();
            int n = channel.read(buffer, position);
            buffer.flip();
            if (n <= 0) {
                return false;
            }
            position += n;
            return true;
        }
    }

    private static Row read(DataInputStream in) throws IOException {
        String code = in.readUTF();
        String severity = in.readUTF();
        String source = in.readUTF();
        long line = in.readLong();
        return new Row(code, severity, source, line, in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                in.readUTF());
    }

    /** Removes the scratch file. */
    @Override
    public void close() throws IOException {
        try {
            if (spillOut != null) {
                spillOut.close();
            } else if (spill != null) {
                spill.close();
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }
}
