package com.computebilling.job;

import com.computebilling.findings.Finding;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static com.computebilling.job.StoreKeys.truncate;

/** The one INSERT of findings, shared by loading (malformed rows, no bucket) and rating. */
final class FindingRows {

    /** The bucket of a finding that belongs to no rated resource (a malformed row). */
    static final int NO_BUCKET = -1;

    private FindingRows() {
    }

    /** A finding and the bucket of the resource it is about ({@link #NO_BUCKET} for a malformed row). */
    record BucketedFinding(int bucket, Finding finding) {
    }

    static void insert(JdbcTemplate jdbc, long runId, List<BucketedFinding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO finding (run_id, code, severity, source, line, account_id, resource_id,"
                + " order_id, record_id, detail, bucket) VALUES (?,?,?,?,?,?,?,?,?,?,?)", findings, findings.size(),
                (ps, bf) -> {
                    Finding f = bf.finding();
                    ps.setLong(1, runId);
                    ps.setString(2, f.code().name());
                    ps.setString(3, f.severity().name());
                    ps.setString(4, f.source().file());
                    ps.setLong(5, f.source().line());
                    ps.setString(6, f.accountId());
                    ps.setString(7, f.resourceId());
                    ps.setString(8, f.orderId());
                    ps.setString(9, f.recordId());
                    ps.setString(10, truncate(f.detail(), 2000));
                    ps.setInt(11, bf.bucket());
                });
    }
}
