package com.computebilling.postgres;

import com.computebilling.cli.BillingCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §5 "--db takes any JDBC URL the build supports (H2 and PostgreSQL at least)", against a real server. */
class PostgresRunTest {

    @TempDir
    Path tmp;
    PostgresSchema schema;

    @BeforeEach
    void schema() {
        schema = PostgresSchema.createOrSkip();
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            schema.drop();
        }
    }

    record Result(int exit, String out, String err) {
    }

    private Result billing(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db=" + schema.url());
        all.add("--db-user=" + PostgresSchema.USER);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new BillingCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).execute(all.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void samples_give_the_same_bytes_as_on_h2() throws IOException {
        Result r = billing("run", "--input=input-samples", "--output=" + tmp.resolve("out"), "--period=2023-04",
                "--zone=Asia/Shanghai");
        assertThat(r.exit()).as(r.toString()).isZero();
        for (String f : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readString(tmp.resolve("out").resolve(f))).as(f)
                    .isEqualTo(Files.readString(Path.of("output-samples", f)));
        }
        Result again = billing("run", "--input=input-samples", "--output=" + tmp.resolve("again"), "--period=2023-04",
                "--zone=Asia/Shanghai");
        assertThat(again.exit()).isEqualTo(3);
        Result history = billing("history");
        assertThat(history.exit()).isZero();
        assertThat(history.out()).contains("2023-04").contains("COMPLETED");
    }

    @Test
    void a_second_run_of_a_period_in_progress_is_refused() throws SQLException {
        try (Connection other = schema.connect();
             PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            // what a run of 2023-04 in Asia/Shanghai holds while it goes (RunLocks)
            lock.setLong(1, com.computebilling.job.RunLocksKey.of("2023-04", "Asia/Shanghai"));
            lock.execute();
            Result r = billing("run", "--input=input-samples", "--output=" + tmp.resolve("out"), "--period=2023-04",
                    "--zone=Asia/Shanghai");
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("another run for period 2023-04 in Asia/Shanghai is in progress");
            assertThat(tmp.resolve("out")).doesNotExist();
        }
        Result after = billing("run", "--input=input-samples", "--output=" + tmp.resolve("out"), "--period=2023-04",
                "--zone=Asia/Shanghai");
        assertThat(after.exit()).as(after.toString()).isZero();
    }

    /**
     * PostgreSQL sorts ids by code point, Java's String.compareTo by UTF-16 unit: "r0\uFF21" and "r0\uD83D\uDE00" + "24"
     * (both in rating bucket 35) come in opposite orders. The orders come from a query and the usage from packs merged
     * in Java, so the merge must use the database's order, or a resource's usage and orders meet in two halves (its
     * usage billed as without an order, or the run failing on a duplicate key at every resume).
     */
    @Test
    void resource_ids_beyond_the_basic_plane_meet_their_orders_as_postgresql_sorts_them() throws IOException {
        Path input = tmp.resolve("in");
        Files.createDirectories(input);
        Files.copy(Path.of("input-samples/catalog.csv"), input.resolve("catalog.csv"));
        StringBuilder orders = new StringBuilder(Files.readString(Path.of("input-samples/orders.csv")));
        StringBuilder usage = new StringBuilder(Files.readString(Path.of("input-samples/usage.csv")));
        for (String id : List.of("r0\uFF21", "r0\uD83D\uDE0024")) {
            orders.append("o-").append(id).append(",acme-ai,").append(id).append(",LINGJUN,cn-wulanchabu,"
                    + "ml.gu7xf.8xlarge-gu108,1,NEW,PAY_AS_YOU_GO,2023-04-10T09:00:00+08:00,,,,PAID\n");
            usage.append("u-").append(id).append(",acme-ai,").append(id).append(",LINGJUN,cn-wulanchabu,"
                    + "ml.gu7xf.8xlarge-gu108,1,2023-04-10T10:00:00+08:00,2023-04-10T10:45:00+08:00\n");
        }
        Files.writeString(input.resolve("orders.csv"), orders);
        Files.writeString(input.resolve("usage.csv"), usage);

        Result r = billing("run", "--input=" + input, "--output=" + tmp.resolve("out"), "--period=2023-04",
                "--zone=Asia/Shanghai");

        assertThat(r.exit()).as(r.toString()).isZero();
        String exceptions = Files.readString(tmp.resolve("out/exceptions.csv"));
        String charges = Files.readString(tmp.resolve("out/charges.csv"));
        for (String id : List.of("r0\uFF21", "r0\uD83D\uDE0024")) {
            assertThat(exceptions).as(id).doesNotContain("," + id + ",");
            // 45 minutes of one node, billed under its own order like lj-payg-1's identical row
            assertThat(charges.lines().filter(l -> l.contains("," + id + ",") && l.contains(",o-" + id + ",")))
                    .as(id).hasSize(1);
        }
    }

    @Test
    void long_values_are_compressed_with_lz4_when_the_server_has_it() throws SQLException {
        assertThat(billing("history").exit()).isZero();
        boolean lz4;
        try (Connection c = schema.connect(); var s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE lz4_probe (t TEXT COMPRESSION lz4)");
            lz4 = true;
        } catch (SQLException withoutLz4) {
            lz4 = false;
        }
        // pg_attribute.attcompression: 'l' for lz4, '' for the server's default (pglz)
        Map<String, String> methods = new java.util.TreeMap<>();
        try (Connection c = schema.connect();
             PreparedStatement ps = c.prepareStatement("SELECT c.relname || '.' || a.attname, a.attcompression"
                     + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                     + " WHERE c.relnamespace = current_schema()::regnamespace AND (c.relname, a.attname) IN"
                     + " (('charge_rows', 'csv_rows'), ('charge_line_ids', 'line_ids'), ('focus_rows', 'timed_rows'),"
                     + " ('usage_pack', 'records'), ('charge_line_id_groups', 'keyed_ids'))");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                methods.put(rs.getString(1), rs.getString(2));
            }
        }
        String expected = lz4 ? "l" : "";
        assertThat(methods).containsOnlyKeys("charge_rows.csv_rows", "charge_line_ids.line_ids",
                "focus_rows.timed_rows", "usage_pack.records", "charge_line_id_groups.keyed_ids").allSatisfy((column, method) ->
                assertThat(method).as(column).isEqualTo(expected));
    }

    @Test
    void charge_rows_packed_by_the_workers_are_not_compressed_again_by_the_server() throws SQLException {
        assertThat(billing("history").exit()).isZero();
        // pg_attribute.attstorage: 'e' (EXTERNAL) is stored out of line when long, never compressed
        try (Connection c = schema.connect();
             PreparedStatement ps = c.prepareStatement("SELECT a.attstorage FROM pg_attribute a"
                     + " JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = current_schema()::regnamespace"
                     + " AND (c.relname, a.attname) IN (('charge_rows', 'csv_packed'), ('charge_row_groups', 'texts'))");
             ResultSet rs = ps.executeQuery()) {
            List<String> storage = new java.util.ArrayList<>();
            while (rs.next()) {
                storage.add(rs.getString(1));
            }
            assertThat(storage).containsExactly("e", "e");
        }
    }
}
