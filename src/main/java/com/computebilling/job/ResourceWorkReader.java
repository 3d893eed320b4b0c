package com.computebilling.job;

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
import java.util.List;

/**
 * Streams the staged orders and usage of some buckets, each sorted by resource, and hands out one resource at a time
 * with all its rows: memory holds one resource's records and at most a window of the packed usage of the bucket it is
 * in ({@link BucketUsage}), never the whole export. Restart resumes in the bucket it was in,
 * after the last resource a committed chunk took ({@code resource_id > last}), so nothing is rated twice.
 *
 * <p>It reads on a connection of its own, outside the chunk transactions, so its order cursor survives commits.
 * <p>When it opens, results stored for resources beyond its committed position (a crashed execution's leftovers) are
 * discarded: those resources are rated again.
 */
class ResourceWorkReader implements ItemStreamReader<ResourceWork> {

    private static final String BUCKET = "resourceWork.bucketIndex";
    private static final String LAST = "resourceWork.lastResourceId";
    /** Packs read per query: at most 128 × 256 KB, usually 128 × a few KB. */
    private static final int PACKS_PAGE = 128;

    private final DataSource dataSource;
    private final ResultStore results;
    private final long runId;
    private final List<Integer> buckets;
    /** Resource ids compared as the database sorts them, so that usage and orders meet resource by resource. */
    private final Comparator<String> ids;
    private Connection connection;
    private Cursor<Order> orders;
    private PreparedStatement sources;
    private PreparedStatement packs;
    private final long windowBytes;
    private BucketUsage usage;
    private int bucketIndex;
    private String lastReturned;

    ResourceWorkReader(DataSource dataSource, ResultStore results, long runId, List<Integer> buckets,
                       Comparator<String> ids, long windowBytes) {
        this.windowBytes = windowBytes;
        this.dataSource = dataSource;
        this.results = results;
        this.runId = runId;
        this.buckets = List.copyOf(buckets);
        this.ids = ids;
    }

    @Override
    public void open(ExecutionContext context) {
        bucketIndex = context.containsKey(BUCKET) ? context.getInt(BUCKET) : 0;
        lastReturned = context.containsKey(LAST) ? context.getString(LAST) : "";
        results.discardRatedAfter(runId, buckets.subList(Math.min(bucketIndex, buckets.size()), buckets.size()),
                lastReturned);
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);   // PostgreSQL streams a cursor only inside a transaction
            connection.setReadOnly(true);
            orders = new Cursor<>(connection, "SELECT " + StagingStore.ORDER_COLUMNS + " FROM order_row"
                    + " WHERE run_id = ? AND bucket = ? AND resource_id > ? ORDER BY resource_id, effective_at, source, line",
                    StagingStore::order);
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
            orders.open(runId, bucket, lastReturned);
            List<String> files = filesOf(bucket);   // once a bucket: a large one is read once more per window
            usage = new BucketUsage(consumer -> packsOf(bucket, files, consumer), lastReturned, ids, windowBytes);
        }
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
            String next = smallest(orders.headResource(), usage.headResource());
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
        List<Order> duplicates = new ArrayList<>();
        while (resource.equals(orders.headResource())) {
            (orders.headFlag() ? duplicates : kept).add(orders.take());
        }
        List<UsageRecord> records = new ArrayList<>();
        while (resource.equals(usage.headResource())) {
            records.add(usage.take());
        }
        lastReturned = resource;
        return new ResourceWork(resource, kept, duplicates, records);
    }

    /** The order cursor sorts by the database's order, the usage merge by {@link #ids}: the same order. */
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
            if (orders != null) {
                orders.close();
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

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A forward-only cursor with one row of look-ahead, re-executed for each bucket. */
    private static final class Cursor<T> {
        private final PreparedStatement statement;
        private final RowMapper<T> mapper;
        private ResultSet rs;
        private boolean hasRow;

        Cursor(Connection c, String sql, RowMapper<T> mapper) throws SQLException {
            this.statement = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            this.statement.setFetchSize(1000);
            this.mapper = mapper;
        }

        void open(long runId, int bucket, String after) throws SQLException {
            if (rs != null) {
                rs.close();
            }
            statement.setLong(1, runId);
            statement.setInt(2, bucket);
            statement.setString(3, after);
            rs = statement.executeQuery();
            hasRow = rs.next();
        }

        String headResource() throws SQLException {
            return hasRow ? rs.getString(1) : null;
        }

        /** The duplicate flag of the head row (order rows only: their last column). */
        boolean headFlag() throws SQLException {
            return rs.getBoolean(rs.getMetaData().getColumnCount());
        }

        T take() throws SQLException {
            T value = mapper.map(rs);
            hasRow = rs.next();
            return value;
        }

        void close() throws SQLException {
            if (rs != null) {
                rs.close();
            }
            statement.close();
        }
    }
}
