package com.computebilling.job;

import com.computebilling.usage.UsageRecord;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One rating bucket's staged usage, in rating's order, held at most about {@code windowBytes} of packed records at a
 * time. A bucket's packs are each sorted, so merging them needs all of them at once; a bucket is a 64th of the run's
 * usage, which at 100 million rows is some 150 MB a worker. So when the packs outgrow the window on the first read,
 * the bucket is read again in windows of consecutive resources: each window takes from every pack only the run of
 * bytes of its resources ({@link UsagePacks#slice}) and merges those. Resources come out in the same order either
 * way, so the reader's restart position (the last resource a committed chunk took) means the same thing.
 * <p>
 * Most buckets fit: they are read once, as before. A bucket that does not is read once to size its windows and once
 * more per window.
 */
final class BucketUsage {

    /** Streams a bucket's packs, in any order, each to {@code consumer}. */
    @FunctionalInterface
    interface Packs {
        void each(PackConsumer consumer) throws SQLException;
    }

    @FunctionalInterface
    interface PackConsumer {
        void accept(String source, byte[] bytes);
    }

    private final Packs packs;
    private final Comparator<String> ids;
    /** The last resource of each window still to read, in order. */
    private final Deque<String> windowEnds = new ArrayDeque<>();
    private String readUpTo;
    private UsagePacks.Merge merge;
    private int windowsRead;

    BucketUsage(Packs packs, String after, Comparator<String> ids, long windowBytes) throws SQLException {
        this.packs = packs;
        this.ids = ids;
        this.readUpTo = after;
        First first = new First(after, ids, windowBytes);
        packs.each(first);
        if (first.bytesByResource == null) {
            merge = new UsagePacks.Merge(first.held, after, ids);
            windowsRead = 1;
        } else {
            merge = new UsagePacks.Merge(List.of(), after, ids);
            long inWindow = 0;
            String last = null;
            for (Map.Entry<String, Long> r : first.bytesByResource.entrySet()) {
                if (last != null && inWindow + r.getValue() > windowBytes) {
                    windowEnds.add(last);
                    inWindow = 0;
                }
                inWindow += r.getValue();
                last = r.getKey();
            }
            if (last != null) {
                windowEnds.add(last);
            }
        }
    }

    /** The resource of the next record, or null when the bucket is done. */
    String headResource() throws SQLException {
        while (merge.headResource() == null && !windowEnds.isEmpty()) {
            String upTo = windowEnds.poll();
            List<UsagePacks.StoredPack> slices = new ArrayList<>();
            String from = readUpTo;
            packs.each((source, bytes) -> {
                byte[] slice = UsagePacks.slice(source, bytes, from, upTo, ids);
                if (slice != null) {
                    slices.add(new UsagePacks.StoredPack(source, slice));
                }
            });
            merge = new UsagePacks.Merge(slices, from, ids);
            readUpTo = upTo;
            windowsRead++;
        }
        return merge.headResource();
    }

    /** The next record; {@link #headResource()} says whose it is. */
    UsageRecord take() {
        return merge.take();
    }

    /** How many times the bucket's packs were merged: 1 for a bucket that fits the window. */
    int windowsRead() {
        return windowsRead;
    }

    /**
     * The first read: keeps the packs while they fit the window (the usual case, and then the only read); once they
     * outgrow it, tallies the bytes of each resource instead, to cut the bucket into windows.
     */
    private static final class First implements PackConsumer {
        private final String after;
        private final Comparator<String> ids;
        private final long windowBytes;
        private final List<UsagePacks.StoredPack> held = new ArrayList<>();
        private long heldBytes;
        private TreeMap<String, Long> bytesByResource;

        First(String after, Comparator<String> ids, long windowBytes) {
            this.after = after;
            this.ids = ids;
            this.windowBytes = windowBytes;
        }

        @Override
        public void accept(String source, byte[] bytes) {
            if (bytesByResource != null) {
                UsagePacks.tally(source, bytes, after, ids, bytesByResource);
                return;
            }
            held.add(new UsagePacks.StoredPack(source, bytes));
            heldBytes += bytes.length;
            if (heldBytes > windowBytes) {
                bytesByResource = new TreeMap<>(ids);
                for (UsagePacks.StoredPack p : held) {
                    UsagePacks.tally(p.source(), p.bytes(), after, ids, bytesByResource);
                }
                held.clear();
            }
        }
    }
}
