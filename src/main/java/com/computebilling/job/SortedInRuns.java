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
 * Items sorted in bounded memory: they arrive in any order and are sorted in runs of at most {@code runSize}; once
 * there is more than one run, each is spilled to one scratch file and the runs are merged. Memory holds one run,
 * however many items there are. Equal items come out in the order they were added. Not thread-safe.
 */
final class SortedInRuns<T> implements Closeable {

    /** How an item is written to the scratch file and read back, field for field. */
    interface Codec<T> {
        void write(DataOutputStream out, T item) throws IOException;

        T read(DataInputStream in) throws IOException;
    }

    interface Sink<T> {
        void accept(T item) throws IOException;
    }

    private static final int BUFFER = 1 << 16;
    /** Read buffers of all runs together in a merge, each between 4 kB and 64 kB. */
    private static final long MERGE_BUFFERS = 8L << 20;
    private static final int MIN_READ_BUFFER = 1 << 12;

    private final Comparator<T> order;
    private final Codec<T> codec;
    private final Path scratch;
    private final int runSize;
    private final List<T> run = new ArrayList<>();
    /** Where each spilled run starts in the scratch file, and how many items it holds. */
    private final List<long[]> spilled = new ArrayList<>();
    private FileChannel spill;
    private DataOutputStream spillOut;

    SortedInRuns(Comparator<T> order, Codec<T> codec, Path scratch, int runSize) {
        if (runSize < 1) {
            throw new IllegalArgumentException("a run holds at least one item");
        }
        this.order = order;
        this.codec = codec;
        this.scratch = scratch;
        this.runSize = runSize;
    }

    void add(T item) throws IOException {
        run.add(item);
        if (run.size() >= runSize) {
            spillRun();
        }
    }

    /** Every item added, in order. */
    void inOrder(Sink<T> out) throws IOException {
        if (spilled.isEmpty()) {
            run.sort(order);   // a stable sort: equal items keep the order they came in
            for (int i = 0; i < run.size(); i++) {
                out.accept(run.set(i, null));   // handed out once: the run lets go of it
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
        for (T item : run) {
            codec.write(spillOut, item);
        }
        run.clear();
    }

    private void merge(Sink<T> out) throws IOException {
        record Head<T>(T item, int run) {
        }
        // One channel for all runs, each read at its own position: a merge of many runs needs no file handle apiece
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.READ)) {
            int buffer = (int) Math.max(MIN_READ_BUFFER, Math.min(BUFFER, MERGE_BUFFERS / spilled.size()));
            List<DataInputStream> runs = new ArrayList<>();
            long[] left = new long[spilled.size()];
            // ties go to the earlier run: items added earlier were spilled earlier
            PriorityQueue<Head<T>> heads = new PriorityQueue<>(spilled.size(),
                    Comparator.comparing((Head<T> h) -> h.item(), order).thenComparingInt(Head::run));
            for (int i = 0; i < spilled.size(); i++) {
                runs.add(new DataInputStream(new RunInput(channel, spilled.get(i)[0], buffer)));
                left[i] = spilled.get(i)[1] - 1;
                heads.add(new Head<>(codec.read(runs.get(i)), i));
            }
            while (!heads.isEmpty()) {
                Head<T> h = heads.poll();
                out.accept(h.item());
                if (left[h.run()] > 0) {
                    left[h.run()]--;
                    heads.add(new Head<>(codec.read(runs.get(h.run())), h.run()));
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
