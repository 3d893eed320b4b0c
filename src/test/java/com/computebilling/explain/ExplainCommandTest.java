package com.computebilling.explain;

import com.computebilling.cli.CliRun;
import com.computebilling.job.StoredCharges;
import com.computebilling.postgres.PostgresSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §7 {@code billing explain}: the samples' lines explained back to their rows, from a month run whose staged rows
 * are long gone. Line ids are those of output-samples/charges.csv; the figures are worked by hand below and in
 * output-samples/README.md.
 */
class ExplainCommandTest {

    /** pool-1, hour 15:00-16:00 of 2023-04-18 (SPEC §1's pool example). */
    static final String POOL_HOUR = "CL23cd6d175ea1556dc21f";
    /** lj-payg-1, 0.73 USD a minute for 45 minutes (SPEC §1). */
    static final String LINGJUN_45_MINUTES = "CL33d687b3c5fa6ea08ce6";
    /** jp-payg-1, hour 10:00 of 2023-04-04: two overlapping records. */
    static final String OVERLAPPING_HOUR = "CLabd455cc145e10b93e87";
    /** pool-1's change to subscription at 16:30:30. */
    static final String POOL_SUBSCRIPTION = "CL9c2459e9627a1b3c33b9";
    /** jp-auto-1's term renewing itself at its expiry, 2023-04-15. */
    static final String AUTO_RENEWAL = "CLd6199118702504094a06";

    @TempDir
    static Path work;
    static Path db;

    @BeforeAll
    static void aMonthRunOnTheSamples() {
        db = work.resolve("db");
        CliRun run = CliRun.billing(db, "run", "--input=input-samples", "--output=" + work.resolve("out"),
                "--period=2023-04", "--zone=Asia/Shanghai");
        assertThat(run.exitCode).as(run.toString()).isZero();
    }

    static CliRun explain(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "explain";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "--db=jdbc:h2:file:" + db.toAbsolutePath().resolve("billing");
        return CliRun.billing(null, all);
    }

    @Test
    void the_pools_first_hour_comes_from_its_usage_record_its_new_order_and_the_hourly_price() {
        CliRun r = explain(POOL_HOUR, "--json");

        assertThat(r.exitCode).as(r.toString()).isZero();
        // u-pool-1 runs 15:29:16-17:00:00; of it, 15:29:16-16:00:00 = 30 min 44 s = 1844 s lie in the hour.
        assertThat(r.out).contains("\"record_id\": \"u-pool-1\"").contains("\"source\": \"usage.csv\"")
                .contains("\"line\": 5").contains("\"seconds\": 1844")
                .contains("\"start\": \"2023-04-18T15:29:16+08:00\"").contains("\"end\": \"2023-04-18T17:00:00+08:00\"");
        // The state: o-pool-1, NEW pay-as-you-go, orders.csv line 7; the price: catalog.csv line 5, 36.00 CNY an hour.
        assertThat(r.out).contains("\"order_id\": \"o-pool-1\"").contains("\"order_type\": \"NEW\"")
                .contains("\"source\": \"orders.csv\",\n    \"line\": 7")
                .contains("\"source\": \"catalog.csv\",\n    \"line\": 5").contains("\"price_unit\": \"HOUR\"");
        // 36.00 × 1 × 1844 ÷ 3600 = 66,384 ÷ 3600 = 18.44 exactly.
        assertThat(r.out).contains("\"amount\": \"18.44\"").contains("\"amount\": \"18.44000000\"");
    }

    @Test
    void the_text_shows_the_arithmetic_and_how_the_invoice_rounds() {
        CliRun r = explain(POOL_HOUR);

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("36.00 x 1 node(s) x 1844 s / 3600 s per HOUR = 18.44")
                .contains("usage.csv line 5  record u-pool-1")
                .contains("order o-pool-1 (orders.csv line 7), NEW PAY_AS_YOU_GO")
                // pool-co's CNY invoice: usage 18.44 + 18.30 = 36.74, subscription 9000, total 9036.74.
                .contains("usage lines add up to 36.74000000, rounded half-up once to 36.74")
                .contains("total 36.74 + 9000.00 = 9036.74 CNY");
    }

    @Test
    void the_lingjun_line_is_0_73_a_minute_for_45_minutes() {
        CliRun r = explain(LINGJUN_45_MINUTES, "--json");

        assertThat(r.exitCode).as(r.toString()).isZero();
        // 0.73 × 1 × 2700 ÷ 60 = 1971 ÷ 60 = 32.85 exactly.
        assertThat(r.out).contains("\"record_id\": \"u-lj-payg-1\"").contains("\"seconds\": 2700")
                .contains("\"price_unit\": \"MINUTE\"").contains("\"amount\": \"32.85\"");
    }

    @Test
    void two_overlapping_records_each_contribute_their_seconds_of_the_hour() {
        CliRun r = explain(OVERLAPPING_HOUR, "--json");

        assertThat(r.exitCode).as(r.toString()).isZero();
        // u-jp-3 10:00-11:00 gives 3600 s; u-jp-4 10:30-11:30 gives its 1800 s before 11:00; the line bills 5400 s.
        assertThat(r.out).contains("\"record_id\": \"u-jp-3\"").contains("\"seconds\": 3600")
                .contains("\"record_id\": \"u-jp-4\"").contains("\"source\": \"usage_2.csv\"")
                .contains("\"seconds\": 1800").contains("\"duration\": \"5400\"");
        // 1200 × 1 × 5400 ÷ 3600 = 1800.
        assertThat(r.out).contains("\"amount\": \"1800\"");
    }

    @Test
    void a_change_to_subscription_comes_from_its_order_and_the_monthly_price() {
        CliRun r = explain(POOL_SUBSCRIPTION, "--json");

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("\"records\": []").contains("\"order_id\": \"o-pool-1-chg\"")
                .contains("\"order_type\": \"CHANGE_TO_SUBSCRIPTION\"")
                .contains("\"source\": \"catalog.csv\",\n    \"line\": 6").contains("\"price_unit\": \"MONTH\"")
                // 9000.00 × 1 node × 1 month.
                .contains("\"amount\": \"9000.00000000\"");
    }

    @Test
    void an_auto_renewal_names_the_order_whose_term_renewed_itself() {
        CliRun r = explain(AUTO_RENEWAL);

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("order o-auto-1 (orders_jp.csv line 15), NEW SUBSCRIPTION")
                .contains("the term of this order expired and renewed itself")
                .contains("9800 x 1 node(s) x 1 MONTH = 9800");
    }

    @Test
    void an_unknown_line_is_refused() {
        CliRun r = explain("CL0000000000000000ffff");

        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err).contains("no stored charge line has the id 'CL0000000000000000ffff'");
    }

    @Test
    void inputs_that_changed_since_the_run_are_refused() throws IOException {
        Path changed = work.resolve("changed");
        Files.createDirectories(changed);
        for (String f : new String[] {"catalog.csv", "catalog_jp.csv", "orders.csv", "orders_jp.csv", "usage.csv",
                "usage_2.csv"}) {
            Files.copy(Path.of("input-samples", f), changed.resolve(f));
        }
        Files.writeString(changed.resolve("usage.csv"), Files.readString(changed.resolve("usage.csv")) + "\n");

        CliRun r = explain(POOL_HOUR, "--input=" + changed);

        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err).contains("are not those run").contains("digest differs");
    }

    @Test
    void a_line_whose_ids_a_database_kept_per_text_before_version_18_is_found_there() throws Exception {
        // Before V18 a text of line ids was stored per charges.csv text, in charge_line_ids; such history stays
        // readable. A copy of the run's database gets pool-1's hour back in that form, and loses the newer rows.
        String url = copyOfTheRunsDatabase("before-v18");
        String[] row = Files.readAllLines(work.resolve("out/charges.csv")).stream()
                .filter(l -> l.startsWith(POOL_HOUR + ",")).findFirst().orElseThrow().split(",");
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement s = c.createStatement()) {
            textsBackInChargeRows(c);
            s.executeUpdate("DELETE FROM charge_line_id_groups");
            s.executeUpdate("INSERT INTO charge_line_ids (run_id, account_id, resource_id, part, bucket, line_ids)"
                    + " SELECT run_id, account_id, resource_id, part, bucket, 'CL00000000000000000001 " + POOL_HOUR
                    + "' FROM charge_rows WHERE account_id = '" + row[2] + "' AND resource_id = '" + row[3] + "'");
        }

        assertFoundThereOnly(url, "charge_line_ids");
    }

    @Test
    void a_line_whose_text_a_database_kept_a_row_each_before_version_20_is_found_there() throws Exception {
        // From V18 to V19 line ids were kept per rated group (as now) but each charges.csv text in a row of its own,
        // in charge_rows; such history stays readable. A copy of the run's database gets its texts back in that form.
        String url = copyOfTheRunsDatabase("before-v20");
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            textsBackInChargeRows(c);
        }

        assertFoundThereOnly(url, "charge_rows");
    }

    /** A copy of the day run's database, as a JDBC URL. */
    private String copyOfTheRunsDatabase(String name) throws IOException {
        Path copy = work.resolve(name);
        Files.createDirectories(copy);
        Files.copy(db.resolve("billing.mv.db"), copy.resolve("billing.mv.db"));
        return "jdbc:h2:file:" + copy.toAbsolutePath().resolve("billing");
    }

    /** pool-1's hour is explained from that database, and no more once {@code oldTable} is emptied. */
    private static void assertFoundThereOnly(String url, String oldTable) throws java.sql.SQLException {
        CliRun found = CliRun.billing(null, "explain", POOL_HOUR, "--json", "--db=" + url);

        assertThat(found.exitCode).as(found.toString()).isZero();
        assertThat(found.out).contains("\"seconds\": 1844").contains("\"amount\": \"18.44\"");
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + oldTable);
        }
        assertThat(CliRun.billing(null, "explain", POOL_HOUR, "--db=" + url).exitCode)
                .as("found by the old row, not by another way").isEqualTo(2);
    }

    /** Moves every stored charges.csv text from its rated group's pieces into a charge_rows row of its own. */
    private static void textsBackInChargeRows(Connection c) throws java.sql.SQLException {
        List<StoredCharges.Text> texts = StoredCharges.texts(c, "TRUE");
        try (Statement s = c.createStatement();
             PreparedStatement insert = c.prepareStatement("INSERT INTO charge_rows (run_id, account_id, resource_id,"
                     + " part, line_count, csv_rows, bucket) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            assertThat(s.executeUpdate("DELETE FROM charge_row_groups")).isPositive();
            for (StoredCharges.Text t : texts) {
                insert.setLong(1, t.runId());
                insert.setString(2, t.accountId());
                insert.setString(3, t.resourceId());
                insert.setInt(4, t.part());
                insert.setInt(5, t.lineCount());
                insert.setString(6, t.rows());
                insert.setInt(7, t.bucket());
                insert.executeUpdate();
            }
        }
    }

    @Test
    void a_day_run_on_postgresql_explains_its_lines_too() {
        PostgresSchema schema = PostgresSchema.createOrSkip();
        try {
            Map<String, String> env = Map.of("BILLING_DB_URL", schema.url(), "BILLING_DB_USER", PostgresSchema.USER);
            CliRun run = CliRun.billing(null, env, "run", "--input=input-samples", "--output=" + work.resolve("pg"),
                    "--period=2023-04-18", "--zone=Asia/Shanghai");
            assertThat(run.exitCode).as(run.toString()).isZero();

            CliRun r = CliRun.billing(null, env, "explain", POOL_HOUR, "--json");

            assertThat(r.exitCode).as(r.toString()).isZero();
            assertThat(r.out).contains("\"seconds\": 1844").contains("\"amount\": \"18.44\"");
        } finally {
            schema.drop();
        }
    }
}
