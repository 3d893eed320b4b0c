package com.computebilling.job;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * What Flyway asks of the Java migrations that move rows a stopped run staged into packs ({@link UsageRowsToPacks},
 * {@link OrderRowsToPacks}): a version and description, no checksum (the code is the migration), one transaction.
 */
abstract class RowsToPacksMigration implements JavaMigration {

    private final int version;
    private final String description;

    RowsToPacksMigration(int version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(String.valueOf(version));
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
