package com.computebilling.job;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import com.computebilling.orders.Order;
import com.computebilling.output.ChargeRows;
import com.computebilling.usage.UsageRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The start skips Flyway's migrate only on a database whose last migration is the jar's last one. */
class SchemaMigrationTest {

    static Flyway flyway(String name) {
        return flywayAt("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    static Flyway flywayAt(String url) {
        return Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .placeholders(java.util.Map.of("text_order", ""))
                .javaMigrations(new UsageRowsToPacks(), new OrderRowsToPacks())
                .load();
    }

    @Test
    void theVersionIsTheHighestMigrationShipped() throws IOException {
        Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
        int highest = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db/migration"))) {
            for (Path f : files.toList()) {
                Matcher m = version.matcher(f.getFileName().toString());
                if (m.matches()) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        }
        assertThat(SchemaMigration.VERSION)
                .isEqualTo(Math.max(highest, Math.max(UsageRowsToPacks.VERSION, OrderRowsToPacks.VERSION)));
    }

    @Test
    void aNewDatabaseIsNotCurrentAndAMigratedOneIs() {
        Flyway flyway = flyway("schema-new");
        assertThat(SchemaMigration.current(flyway)).isFalse();
        flyway.migrate();
        assertThat(SchemaMigration.current(flyway)).isTrue();
    }

    @Test
    void aDatabaseOneMigrationBehindIsMigrated() {
        Flyway behind = Flyway.configure().configuration(flyway("schema-behind").getConfiguration())
                .target(String.valueOf(SchemaMigration.VERSION - 1)).load();
        behind.migrate();
        Flyway flyway = flyway("schema-behind");
        assertThat(SchemaMigration.current(flyway)).isFalse();
        flyway.migrate();
        assertThat(SchemaMigration.current(flyway)).isTrue();
    }

    /**
     * What a process killed within a second of creating its H2 database can leave: V17's changes, committed statement
     * by statement, without the history row Flyway writes after them (and nothing after V17).
     */
    private static Flyway interruptedAtV17(String name) throws IOException {
        Flyway before = Flyway.configure().configuration(flyway(name).getConfiguration()).target("16").load();
        before.migrate();
        JdbcTemplate jdbc = new JdbcTemplate(before.getConfiguration().getDataSource());
        for (String statement : Files.readString(Path.of("src/main/resources/db/migration/h2/V17__packed_charge_rows.sql"))
                .replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                jdbc.execute(statement);
            }
        }
        return flyway(name);
    }

    @Test
    void a_new_database_whose_creation_a_crash_interrupted_is_created_afresh_not_a_wedge() throws IOException {
        Flyway flyway = interruptedAtV17("schema-interrupted");
        // Flyway alone runs V17 again, fails on the column already there, and refuses from then on
        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class).hasMessageContaining("CSV_PACKED");
        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class);

        SchemaMigration.migrate(flyway);

        assertThat(SchemaMigration.current(flyway)).isTrue();
        JdbcTemplate jdbc = new JdbcTemplate(flyway.getConfiguration().getDataSource());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM charge_total_groups", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE NOT \"success\"",
                Long.class)).as("failed migrations left on record").isZero();
    }

    @Test
    void a_database_that_holds_a_run_is_never_emptied_when_a_migration_fails() throws IOException {
        Flyway flyway = interruptedAtV17("schema-interrupted-with-a-run");
        JdbcTemplate jdbc = new JdbcTemplate(flyway.getConfiguration().getDataSource());
        jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (1, 0, 'billingJob', 'k')");

        assertThatThrownBy(() -> SchemaMigration.migrate(flyway)).isInstanceOf(FlywayException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class)).isOne();
    }

    @Test
    void usage_a_run_staged_before_packs_is_moved_into_packs_row_by_row() {
        Flyway before = Flyway.configure().configuration(flyway("schema-packs").getConfiguration())
                .target(String.valueOf(UsageRowsToPacks.VERSION - 1)).load();
        before.migrate();
        JdbcTemplate jdbc = new JdbcTemplate(before.getConfiguration().getDataSource());
        String insert = "INSERT INTO usage_row (run_id, bucket, resource_id, start_at, source, line, record_id,"
                + " account_id, resource_class, region, sku, quantity, end_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
        // 2023-04-16T00:00:00Z is 1681603200 seconds; an hour later 1681606800
        jdbc.update(insert, 7, RatingBuckets.of("pool-1"), "pool-1", 1681603200L, "usage.csv", 2L, "r-1", "acct-1",
                "LINGJUN", "cn-1", "sku-1", 8, 1681606800L);
        jdbc.update(insert, 7, RatingBuckets.of("pool-1"), "pool-1", 1681606800L, "usage.csv", 3L, "r-2", "acct-1",
                "LINGJUN", "cn-1", "sku-1", 4, 1681610400L);

        flyway("schema-packs").migrate();

        List<UsageRecord> moved = jdbc.query("SELECT run_id, bucket, source, first_line, row_count, records"
                + " FROM usage_pack ORDER BY first_line", (rs, i) -> {
                    assertThat(rs.getLong(1)).isEqualTo(7);
                    assertThat(rs.getInt(2)).isEqualTo(RatingBuckets.of("pool-1"));
                    assertThat(rs.getInt(5)).isEqualTo(1);
                    List<UsageRecord> rows = UsagePacks.unpack(rs.getString(3), rs.getBytes(6));
                    assertThat(rows).singleElement().extracting(u -> u.source().line()).isEqualTo(rs.getLong(4));
                    return rows.get(0);
                });
        assertThat(moved).extracting(UsageRecord::recordId, UsageRecord::quantity, u -> u.interval().toString())
                .containsExactly(
                        tuple("r-1", 8, "Interval[start=2023-04-16T00:00:00Z, end=2023-04-16T01:00:00Z]"),
                        tuple("r-2", 4, "Interval[start=2023-04-16T01:00:00Z, end=2023-04-16T02:00:00Z]"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'USAGE_ROW'",
                Integer.class)).isZero();
    }

    @Test
    void charges_stored_as_text_before_packing_are_read_beside_packed_ones_in_key_order(@TempDir Path scratch)
            throws IOException {
        Flyway before = Flyway.configure().configuration(flyway("schema-packed-rows").getConfiguration())
                .target("16").load();
        before.migrate();
        JdbcTemplate jdbc = new JdbcTemplate(before.getConfiguration().getDataSource());
        jdbc.update("INSERT INTO charge_rows (run_id, account_id, resource_id, part, line_count, csv_rows, bucket)"
                + " VALUES (7, 'acct-b', 'pool-1', 0, 1, 'CL1,old row\n', 3)");

        flyway("schema-packed-rows").migrate();
        ResultStore results = new ResultStore(jdbc, new ConnectedDatabase(jdbc));
        jdbc.update("INSERT INTO charge_rows (run_id, account_id, resource_id, part, line_count, csv_packed, bucket)"
                + " VALUES (7, 'acct-a', 'pool-2', 0, 1, ?, 5)", (Object) PackedRows.pack("CL2,new row\n").orElseThrow());

        // and since V20, a rated group's texts in one piece (a run rated partly before, resumed after, holds all three)
        jdbc.update("INSERT INTO charge_row_groups (run_id, bucket, resource_id, piece, texts) VALUES (7, 2, 'pool-3', 0, ?)",
                (Object) ChargeTextGroups.pack(List.of(
                        new ChargeRows.Part("acct-c", "pool-0", 0, 1, "CL3,grouped row\n", "CL3"),
                        new ChargeRows.Part("acct-a", "pool-3", 0, 1, "CL4,grouped row\n", "CL4")),
                        ChargeTextGroups.PIECE_BYTES).get(0));

        List<String> texts = new java.util.ArrayList<>();
        results.eachChargeText(7, scratch.resolve("charges.texts"), scratch.resolve("charges.keys"),
                t -> texts.add(t.accountId() + " " + t.resourceId() + " " + t.text()));
        assertThat(texts).containsExactly("acct-a pool-2 CL2,new row\n", "acct-a pool-3 CL4,grouped row\n",
                "acct-b pool-1 CL1,old row\n", "acct-c pool-0 CL3,grouped row\n");
        assertThat(scratch).isEmptyDirectory();
        // a row holds one form, never both or neither
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.update("INSERT INTO charge_rows"
                + " (run_id, account_id, resource_id, part, line_count, csv_rows, csv_packed, bucket)"
                + " VALUES (8, 'a', 'r', 0, 1, 'x', ?, 1)", (Object) new byte[] {1}))).isNotNull();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.update("INSERT INTO charge_rows"
                + " (run_id, account_id, resource_id, part, line_count, bucket) VALUES (8, 'a', 'r', 0, 1, 1)")))
                .isNotNull();
    }

    @Test
    void orders_a_run_staged_before_order_packs_is_moved_into_packs_with_its_duplicates_and_ignored_orders() {
        Flyway before = Flyway.configure().configuration(flyway("schema-order-packs").getConfiguration())
                .target(String.valueOf(OrderRowsToPacks.VERSION - 1)).load();
        before.migrate();
        JdbcTemplate jdbc = new JdbcTemplate(before.getConfiguration().getDataSource());
        String insert = "INSERT INTO order_row (run_id, source, line, order_id, account_id, resource_id, resource_class,"
                + " region, sku, quantity, order_type, billing_mode, effective_at, duration, duration_unit, auto_renew,"
                + " status, duplicate, bucket) VALUES (?,?,?,?,'acct-1',?,'LINGJUN','cn-1','sku-1',?,?,?,?,?,?,?,?,?,?)";
        // 2023-04-16T00:00:00Z is 1681603200 seconds
        jdbc.update(insert, 7, "orders.csv", 2L, "o-1", "pool-1", 8, "NEW", "PAY_AS_YOU_GO", 1681603200L, null, null,
                false, "PAID", false, RatingBuckets.of("pool-1"));
        jdbc.update(insert, 7, "orders.csv", 3L, "o-1", "pool-2", 8, "NEW", "SUBSCRIPTION", 1681603200L, 1, "MONTH",
                true, "PAID", true, RatingBuckets.of("pool-2"));
        jdbc.update(insert, 7, "orders.csv", 4L, "o-2", "pool-3", 2, "NEW", "PAY_AS_YOU_GO", 1681603200L, null, null,
                false, "UNPAID", false, RatingBuckets.of("pool-3"));

        flyway("schema-order-packs").migrate();

        List<Order> moved = jdbc.query("SELECT run_id, bucket, source, first_line, row_count, records"
                + " FROM order_pack ORDER BY first_line", (rs, i) -> {
                    assertThat(rs.getLong(1)).isEqualTo(7);
                    assertThat(rs.getInt(5)).isEqualTo(1);
                    List<Order> rows = OrderPacks.unpack(rs.getString(3), rs.getBytes(6));
                    assertThat(rows).singleElement().satisfies(o -> {
                        assertThat(o.source().line()).isEqualTo(rs.getLong(4));
                        assertThat(RatingBuckets.of(o.resourceId())).isEqualTo(rs.getInt(2));
                    });
                    return rows.get(0);
                });
        assertThat(moved).extracting(Order::orderId, Order::resourceId, o -> o.term() == null ? "" : o.term().toString(),
                        Order::autoRenew, o -> o.status().name(), o -> o.effectiveAt().toString())
                .containsExactly(
                        tuple("o-1", "pool-1", "", false, "PAID", "2023-04-16T00:00:00Z"),
                        tuple("o-1", "pool-2", "TermLength[length=1, unit=MONTH]", true, "PAID", "2023-04-16T00:00:00Z"),
                        tuple("o-2", "pool-3", "", false, "UNPAID", "2023-04-16T00:00:00Z"));
        assertThat(jdbc.queryForList("SELECT source || ':' || line FROM order_duplicate WHERE run_id = 7", String.class))
                .containsExactly("orders.csv:3");
        assertThat(jdbc.queryForList("SELECT status || '=' || orders FROM order_ignored WHERE run_id = 7",
                String.class)).containsExactly("UNPAID=1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'ORDER_ROW'",
                Integer.class)).isZero();
    }

    @Test
    void a_month_owned_by_a_run_stored_before_v19_and_by_a_later_one_sums_both_kinds_of_day_totals() {
        Flyway before = Flyway.configure().configuration(flyway("schema-day-totals").getConfiguration())
                .target("18").load();
        before.migrate();
        JdbcTemplate jdbc = new JdbcTemplate(before.getConfiguration().getDataSource());
        // Run 7, before V19: acct-1's 2023-04-16 in two resources' rows, 1.5 + 2.25 USD of usage in 2 + 3 lines.
        String row = "INSERT INTO charge_total (run_id, resource_id, billing_day, account_id, currency, billing_month,"
                + " subscription_amount, usage_amount, line_count, bucket) VALUES (7, ?, 20230416, 'acct-1', 'USD',"
                + " 202304, 0, ?, ?, 1)";
        jdbc.update(row, "lj-1", new java.math.BigDecimal("1.5"), 2);
        jdbc.update(row, "lj-2", new java.math.BigDecimal("2.25"), 3);

        flyway("schema-day-totals").migrate();
        // Run 8, after: acct-1's 2023-04-17 (10 USD subscription, 1 line) and a day run 8 does not own, 2023-04-18.
        DayTotalPacks.Pack pack = DayTotalPacks.pack(List.of(
                new com.computebilling.invoicing.DayTotals("lj-1", java.time.LocalDate.parse("2023-04-17"), "acct-1",
                        java.util.Currency.getInstance("USD"), new java.math.BigDecimal("10"),
                        java.math.BigDecimal.ZERO, 1),
                new com.computebilling.invoicing.DayTotals("lj-1", java.time.LocalDate.parse("2023-04-18"), "acct-1",
                        java.util.Currency.getInstance("USD"), java.math.BigDecimal.ZERO,
                        new java.math.BigDecimal("1000"), 40)));
        String group = "INSERT INTO charge_total_groups (run_id, bucket, resource_id, first_month, last_month,"
                + " line_count, totals) VALUES (8, ?, ?, ?, ?, ?, ?)";
        jdbc.update(group, 1, "lj-1", pack.firstMonth(), pack.lastMonth(), pack.lineCount(), pack.bytes());
        // 45 more groups of run 8, over two buckets (more than two pages of packs): 1 USD of usage each on the 17th.
        for (int i = 0; i < 45; i++) {
            DayTotalPacks.Pack one = DayTotalPacks.pack(List.of(new com.computebilling.invoicing.DayTotals("r",
                    java.time.LocalDate.parse("2023-04-17"), "acct-1", java.util.Currency.getInstance("USD"),
                    java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE, 1)));
            jdbc.update(group, 2 + i % 2, String.format("lj-%02d", i), one.firstMonth(), one.lastMonth(),
                    one.lineCount(), one.bytes());
        }
        // Day owners: 16th run 7, 17th run 8, 18th run 9 (which stored nothing).
        for (Object[] owner : List.of(new Object[] {20230416, 7}, new Object[] {20230417, 8},
                new Object[] {20230418, 9})) {
            jdbc.update("INSERT INTO day_owner (zone, billing_day, run_id) VALUES ('UTC', ?, ?)", owner);
        }
        Ledger ledger = new Ledger(jdbc);
        com.computebilling.time.BillingZone utc = com.computebilling.time.BillingZone.of("UTC");

        // 1.5 + 2.25 + 45 × 1 = 48.75 usage, 10 subscription, 2 + 3 + 1 + 45 = 51 lines; the 18th's 1000 is run 9's
        // day, not run 8's.
        com.computebilling.invoicing.InvoiceTotals expected = new com.computebilling.invoicing.InvoiceTotals("acct-1",
                java.time.YearMonth.of(2023, 4), java.util.Currency.getInstance("USD"),
                new java.math.BigDecimal("10.00000000"), new java.math.BigDecimal("48.75000000"), 51);
        assertThat(ledger.invoiceTotals(utc, java.time.YearMonth.of(2023, 4))).containsExactly(expected);
        assertThat(ledger.invoiceTotals(utc, java.time.YearMonth.of(2023, 4), "acct-1",
                java.util.Currency.getInstance("USD"))).contains(expected);
        assertThat(ledger.invoiceTotals(utc, java.time.YearMonth.of(2023, 4), "acct-2",
                java.util.Currency.getInstance("USD"))).isEmpty();
    }
}
