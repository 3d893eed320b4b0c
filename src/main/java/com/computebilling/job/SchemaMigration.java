package com.computebilling.job;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings the schema up to date at start, and does nothing more when it already is: Flyway's migrate reads and
 * checksums every migration script of the jar to validate them, about a third of a second of every command's start
 * (`history` 2.0 s → 1.7 s). A database whose last applied migration is {@link #VERSION} is taken as current; any other
 * (new, older, newer, or with a failed migration) goes through Flyway as always, which migrates or refuses.
 */
@Configuration
class SchemaMigration {

    /** The highest migration, scripts in {@code db/migration} and Java ones alike (a test holds them together). */
    public static final int VERSION = 19;

    /** Spring Boot hands every {@link JavaMigration} bean to Flyway beside the scripts. */
    @Bean
    JavaMigration usageRowsToPacks() {
        return new UsageRowsToPacks();
    }

    @Bean
    JavaMigration orderRowsToPacks() {
        return new OrderRowsToPacks();
    }

    @Bean
    FlywayMigrationStrategy migrateUnlessCurrent() {
        return flyway -> {
            if (!current(flyway)) {
                flyway.migrate();
            }
        };
    }

    static boolean current(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        String table = flyway.getConfiguration().getTable();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM \"" + table
                     + "\" WHERE \"version\" IS NOT NULL")) {
            int highest = 0;
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                highest = Math.max(highest, Integer.parseInt(rs.getString(1)));
            }
            return highest == VERSION;
        } catch (SQLException | NumberFormatException noHistoryYet) {
            return false;
        }
    }
}
