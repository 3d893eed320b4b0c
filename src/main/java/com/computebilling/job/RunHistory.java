package com.computebilling.job;

import com.computebilling.time.ProcessedPeriod;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Past runs as the job repository recorded them, newest first: one row per execution (a resume is a new one). */
@Component
public class RunHistory {

    private static final Set<String> LOAD_STEPS = Set.of("loadCatalog", "loadOrders", "loadUsage");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private final JobRepository repository;
    private final ResultStore store;

    public RunHistory(JobRepository repository, ResultStore store) {
        this.repository = repository;
        this.store = store;
    }

    public record Row(long executionId, long runId, String period, String zone, String status, String start,
                      String end, long rowsRead, long linesWritten, String check, String workers) {
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (JobInstance instance : repository.findJobInstances(JobKeys.JOB)) {
            for (JobExecution e : repository.getJobExecutions(instance)) {
                JobParameters p = e.getJobParameters();
                long read = e.getStepExecutions().stream().filter(s -> LOAD_STEPS.contains(s.getStepName()))
                        .mapToLong(StepExecution::getReadCount).sum();
                String period = p.getString(JobKeys.PERIOD, "");
                rows.add(new Row(e.getId(), instance.getInstanceId(), JobKeys.MONTHS_OF_USAGE.equals(period) ? ProcessedPeriod.MONTHS_OF_USAGE : period,
                        p.getString(JobKeys.ZONE, ""), e.getStatus().name(), time(e.getStartTime()), time(e.getEndTime()),
                        read, store.chargeLineCount(instance.getInstanceId()), check(e), workers(e)));
            }
        }
        rows.sort(Comparator.comparingLong(Row::executionId).reversed());
        return rows;
    }

    /**
     * The self-check as this execution saw it: {@code passed} when it ran its checkBooks step to completion (a later
     * execution of a run that passed did not need to check again, and shows {@code -}), {@code FAILED} when the books
     * did not balance.
     */
    private static String check(JobExecution e) {
        return e.getStepExecutions().stream().filter(s -> s.getStepName().equals("checkBooks")).findFirst()
                .map(s -> switch (s.getStatus()) {
                    case COMPLETED -> "passed";
                    case FAILED -> "FAILED";
                    default -> s.getStatus().name().toLowerCase();
                }).orElse("-");
    }

    /**
     * The remote workers that ran this execution's partitions (SPEC §8), as each left its name on them; {@code -} for
     * an execution that ran them on its own threads.
     */
    private static String workers(JobExecution e) {
        String names = e.getStepExecutions().stream().map(StepExecution::getExecutionContext)
                .filter(c -> c.containsKey(RemotePartitions.WORKER)).map(c -> c.getString(RemotePartitions.WORKER))
                .distinct().sorted().collect(java.util.stream.Collectors.joining(","));
        return names.isEmpty() ? "-" : names;
    }

    /** The repository keeps local date-times of the JVM that ran; runs use UTC (see scripts/billing). */
    private static String time(LocalDateTime t) {
        return t == null ? "-" : TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format("%-6s %-5s %-16s %-16s %-10s %-20s %-20s %12s %12s  %-6s  %s%n",
                "EXEC", "RUN", "PERIOD", "ZONE", "STATUS", "START", "END", "ROWS READ", "LINES", "CHECK", "WORKERS"));
        for (Row r : rows) {
            sb.append(String.format("%-6d %-5d %-16s %-16s %-10s %-20s %-20s %12d %12d  %-6s  %s%n", r.executionId(),
                    r.runId(), r.period(), r.zone(), r.status(), r.start(), r.end(), r.rowsRead(), r.linesWritten(),
                    r.check(), r.workers()));
        }
        return sb.toString();
    }
}
