package com.computebilling.output;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An output file that is complete or absent: written under a temporary name in the same directory, forced to
 * disk, then moved over the final name in one atomic rename. A run killed half-way leaves only the temporary,
 * which the next attempt overwrites from the start.
 */
public final class OutputFile implements Closeable {

    private final Path target;
    private final Path temporary;
    private final BufferedOutputStream writer;
    private final java.nio.channels.FileChannel channel;
    private boolean committed;

    /**
     * Bytes written from which the file written so far is forced to disk on a thread of its own while the writing goes
     * on. Nothing makes the kernel write a fresh file's pages before it is forced (they are far below the dirty-page
     * thresholds), so forcing 500 MB of charges.csv at the end took 0.4 s of the run in which nothing else happened;
     * forced as it grows, the disk writes while the file is being copied, and the last forcing has only the tail.
     */
    static final long FORCE_EVERY_BYTES = 64L << 20;

    private final long forceEvery;
    private long unforced;
    private int forcings;
    private ExecutorService forcing;
    private Future<?> forced;

    public OutputFile(Path target) throws IOException {
        this(target, FORCE_EVERY_BYTES);
    }

    OutputFile(Path target, long forceEveryBytes) throws IOException {
        this.forceEvery = forceEveryBytes;
        this.target = target;
        this.temporary = target.resolveSibling("." + target.getFileName() + ".part");
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.channel = java.nio.channels.FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        this.writer = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Text already encoded in UTF-8 (stored charge rows): copied as it is. */
    public void write(byte[] utf8) throws IOException {
        writer.write(utf8);
        unforced += utf8.length;
        if (unforced >= forceEvery && (forced == null || forced.isDone())) {
            awaitForced();                       // done: a failure to force fails the file here
            unforced = 0;
            if (forcing == null) {
                forcing = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "outputForce");
                    t.setDaemon(true);
                    return t;
                });
            }
            forcings++;
            forced = forcing.submit(() -> {
                channel.force(false);
                return null;
            });
        }
    }

    /** Flushes, syncs and renames into place. */
    public void commit() throws IOException {
        writer.flush();
        awaitForced();
        channel.force(true);
        writer.close();
        putInPlace(temporary, target);
        committed = true;
    }

    /**
     * Renames a complete file, already forced to disk, to its output name in the same directory, in one step: a reader
     * sees the old file or the new one, never part of one.
     */
    public static void putInPlace(Path written, Path target) throws IOException {
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * An uncommitted file is removed, even when closing it fails (a full disk fails the flush that closing does): a
     * half-written temporary must not stay behind.
     */
    @Override
    public void close() throws IOException {
        if (forcing != null) {
            // not shutdownNow: a thread interrupted in the middle of a FileChannel operation closes the channel
            forcing.shutdown();
        }
        if (!committed) {
            try {
                writer.close();
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** How many times the file was forced while being written. */
    int forcingsWhileWriting() {
        return forcings;
    }

    private void awaitForced() throws IOException {
        if (forced == null) {
            return;
        }
        try {
            forced.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + temporary + " was forced to disk");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            forced = null;
        }
    }

    /**
     * Removes what an earlier attempt that died (a process killed while writing) left under the temporary names of
     * these outputs in {@code dir}; returns how many it removed.
     */
    public static int removeLeftovers(Path dir, java.util.Collection<String> outputs) throws IOException {
        int removed = 0;
        for (String name : outputs) {
            if (Files.deleteIfExists(dir.resolve("." + name + ".part"))) {
                removed++;
            }
        }
        return removed;
    }
}
