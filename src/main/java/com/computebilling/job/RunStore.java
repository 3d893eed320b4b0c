package com.computebilling.job;

import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What a run decided: its processed period (plan) and the outcome of its self-check (checkBooks). */
@Component
class RunStore {

    private final JdbcTemplate jdbc;

    RunStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void savePlan(long runId, ProcessedPeriod period) {
        jdbc.update("DELETE FROM run_plan WHERE run_id = ?", runId);
        String value = period.kind() == ProcessedPeriod.Kind.DAY ? period.days().get(0).toString()
                : period.months().stream().map(YearMonth::toString).collect(Collectors.joining(","));
        jdbc.update("INSERT INTO run_plan (run_id, zone, period_kind, period_value, day_count) VALUES (?,?,?,?,?)",
                runId, period.zone().toString(), period.kind().name(), value, period.days().size());
    }

    Optional<ProcessedPeriod> plan(long runId) {
        List<ProcessedPeriod> plans = jdbc.query("SELECT zone, period_kind, period_value FROM run_plan WHERE run_id = ?",
                (rs, i) -> {
                    BillingZone zone = BillingZone.of(rs.getString(1));
                    String value = rs.getString(3);
                    return switch (ProcessedPeriod.Kind.valueOf(rs.getString(2))) {
                        case DAY -> ProcessedPeriod.day(LocalDate.parse(value), zone);
                        case MONTH -> ProcessedPeriod.month(YearMonth.parse(value), zone);
                        case MONTHS_OF_USAGE -> ProcessedPeriod.monthsOfUsage(value.isEmpty() ? new TreeSet<>()
                                : java.util.Arrays.stream(value.split(",")).map(YearMonth::parse)
                                .collect(Collectors.toCollection(TreeSet::new)), zone);
                    };
                }, runId);
        return plans.stream().findFirst();
    }

    void saveCheck(long runId, Books.Passed passed) {
        jdbc.update("DELETE FROM run_check WHERE run_id = ?", runId);
        jdbc.update("INSERT INTO run_check (run_id, status, files, data_rows, buckets) VALUES (?,?,?,?,?)", runId,
                "PASSED", passed.files(), passed.dataRows(), passed.buckets());
    }

    /** A failed check is kept (in its own transaction, the step's rolls back) so the next attempt starts over. */
    void saveFailedCheck(long runId) {
        jdbc.update("DELETE FROM run_check WHERE run_id = ?", runId);
        jdbc.update("INSERT INTO run_check (run_id, status, files, data_rows, buckets) VALUES (?,?,0,0,0)", runId,
                "FAILED");
    }

    boolean checkFailed(long runId) {
        return Boolean.TRUE.equals(jdbc.query("SELECT 1 FROM run_check WHERE run_id = ? AND status = 'FAILED'",
                ResultSet::next, runId));
    }

    Optional<Books.Passed> check(long runId) {
        return jdbc.query("SELECT files, data_rows, buckets FROM run_check WHERE run_id = ? AND status = 'PASSED'",
                (rs, i) -> new Books.Passed(rs.getInt(1), rs.getLong(2), rs.getInt(3)), runId).stream().findFirst();
    }
}
