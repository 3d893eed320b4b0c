package com.computebilling.job;

import com.computebilling.findings.SourceRef;
import com.computebilling.time.Interval;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Staged usage is stored in packs, not a row per record: a pack holds one chunk's records of one bucket from one
 * file, sorted the way rating reads them, as one binary value. A chunk of 2,000 rows becomes about 64 stored rows
 * instead of 2,000 (H2 inserts each row into two trees, its row-id tree and the key's), and rating reads a bucket as
 * a few hundred sequential values instead of looking each row up through the key. Rating merges a bucket's packs,
 * each already sorted, so memory holds packed bytes (about 100 bytes a record, at most a window of the bucket's:
 * {@link BucketUsage}), not records.
 *
 * <p>A pack is keyed by its smallest line: every record in it came from one chunk, and a chunk is committed whole or
 * not at all, so "the packs of lines after {@code n}" are exactly the rows of chunks after line {@code n}, which is
 * what a restarted load discards.
 */
final class UsagePacks {

    /** A pack is closed once it passes this size (a chunk of one resource's rows would otherwise be one value). */
    static final int MAX_BYTES = 256 * 1024;

    /** The first byte of every pack: a later layout gets another number, so a pack is never misread. */
    private static final int LAYOUT = 1;

    /**
     * Rating's order within a bucket: by resource (in the database's text order, {@code ids}, so that usage and the
     * orders a query sorts meet resource by resource), then start, then file and line.
     */
    static Comparator<UsageRecord> readOrder(Comparator<String> ids) {
        return (a, b) -> {
            int c = ids.compare(a.resourceId(), b.resourceId());
            if (c == 0) {
                c = a.interval().start().compareTo(b.interval().start());
            }
            if (c == 0) {
                c = ids.compare(a.source().file(), b.source().file());
            }
            return c != 0 ? c : Long.compare(a.source().line(), b.source().line());
        };
    }

    private UsagePacks() {
    }

    /** Packs a chunk's records: grouped by bucket and file, each group sorted in {@link #readOrder} of {@code ids}. */
    static List<StagedPack> pack(List<? extends UsageRecord> records, Comparator<String> ids) {
        Comparator<UsageRecord> order = readOrder(ids);
        Map<PackGroup, List<UsageRecord>> groups = new LinkedHashMap<>();
        for (UsageRecord u : records) {
            groups.computeIfAbsent(new PackGroup(RatingBuckets.of(u.resourceId()), u.source().file()),
                    g -> new ArrayList<>()).add(u);
        }
        List<StagedPack> packs = new ArrayList<>();
        groups.forEach((group, rows) -> {
            rows.sort(order);
            Writer writer = new Writer(rows.size());
            for (UsageRecord u : rows) {
                writer.add(u);
                if (writer.size() >= MAX_BYTES) {
                    packs.add(writer.close(group.bucket(), group.source()));
                    writer = new Writer(rows.size());
                }
            }
            if (writer.rows > 0) {
                packs.add(writer.close(group.bucket(), group.source()));
            }
        });
        return packs;
    }

    /** The records of one pack, in the order they were packed. */
    static List<UsageRecord> unpack(String source, byte[] bytes) {
        Reader reader = new Reader(source, bytes);
        List<UsageRecord> records = new ArrayList<>();
        while (reader.head != null) {
            records.add(reader.take());
        }
        return records;
    }

    private static final class Writer {
        private final PackOutput out;
        private int rows;
        private long firstLine = Long.MAX_VALUE;

        /** @param records how many records the pack will hold: room for them as usually written, at most a pack's */
        Writer(int records) {
            out = new PackOutput(Math.min(MAX_BYTES, 1 + 128 * records));
            out.writeByte(LAYOUT);
        }

        void add(UsageRecord u) {
            out.writeUtf(u.resourceId());
            out.writeLong(u.interval().start().getEpochSecond());
            out.writeLong(u.interval().end().getEpochSecond());
            out.writeLong(u.source().line());
            out.writeUtf(u.recordId());
            out.writeUtf(u.accountId());
            out.writeUtf(u.resourceClass().name());
            out.writeUtf(u.region());
            out.writeUtf(u.sku());
            out.writeInt(u.quantity());
            rows++;
            firstLine = Math.min(firstLine, u.source().line());
        }

        int size() {
            return out.size();
        }

        StagedPack close(int bucket, String source) {
            return new StagedPack(bucket, source, firstLine, rows, out.toByteArray());
        }
    }

    /**
     * Adds, for each resource after {@code after}, the bytes its records take in this pack to {@code bytesByResource}:
     * what sizes the windows a large bucket is read in ({@link BucketUsage}). Reads only the resource ids.
     */
    static void tally(String source, byte[] bytes, String after, Comparator<String> ids,
                      Map<String, Long> bytesByResource) {
        Skimmer skim = new Skimmer(source, bytes);
        while (skim.next()) {
            if (ids.compare(skim.resource, after) > 0) {
                bytesByResource.merge(skim.resource, (long) (skim.end - skim.start), Long::sum);
            }
        }
    }

    /**
     * The records of a pack whose resources lie in {@code (after, upTo]}, as a pack of their own, or null when there
     * are none. A pack is sorted by resource first, so they are one run of its bytes.
     */
    static byte[] slice(String source, byte[] bytes, String after, String upTo, Comparator<String> ids) {
        Skimmer skim = new Skimmer(source, bytes);
        int from = -1;
        int to = bytes.length;
        while (skim.next()) {
            if (ids.compare(skim.resource, after) <= 0) {
                continue;
            }
            if (ids.compare(skim.resource, upTo) > 0) {
                to = skim.start;
                break;
            }
            if (from < 0) {
                from = skim.start;
            }
        }
        if (from < 0 || from >= to) {
            return null;
        }
        byte[] slice = new byte[1 + to - from];
        slice[0] = (byte) LAYOUT;
        System.arraycopy(bytes, from, slice, 1, to - from);
        return slice;
    }

    /** Walks a pack's records reading only their resource ids and where each record starts and ends. */
    private static final class Skimmer {
        private final String source;
        private final PackInput in;
        private String resource;
        private int start;
        private int end;

        Skimmer(String source, byte[] bytes) {
            this.source = source;
            this.in = new PackInput(bytes, 1);
            readLayout(in, source);
            end = in.position();
        }

        boolean next() {
            if (!in.hasMore()) {
                return false;
            }
            start = end;
            try {
                resource = in.readUtf(0);
                in.skip(3 * Long.BYTES);           // start, end, line
                for (int i = 0; i < 5; i++) {      // record id, account, class, region, SKU
                    in.skipUtf();
                }
                in.skip(Integer.BYTES);            // quantity
            } catch (IOException e) {
                throw new UncheckedIOException("a truncated staged usage pack of " + source, e);
            }
            end = in.position();
            return true;
        }
    }

    private static void readLayout(PackInput in, String source) {
        try {
            int layout = in.readUnsignedByte();
            if (layout != LAYOUT) {
                throw new IllegalStateException("a staged usage pack of " + source + " has layout " + layout
                        + ", this version reads " + LAYOUT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an empty staged usage pack of " + source, e);
        }
    }

    /** Reads one pack a record at a time; {@link #head} is the next record, or null at the end. */
    private static final class Reader {
        private static final int RESOURCE = 0;
        private static final int ACCOUNT = 1;
        private static final int CLASS = 2;
        private static final int REGION = 3;
        private static final int SKU = 4;

        private final String source;
        private final PackInput in;
        private UsageRecord head;

        Reader(String source, byte[] bytes) {
            this.source = source;
            this.in = new PackInput(bytes, 5);
            readLayout(in, source);
            advance();
        }

        UsageRecord take() {
            UsageRecord taken = head;
            advance();
            return taken;
        }

        private void advance() {
            try {
                if (!in.hasMore()) {
                    head = null;
                    return;
                }
                String resourceId = in.readUtf(RESOURCE);
                Instant start = Instant.ofEpochSecond(in.readLong());
                Instant end = Instant.ofEpochSecond(in.readLong());
                long line = in.readLong();
                String recordId = in.readUtf();
                String accountId = in.readUtf(ACCOUNT);
                ResourceClass resourceClass = ResourceClass.valueOf(in.readUtf(CLASS));
                String region = in.readUtf(REGION);
                String sku = in.readUtf(SKU);
                int quantity = in.readInt();
                head = new UsageRecord(recordId, accountId, resourceId, resourceClass, region, sku, quantity,
                        new Interval(start, end), new SourceRef(source, line));
            } catch (IOException e) {
                throw new UncheckedIOException("a truncated staged usage pack of " + source, e);
            }
        }
    }

    /**
     * A bucket's records in {@link #readOrder} of {@code ids} (the order its packs were sorted in), merged from its
     * packs, leaving out resources up to and including {@code after} (those a committed chunk already rated).
     */
    static final class Merge {
        private final PriorityQueue<Reader> readers;

        Merge(List<StoredPack> packs, String after, Comparator<String> ids) {
            Comparator<UsageRecord> order = readOrder(ids);
            readers = new PriorityQueue<>(Math.max(1, packs.size()), (a, b) -> order.compare(a.head, b.head));
            for (StoredPack p : packs) {
                Reader reader = new Reader(p.source(), p.bytes());
                while (reader.head != null && ids.compare(reader.head.resourceId(), after) <= 0) {
                    reader.advance();
                }
                if (reader.head != null) {
                    readers.add(reader);
                }
            }
        }

        /** The resource of the next record, or null when the bucket is done. */
        String headResource() {
            Reader first = readers.peek();
            return first == null ? null : first.head.resourceId();
        }

        UsageRecord take() {
            Reader first = readers.poll();
            if (first == null) {
                throw new NoSuchElementException("the bucket's staged usage is exhausted");
            }
            UsageRecord taken = first.take();
            if (first.head != null) {
                readers.add(first);
            }
            return taken;
        }
    }

    /** A pack as read back: its file and bytes. */
    record StoredPack(String source, byte[] bytes) {
    }
}
