package com.computebilling.job;

import com.computebilling.report.ChargeSums;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sums {@code charges.csv}'s rows for {@code report.html} on a thread of its own while the step copies them into the
 * file: the page's figures come from the very bytes written, and neither the copy waits for the parsing nor the report
 * reads the file back. Rows are handed over in batches; at most {@link #BATCHES} are in hand at once, so a slow
 * summer holds the copy back instead of the heap filling with rows.
 */
final class ChargeSumsAside implements AutoCloseable {

    private static final int BATCH_BYTES = 1 << 20;
    private static final int BATCHES = 8;

    private final ChargeSums sums;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chargeSums");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore room = new Semaphore(BATCHES);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private List<byte[]> batch = new ArrayList<>();
    private int batchBytes;

    ChargeSumsAside(ChargeSums sums) {
        this.sums = sums;
    }

    /** Whole rows, as written into the file. */
    void add(byte[] utf8Rows) throws IOException {
        batch.add(utf8Rows);
        batchBytes += utf8Rows.length;
        if (batchBytes >= BATCH_BYTES) {
            handOver();
        }
    }

    /** Waits for every row handed over to be summed; the sums, or the failure of summing them. */
    ChargeSums finish() throws IOException {
        handOver();
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while summing charges.csv for the report");
        }
        rethrowFailure();
        return sums;
    }

    private void handOver() throws IOException {
        rethrowFailure();
        if (batch.isEmpty()) {
            return;
        }
        List<byte[]> rows = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while summing charges.csv for the report");
        }
        thread.execute(() -> {
            try {
                if (failure.get() == null) {
                    for (byte[] r : rows) {
                        sums.addRows(r);
                    }
                }
            } catch (Throwable e) {   // an Error too: rows not summed must not pass for summed ones
                failure.compareAndSet(null, e);
            } finally {
                room.release();
            }
        });
    }

    private void rethrowFailure() throws IOException {
        Throwable f = failure.get();
        if (f instanceof IOException io) {
            throw io;
        }
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f != null) {
            throw (Error) f;
        }
    }

    /** Stops the summing thread (after a failure of the copy, the sums are not wanted). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
