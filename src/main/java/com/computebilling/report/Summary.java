package com.computebilling.report;

import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code summary.json} as written: the period and zone, rows read and rejected per kind, the node-second buckets,
 * the totals per currency and the findings per code. Amounts stay the strings the file prints.
 */
record Summary(String period, String zone, String status, List<String> months, Map<String, Rows> rows,
               Map<String, Long> ordersIgnored, Map<String, Long> nodeSeconds, Map<String, BigDecimal> totals,
               Map<String, Long> exceptions, long chargeLines) {

    record Rows(long read, long rejected) {
    }

    /**
     * Objects come back as ordered maps; numbers as {@code Long} when whole, else {@code BigDecimal}: never binary
     * floating point, so a figure reads back as the file prints it.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    static Summary read(Path file) throws IOException {
        Map<String, Object> json = object(JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Object.class),
                "summary");
        Map<String, Rows> rows = new LinkedHashMap<>();
        object(json.get("rows"), "rows").forEach((kind, counts) -> {
            Map<String, Object> c = object(counts, "rows." + kind);
            rows.put(kind, new Rows(number(c.get("read")), number(c.get("rejected"))));
        });
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        object(json.get("totals"), "totals").forEach((code, amount) -> totals.put(code, new BigDecimal((String) amount)));
        List<String> months = json.get("months") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
        return new Summary((String) json.get("period"), (String) json.get("zone"), (String) json.get("status"), months,
                rows, numbers(json.get("orders_ignored"), "orders_ignored"),
                numbers(json.get("node_seconds"), "node_seconds"), totals,
                numbers(json.get("exceptions"), "exceptions"), number(json.get("charge_lines")));
    }

    BillingZone billingZone() {
        return BillingZone.of(zone);
    }

    /** The processed period the run billed, rebuilt from what the file says (a run without --period lists months). */
    ProcessedPeriod processedPeriod() {
        BillingZone z = billingZone();
        if (period != null) {
            return ProcessedPeriod.parse(period, z)
                    .orElseThrow(() -> new IllegalArgumentException("summary.json: period " + period));
        }
        TreeSet<YearMonth> ms = new TreeSet<>();
        months.forEach(m -> ms.add(YearMonth.parse(m)));
        return ProcessedPeriod.monthsOfUsage(ms, z);
    }

    long nodeSeconds(String bucket) {
        return nodeSeconds.getOrDefault(bucket, 0L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("summary.json: " + what + " is not an object");
    }

    private static Map<String, Long> numbers(Object value, String what) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (value != null) {
            object(value, what).forEach((k, v) -> out.put(k, number(v)));
        }
        return out;
    }

    private static long number(Object value) {
        return value instanceof Long l ? l : 0L;
    }
}
