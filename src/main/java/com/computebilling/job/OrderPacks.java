package com.computebilling.job;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.catalog.TermLength;
import com.computebilling.findings.SourceRef;
import com.computebilling.orders.Order;
import com.computebilling.orders.OrderStatus;
import com.computebilling.orders.OrderType;
import com.computebilling.usage.ResourceClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Staged orders are stored in packs, as usage is ({@link UsagePacks}): one chunk's orders of one bucket from one
 * file in one binary value. A row per order cost H2 four tree inserts (its row id, the key and two indexes), which
 * made an order about eight times dearer to stage than a usage record. Rating reads a bucket's packs whole (a
 * 64th of the run's orders, about 300 bytes an order once read) and sorts them; duplicates are found once, when the
 * run is planned ({@link DuplicateOrders}), from a skim of the packs that decodes only the ids it is looking at.
 *
 * <p>A pack is keyed by its smallest line and holds rows of one chunk only, so a restarted load discards the packs
 * of lines after its committed position, as for usage.
 */
final class OrderPacks {

    /** The first byte of every pack: a later layout gets another number, so a pack is never misread. */
    private static final int LAYOUT = 1;

    private OrderPacks() {
    }

    /** Rating's order within a bucket: by resource (in the database's text order), then effective instant, file, line. */
    static Comparator<Order> readOrder(Comparator<String> ids) {
        return (a, b) -> {
            int c = ids.compare(a.resourceId(), b.resourceId());
            if (c == 0) {
                c = a.effectiveAt().compareTo(b.effectiveAt());
            }
            if (c == 0) {
                c = ids.compare(a.source().file(), b.source().file());
            }
            return c != 0 ? c : Long.compare(a.source().line(), b.source().line());
        };
    }

    /** Packs a chunk's orders, grouped by bucket and file, in the order they came. */
    static List<StagedPack> pack(List<? extends Order> orders) {
        Map<PackGroup, List<Order>> groups = new LinkedHashMap<>();
        for (Order o : orders) {
            groups.computeIfAbsent(new PackGroup(RatingBuckets.of(o.resourceId()), o.source().file()),
                    g -> new ArrayList<>()).add(o);
        }
        List<StagedPack> packs = new ArrayList<>();
        groups.forEach((group, rows) -> {
            PackOutput out = new PackOutput(256 * rows.size());
            long firstLine = Long.MAX_VALUE;
            out.writeByte(LAYOUT);
            for (Order o : rows) {
                write(out, o);
                firstLine = Math.min(firstLine, o.source().line());
            }
            packs.add(new StagedPack(group.bucket(), group.source(), firstLine, rows.size(), out.toByteArray()));
        });
        return packs;
    }

    private static void write(PackOutput out, Order o) {
        out.writeUtf(o.resourceId());
        out.writeLong(o.source().line());
        out.writeUtf(o.orderId());
        out.writeUtf(o.accountId());
        out.writeUtf(o.resourceClass().name());
        out.writeUtf(o.region());
        out.writeUtf(o.sku());
        out.writeInt(o.quantity());
        out.writeUtf(o.type().name());
        out.writeUtf(o.billingMode().name());
        out.writeLong(o.effectiveAt().getEpochSecond());
        out.writeBoolean(o.term() != null);
        if (o.term() != null) {
            out.writeInt(o.term().length());
            out.writeUtf(o.term().unit().name());
        }
        out.writeBoolean(o.autoRenew());
        out.writeUtf(o.status().name());
    }

    /** What finding repeated order ids needs of a staged order. */
    record IdRef(String orderId, SourceRef source, OrderStatus status, int bucket) {
    }

    /**
     * The orders of one pack whose order id falls in share {@code share} of {@code shares} (by a hash of the id's
     * stored bytes, the same on every read), read without decoding anything else: looking for repeated ids reads every
     * staged order once per share.
     */
    static void skim(String source, int bucket, byte[] bytes, int shares, int share, Consumer<IdRef> consumer) {
        PackInput in = new PackInput(bytes, 0);
        try {
            readLayout(in, source);
            while (in.hasMore()) {
                in.skipUtf();                                   // resource
                long line = in.readLong();
                int idAt = in.position();
                in.skipUtf();                                   // order id: hashed as stored, decoded when kept
                int hash = 1;
                for (int i = idAt + 2; i < in.position(); i++) {
                    hash = 31 * hash + bytes[i];
                }
                for (int i = 0; i < 4; i++) {                   // account, class, region, SKU
                    in.skipUtf();
                }
                in.skip(Integer.BYTES);                         // quantity
                in.skipUtf();                                   // type
                in.skipUtf();                                   // mode
                in.skip(Long.BYTES);                            // effective
                if (in.readBoolean()) {                         // a term: length and unit
                    in.skip(Integer.BYTES);
                    in.skipUtf();
                }
                in.skip(1);                                     // auto-renew
                int statusAt = in.position();
                in.skipUtf();
                if (Math.floorMod(hash, shares) == share) {
                    consumer.accept(new IdRef(in.utfAt(idAt), new SourceRef(source, line),
                            OrderStatus.valueOf(in.utfAt(statusAt)), bucket));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a truncated or unreadable staged order pack of " + source, e);
        }
    }

    private static void readLayout(PackInput in, String source) throws IOException {
        int layout = in.readUnsignedByte();
        if (layout != LAYOUT) {
            throw new IllegalStateException("a staged order pack of " + source + " has layout " + layout
                    + ", this version reads " + LAYOUT);
        }
    }

    // The strings a pack's orders repeat, each read into a slot of its own (see PackInput).
    private static final int RESOURCE = 0;
    private static final int ACCOUNT = 1;
    private static final int CLASS = 2;
    private static final int REGION = 3;
    private static final int SKU = 4;
    private static final int TYPE = 5;
    private static final int MODE = 6;
    private static final int TERM_UNIT = 7;
    private static final int STATUS = 8;
    private static final int SLOTS = 9;

    /** The orders of one pack, in the order they were packed. */
    static List<Order> unpack(String source, byte[] bytes) {
        PackInput in = new PackInput(bytes, SLOTS);
        List<Order> orders = new ArrayList<>();
        try {
            readLayout(in, source);
            while (in.hasMore()) {
                String resourceId = in.readUtf(RESOURCE);
                long line = in.readLong();
                String orderId = in.readUtf();
                String accountId = in.readUtf(ACCOUNT);
                ResourceClass resourceClass = ResourceClass.valueOf(in.readUtf(CLASS));
                String region = in.readUtf(REGION);
                String sku = in.readUtf(SKU);
                int quantity = in.readInt();
                OrderType type = OrderType.valueOf(in.readUtf(TYPE));
                BillingMode mode = BillingMode.valueOf(in.readUtf(MODE));
                Instant effectiveAt = Instant.ofEpochSecond(in.readLong());
                TermLength term = in.readBoolean()
                        ? new TermLength(in.readInt(), PriceUnit.valueOf(in.readUtf(TERM_UNIT))) : null;
                boolean autoRenew = in.readBoolean();
                OrderStatus status = OrderStatus.valueOf(in.readUtf(STATUS));
                orders.add(new Order(orderId, accountId, resourceId, resourceClass, region, sku, quantity, type, mode,
                        effectiveAt, term, autoRenew, status, new SourceRef(source, line)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a truncated staged order pack of " + source, e);
        }
        return orders;
    }
}
