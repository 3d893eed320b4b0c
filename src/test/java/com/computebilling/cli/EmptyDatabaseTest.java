package com.computebilling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A new embedded database starts as a copy of the empty one {@code scripts/billing} makes per build. */
class EmptyDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void a_plain_file_url_names_its_mv_db_file() {
        assertThat(EmptyDatabase.fileOf("jdbc:h2:file:/var/billing/db")).contains(Path.of("/var/billing/db.mv.db"));
        assertThat(EmptyDatabase.fileOf("jdbc:h2:file:./data/billing")).contains(Path.of("./data/billing.mv.db"));
        assertThat(EmptyDatabase.fileOf("jdbc:h2:file:../billing")).contains(Path.of("../billing.mv.db"));
        assertThat(EmptyDatabase.fileOf("jdbc:h2:file:~/billing"))
                .contains(Path.of(System.getProperty("user.home") + "/billing.mv.db"));
    }

    @Test
    void a_url_with_settings_a_relative_path_a_memory_database_a_server_or_postgresql_is_left_to_its_database() {
        assertThat(EmptyDatabase.fileOf("jdbc:h2:file:/var/billing/db;CIPHER=AES")).isEmpty();
        assertThat(EmptyDatabase.fileOf("jdbc:h2:file:data/billing")).as("a path H2 refuses").isEmpty();
        assertThat(EmptyDatabase.fileOf("jdbc:h2:mem:billing")).isEmpty();
        assertThat(EmptyDatabase.fileOf("jdbc:h2:tcp://db-host/billing")).isEmpty();
        assertThat(EmptyDatabase.fileOf("jdbc:postgresql://127.0.0.1:5432/test")).isEmpty();
    }

    @Test
    void an_existing_database_is_never_replaced() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.mv.db"), "empty");
        Path existing = Files.writeString(tmp.resolve("billing.mv.db"), "a night's charges");

        assertThat(EmptyDatabase.copyIfNew("jdbc:h2:file:" + tmp.resolve("billing"), empty)).isFalse();

        assertThat(Files.readString(existing)).isEqualTo("a night's charges");
    }

    @Test
    void without_the_empty_database_nothing_is_made() {
        assertThat(EmptyDatabase.copyIfNew("jdbc:h2:file:" + tmp.resolve("db/billing"), tmp.resolve("none.mv.db")))
                .isFalse();
        assertThat(tmp.resolve("db")).doesNotExist();
    }

    @Test
    void the_copy_is_linked_into_place_whole_and_leaves_no_scratch_file() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.mv.db"), "schema");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(EmptyDatabase.copyIfNew("jdbc:h2:file:" + tmp.resolve("db/billing"), empty)).isTrue();

        try (var files = Files.list(tmp.resolve("db"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("billing.mv.db");
        }
        assertThat(Files.readString(tmp.resolve("db/billing.mv.db"))).isEqualTo("schema");
        // not a scratch file's owner-only permissions: those H2 would have given a file it made
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("db/billing.mv.db"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void a_run_on_a_database_copied_from_the_empty_one_bills_the_samples_as_the_goldens() throws Exception {
        CliRun made = CliRun.billing(tmp.resolve("empty"), "history");
        assertThat(made.exitCode).as(made.toString()).isZero();
        Path empty = tmp.resolve("empty/billing.mv.db");

        CliRun run = CliRun.billing(tmp.resolve("db"), Map.of("BILLING_EMPTY_DATABASE", empty.toString()), "run",
                "--input=input-samples", "--output=" + tmp.resolve("out"), "--period=2023-04", "--zone=Asia/Shanghai");

        assertThat(run.exitCode).as(run.toString()).isZero();
        for (String file : List.of("charges.csv", "invoices.csv", "exceptions.csv")) {
            assertThat(Files.readString(tmp.resolve("out").resolve(file))).as(file)
                    .isEqualTo(Files.readString(Path.of("output-samples").resolve(file)));
        }
        // Copied, not migrated: Flyway recorded each migration once, when the empty database was made
        assertThat(schemaHistory(tmp.resolve("db/billing"))).isNotEmpty().isEqualTo(schemaHistory(tmp.resolve("empty/billing")));
    }

    private static List<String> schemaHistory(Path database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database, "", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"installed_on\" FROM \"flyway_schema_history\""
                     + " ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }
}
