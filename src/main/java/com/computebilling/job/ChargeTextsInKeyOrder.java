package com.computebilling.job;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A run's charges.csv texts in the file's order — account, resource, part — from the pieces rating stored them in
 * (bucket, then resource: {@link ChargeTextGroups}). The pieces are read once, in any order: their packed blocks are
 * appended to a scratch file as they are, and each text's key, with where its block lies, is sorted in bounded memory
 * ({@link SortedInRuns}: runs of {@code keysRun} keys of about 150 bytes each, spilled to a second scratch file past
 * the first). One key per account and resource: the 100,000 of the one-day benchmark set fit one run. Then each block
 * is read back and unpacked as its key's turn comes: memory holds one text at a time. Text compares as the database's
 * {@code ORDER BY} does ({@link Database#textOrder}), so the order is the one the database gave when each text was a
 * row of its own. Not thread-safe.
 */
final class ChargeTextsInKeyOrder implements Closeable {

    /** Keys sorted in memory at a time. */
    static final int KEYS_RUN = 200_000;

    private record Located(String accountId, String resourceId, int part, long at, int packedBytes, int plainBytes) {
    }

    private static final SortedInRuns.Codec<Located> CODEC = new SortedInRuns.Codec<>() {
        @Override
        public void write(DataOutputStream out, Located k) throws IOException {
            out.writeUTF(k.accountId());
            out.writeUTF(k.resourceId());
            out.writeInt(k.part());
            out.writeLong(k.at());
            out.writeInt(k.packedBytes());
            out.writeInt(k.plainBytes());
        }

        @Override
        public Located read(DataInputStream in) throws IOException {
            return new Located(in.readUTF(), in.readUTF(), in.readInt(), in.readLong(), in.readInt(), in.readInt());
        }
    };

    private final Comparator<ResultStore.KeyedText> byKey;
    private final Path blocks;
    private final FileChannel channel;
    private final SortedInRuns<Located> keys;
    private long end;
    private boolean reading;

    ChargeTextsInKeyOrder(Comparator<String> textOrder, Path blocks, Path keys, int keysRun) throws IOException {
        this.byKey = (a, b) -> compareKeys(textOrder, a.accountId(), a.resourceId(), a.part(), b.accountId(),
                b.resourceId(), b.part());
        this.blocks = blocks;
        this.keys = new SortedInRuns<>((a, b) -> compareKeys(textOrder, a.accountId(), a.resourceId(), a.part(),
                b.accountId(), b.resourceId(), b.part()), CODEC, keys, keysRun);
        this.channel = FileChannel.open(blocks, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /**
     * The file's order of two texts' keys, stored (a row each) or taken (in the scratch file): account, resource, part.
     * Written out: the copy sorts a run's 100,000 keys while both cores are busy, and
     * {@code Comparator.comparing(...).thenComparing(...)}'s three layers of lambdas, each compiled on its own, were an
     * eighth of the copy's samples.
     */
    private static int compareKeys(Comparator<String> textOrder, String accountA, String resourceA, int partA,
                                   String accountB, String resourceB, int partB) {
        int c = textOrder.compare(accountA, accountB);
        if (c == 0) {
            c = textOrder.compare(resourceA, resourceB);
        }
        return c != 0 ? c : Integer.compare(partA, partB);
    }

    /** Takes a stored piece's texts; all pieces come before the texts are read. */
    void add(byte[] piece) throws IOException {
        if (reading) {
            throw new IllegalStateException("texts are being read");
        }
        List<ChargeTextGroups.Entry> entries = ChargeTextGroups.entries(piece);
        if (entries.isEmpty()) {
            return;
        }
        // the blocks follow each other to the piece's end: one write
        int first = entries.get(0).at();
        ByteBuffer bytes = ByteBuffer.wrap(piece, first, piece.length - first);
        while (bytes.hasRemaining()) {
            channel.write(bytes, end + (bytes.position() - first));
        }
        for (ChargeTextGroups.Entry e : entries) {
            keys.add(new Located(e.accountId(), e.resourceId(), e.part(), end + (e.at() - first), e.packedBytes(),
                    e.plainBytes()));
        }
        end += piece.length - first;
    }

    /**
     * Every text taken, with those of {@code stored} merged in, in key order; {@code stored} gives its own in that
     * order already (texts stored a row each before V20: a run rated partly before it and resumed after holds both
     * kinds; a key is never in both).
     */
    void inOrder(Iterator<ResultStore.KeyedText> stored, SortedInRuns.Sink<ResultStore.KeyedText> out)
            throws IOException {
        reading = true;
        ResultStore.KeyedText[] waiting = {stored.hasNext() ? stored.next() : null};
        keys.inOrder(k -> {
            ResultStore.KeyedText text = new ResultStore.KeyedText(k.accountId(), k.resourceId(), k.part(),
                    k.plainBytes() == 0 ? new byte[0]
                            : PackedRows.unblock(read(k.at(), k.packedBytes()), 0, k.packedBytes(), k.plainBytes()));
            while (waiting[0] != null && byKey.compare(waiting[0], text) < 0) {
                out.accept(waiting[0]);
                waiting[0] = stored.hasNext() ? stored.next() : null;
            }
            out.accept(text);
        });
        for (ResultStore.KeyedText t = waiting[0]; t != null; t = stored.hasNext() ? stored.next() : null) {
            out.accept(t);
        }
    }

    private byte[] read(long at, int length) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(length);
        while (block.hasRemaining()) {
            if (channel.read(block, at + block.position()) < 0) {
                throw new EOFException("the scratch file " + blocks + " ends before " + (at + length));
            }
        }
        return block.array();
    }

    /** Removes both scratch files. */
    @Override
    public void close() throws IOException {
        try (keys) {
            channel.close();
        } finally {
            Files.deleteIfExists(blocks);
        }
    }
}
