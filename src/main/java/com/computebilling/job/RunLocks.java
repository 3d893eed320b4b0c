package com.computebilling.job;

import com.computebilling.digest.Sha256;

import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One run per period and zone at a time, across processes. On PostgreSQL a session advisory lock, held on a
 * connection of its own for as long as the run goes: it vanishes with the process, so an execution left STARTED
 * under a free lock is certainly dead. The embedded H2 database admits a single process (its file lock), so there
 * the lock is the database itself.
 */
@Component
public class RunLocks {

    public interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    private final DataSource dataSource;
    private final ConnectedDatabase database;

    public RunLocks(DataSource dataSource, ConnectedDatabase database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    /** The lock for this period and zone, or empty when another run holds it. */
    public Optional<Lock> tryAcquire(String period, String zone) {
        return acquire(period, zone, "SELECT pg_try_advisory_lock(?)");
    }

    /** Waits for the lock (the inbox processes its drops in order, so it queues behind another run). */
    public Lock acquireWaiting(String period, String zone) {
        return acquire(period, zone, "SELECT pg_advisory_lock(?) IS NULL OR TRUE")
                .orElseThrow(() -> new IllegalStateException("advisory lock not granted"));
    }

    private Optional<Lock> acquire(String period, String zone, String sql) {
        if (!database.postgres()) {   // H2 admits one process: nothing to lock against
            return Optional.of(() -> { });
        }
        try {
            Connection c = dataSource.getConnection();
            long key = key(period, zone);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        c.close();
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(() -> release(c, key));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the run lock: " + e.getMessage(), e);
        }
    }

    private static void release(Connection c, long key) {
        try (c; PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        } catch (SQLException ignored) {
            // closing the session releases it anyway
        }
    }

    static long key(String period, String zone) {
        return ByteBuffer.wrap(Sha256.of("billing-run|" + period + "|" + zone)).getLong();
    }
}
