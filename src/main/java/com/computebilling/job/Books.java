package com.computebilling.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run's own books, checked before anything is published: every data row of every input file is either staged or
 * rejected, and every staged order and usage row was rated by the partition that owns its bucket. The file counts
 * come from the load readers, which read each file to its end on every pass, whatever a restart skipped; the staged
 * and rated counts from what the database committed. A chunk that a framework or database lost between the two would
 * otherwise leave a bill that is short and a conservation check that still balances (the lost rows are missing from
 * its input side too).
 */
final class Books {

    private Books() {
    }

    /** What the database holds of the run's staged rows. */
    static final class Staged {
        private final Map<String, Long> byFile = new TreeMap<>();
        private final Map<Integer, Long> usageByBucket = new TreeMap<>();
        private final Map<Integer, Long> ordersByBucket = new TreeMap<>();

        void file(String source, long rows) {
            byFile.merge(source, rows, Long::sum);
        }

        void orders(String source, int bucket, long rows) {
            file(source, rows);
            ordersByBucket.merge(bucket, rows, Long::sum);
        }

        void usage(String source, int bucket, long rows) {
            file(source, rows);
            usageByBucket.merge(bucket, rows, Long::sum);
        }
    }

    /** The rows the rated resources of a bucket were rated from. */
    record Rated(long usageRows, long orderRows) {
    }

    record Passed(int files, long dataRows, int buckets) {
    }

    static final class DoNotBalance extends RuntimeException {
        DoNotBalance(String message) {
            super(message);
        }
    }

    /**
     * @param files    every input file of the run, in reading order
     * @param counted  data rows per file as its reader counted them
     * @param rejected malformed rows per file
     * @param rated    per bucket, what rating accounted for
     * @throws DoNotBalance naming every file and bucket that does not add up, with the figures
     */
    static Passed check(List<String> files, Map<String, Long> counted, Staged staged, Map<String, Long> rejected,
                        Map<Integer, Rated> rated) {
        List<String> problems = new ArrayList<>();
        long dataRows = 0;
        for (String file : files) {
            Long rows = counted.get(file);
            long stagedRows = staged.byFile.getOrDefault(file, 0L);
            long rejectedRows = rejected.getOrDefault(file, 0L);
            if (rows == null) {
                problems.add(String.format("%s: its reader never recorded reaching the end of the file (%,d rows staged,"
                        + " %,d rejected)", file, stagedRows, rejectedRows));
            } else if (rows != stagedRows + rejectedRows) {
                problems.add(String.format("%s: the file has %,d data rows, but %,d are staged and %,d rejected", file,
                        rows, stagedRows, rejectedRows));
            } else {
                dataRows += rows;
            }
        }
        TreeSet<Integer> buckets = new TreeSet<>(staged.usageByBucket.keySet());
        buckets.addAll(staged.ordersByBucket.keySet());
        buckets.addAll(rated.keySet());
        for (int bucket : buckets) {
            Rated r = rated.getOrDefault(bucket, new Rated(0, 0));
            long usage = staged.usageByBucket.getOrDefault(bucket, 0L);
            long orders = staged.ordersByBucket.getOrDefault(bucket, 0L);
            if (usage != r.usageRows() || orders != r.orderRows()) {
                problems.add(String.format("rating bucket %d: %,d usage and %,d order rows staged, but %,d and %,d rated",
                        bucket, usage, orders, r.usageRows(), r.orderRows()));
            }
        }
        if (!problems.isEmpty()) {
            throw new DoNotBalance("self-check failed, nothing was billed: " + String.join("; ", problems));
        }
        return new Passed(files.size(), dataRows, RatingBuckets.COUNT);
    }
}
