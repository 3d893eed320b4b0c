package com.computebilling.job;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The start skips Flyway's migrate only on a database whose last migration is the jar's last one. */
class SchemaMigrationTest {

    private static Flyway flyway(String name) {
        return Flyway.configure()
                .dataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .placeholders(java.util.Map.of("text_order", ""))
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
        assertThat(SchemaMigration.VERSION).isEqualTo(highest);
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
}
