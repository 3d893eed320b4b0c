package com.computebilling.job;

import com.computebilling.findings.SourceRef;
import com.computebilling.orders.Order;
import com.computebilling.rating.ResourceWork;
import com.computebilling.usage.UsageRecord;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams the staged orders and usage of some buckets, each sorted by resource, and hands out one resource at a time
 * with all its rows: memory holds the orders of the bucket it is in (a 64th of the run's, see {@link OrderPacks}),
 * one resource's records and at most a window of the bucket's packed usage ({@link BucketUsage}), never the whole
 * export. Restart resumes in the bucket it was in, after the last resource a committed chunk took
 * ({@code resource_id > last}), so nothing is rated twice.
 *
 * <p>It reads on a connection of its own, outside the chunk transactions, so that its reads survive commits.
 * <p>Results stored for resources beyond its committed position (a crashed execution's leftovers) are discarded
 * before the rating step's partitions start ({@link #discardLeftovers}, called by {@link PartitionDefinitions}): those
 * resources are rated again.
 */
class ResourceWorkReader implements ItemStreamReader<ResourceWork> {

    private static final String BUCKET = "resourceWork.bucketIndex";
    private static final String LAST = "resourceWork.lastResourceId";
    /** Packs read per query: at most 128 × 256 KB, usually 128 × a few KB. */
    private static final int PACKS_PAGE = 128;

    private final DataSource dataSource;
    private final long runId;
    private final List<Integer> buckets;
    /** Resource ids compared as the database sorts them, so that usage and orders meet resource by resource. */
    private final Comparator<String> ids;
    private Connection connection;
    private PreparedStatement orderPacks;
    private PreparedStatement duplicateOrders;
    /** The bucket's orders after the restart position, in rating order; {@link #nextOrder} is the next to hand out. */
    private List<Order> orders = List.of();
    private Set<SourceRef> duplicates = Set.of();
    private int nextOrder;
    private PreparedStatement sources;
    private PreparedStatement packs;
    private final long windowBytes;
    private BucketUsage usage;
    private int bucketIndex;
    private String lastReturned;

    ResourceWorkReader(DataSource dataSource, long runId, List<Integer> buckets,
                       Comparator<String> ids, long windowBytes) {
        this.windowBytes = windowBytes;
        this.dataSource = dataSource;
        this.runId = runId;
        this.buckets = List.copyOf(buckets);
        this.ids = ids;
    }

    /**
     * Discards what is rated of a rating partition's buckets beyond the last resource its committed chunks took, as
     * saved in its context; run before the step's partitions start (see {@link Leftovers}).
     */
    static void discardLeftovers(ResultStore results, long runId, List<Integer> buckets, ExecutionContext context) {
        int bucket = context.containsKey(BUCKET) ? context.getInt(BUCKET) : 0;
        String last = context.containsKey(LAST) ? context.getString(LAST) : "";
        results.discardRatedAfter(runId, buckets.subList(Math.min(bucket, buckets.size()), buckets.size()), last);
    }

    @Override
    public void open(ExecutionContext context) {
        bucketIndex = context.containsKey(BUCKET) ? context.getInt(BUCKET) : 0;
        lastReturned = context.containsKey(LAST) ? context.getString(LAST) : "";
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);   // PostgreSQL streams a cursor only inside a transaction
            connection.setReadOnly(true);
            // A bucket's orders are read whole (a 64th of the run's; see OrderPacks) and sorted here.
            orderPacks = connection.prepareStatement("SELECT source, records FROM order_pack"
                    + " WHERE run_id = ? AND bucket = ?");
            duplicateOrders = connection.prepareStatement("SELECT source, line FROM order_duplicate"
                    + " WHERE run_id = ? AND bucket = ?");
            sources = connection.prepareStatement("SELECT DISTINCT source FROM usage_pack WHERE run_id = ? AND bucket = ?");
            // A page of packs at a time, by key: H2 executes a query whole before the first row (a fetch size means
            // nothing to it), which for a bucket of a 100-million-row run held its packs twice, in H2 and here. The
            // page seeks on the whole key and is ordered by it, so that neither database scans or sorts the bucket.
            packs = connection.prepareStatement("SELECT first_line, records FROM usage_pack"
                    + " WHERE run_id = ? AND bucket = ? AND source = ? AND first_line > ?"
                    + " ORDER BY run_id, bucket, source, first_line LIMIT " + PACKS_PAGE);
            openBucket();
        } catch (SQLException e) {
            throw new ItemStreamException("cannot open the staged rows of run " + runId, e);
        }
    }

    private void openBucket() throws SQLException {
        if (bucketIndex < buckets.size()) {
            int bucket = buckets.get(bucketIndex);
            openOrders(bucket);
            List<String> files = filesOf(bucket);   // once a bucket: a large one is read once more per window
            usage = new BucketUsage(consumer -> packsOf(bucket, files, consumer), lastReturned, ids, windowBytes);
        }
    }

    private void openOrders(int bucket) throws SQLException {
        List<Order> read = new ArrayList<>();
        orderPacks.setLong(1, runId);
        orderPacks.setInt(2, bucket);
        try (ResultSet rs = orderPacks.executeQuery()) {
            while (rs.next()) {
                for (Order o : OrderPacks.unpack(rs.getString(1), rs.getBytes(2))) {
                    if (ids.compare(o.resourceId(), lastReturned) > 0) {
                        read.add(o);
                    }
                }
            }
        }
        read.sort(OrderPacks.readOrder(ids));
        Set<SourceRef> flagged = new HashSet<>();
        duplicateOrders.setLong(1, runId);
        duplicateOrders.setInt(2, bucket);
        try (ResultSet rs = duplicateOrders.executeQuery()) {
            while (rs.next()) {
                flagged.add(new SourceRef(rs.getString(1), rs.getLong(2)));
            }
        }
        orders = read;
        duplicates = flagged;
        nextOrder = 0;
    }

    private String headOrderResource() {
        return nextOrder < orders.size() ? orders.get(nextOrder).resourceId() : null;
    }

    /** The input files the bucket has packs from (staging is done: they do not change while rating). */
    private List<String> filesOf(int bucket) throws SQLException {
        List<String> files = new ArrayList<>();
        sources.setLong(1, runId);
        sources.setInt(2, bucket);
        try (ResultSet rs = sources.executeQuery()) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }

    /** Streams the bucket's packed usage (about 100 bytes a record) to {@code consumer}, a page at a time. */
    private void packsOf(int bucket, List<String> files, BucketUsage.PackConsumer consumer) throws SQLException {
        for (String source : files) {
            long firstLine = -1;
            int read;
            do {
                packs.setLong(1, runId);
                packs.setInt(2, bucket);
                packs.setString(3, source);
                packs.setLong(4, firstLine);
                read = 0;
                try (ResultSet rs = packs.executeQuery()) {
                    while (rs.next()) {
                        firstLine = rs.getLong(1);
                        consumer.accept(source, rs.getBytes(2));
                        read++;
                    }
                }
            } while (read == PACKS_PAGE);
        }
    }

    @Override
    public ResourceWork read() throws SQLException {
        while (bucketIndex < buckets.size()) {
            String next = smallest(headOrderResource(), usage.headResource());
            if (next != null) {
                return take(next);
            }
            bucketIndex++;
            lastReturned = "";
            openBucket();
        }
        return null;
    }

    private ResourceWork take(String resource) throws SQLException {
        List<Order> kept = new ArrayList<>();
        List<Order> repeated = new ArrayList<>();
        while (resource.equals(headOrderResource())) {
            Order o = orders.get(nextOrder++);
            (duplicates.contains(o.source()) ? repeated : kept).add(o);
        }
        List<UsageRecord> records = new ArrayList<>();
        while (resource.equals(usage.headResource())) {
            records.add(usage.take());
        }
        lastReturned = resource;
        return new ResourceWork(resource, kept, repeated, records);
    }

    /** Orders and the usage merge are both sorted by {@link #ids}, the database's text order. */
    private String smallest(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return ids.compare(a, b) <= 0 ? a : b;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(BUCKET, bucketIndex);
        context.putString(LAST, lastReturned);
    }

    @Override
    public void close() {
        try {
            if (orderPacks != null) {
                orderPacks.close();
            }
            if (duplicateOrders != null) {
                duplicateOrders.close();
            }
            if (packs != null) {
                packs.close();
            }
            if (sources != null) {
                sources.close();
            }
            if (connection != null) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException e) {
            throw new ItemStreamException("cannot close the staged rows cursor", e);
        } finally {
            connection = null;
        }
    }
}
