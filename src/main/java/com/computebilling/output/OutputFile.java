package com.computebilling.output;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

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

    public OutputFile(Path target) throws IOException {
        this.target = target;
        this.temporary = target.resolveSibling("." + target.getFileName() + ".part");
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.channel = java.nio.channels.FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        this.writer = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
    }

    public void write(String text) throws IOException {
        writer.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Text already encoded in UTF-8 (stored charge rows): copied as it is. */
    public void write(byte[] utf8) throws IOException {
        writer.write(utf8);
    }

    /** Flushes, syncs and renames into place. */
    public void commit() throws IOException {
        writer.flush();
        channel.force(true);
        writer.close();
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
    }

    /**
     * An uncommitted file is removed, even when closing it fails (a full disk fails the flush that closing does): a
     * half-written temporary must not stay behind.
     */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                writer.close();
            } finally {
                Files.deleteIfExists(temporary);
            }
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
