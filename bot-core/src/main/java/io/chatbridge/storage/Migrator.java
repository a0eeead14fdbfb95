package io.chatbridge.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings a database to the newest version of a list of migrations. */
final class Migrator {

    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    private final Database database;

    Migrator(Database database) {
        this.database = database;
    }

    /**
     * Applies each migration above the file's version, in order, each in its own transaction.
     *
     * @return the version the file is at afterwards
     * @throws StorageException when a migration fails, or when the file's version is above the
     *     newest migration
     */
    int migrate(List<Migration> migrations) {
        int latest = migrations.size();
        int current = database.schemaVersion();
        if (current > latest) {
            throw new StorageException("open the file", database.file(),
                    "its schema version is " + current + ", but this ChatBridge supports versions up to " + latest
                            + ". Run the ChatBridge release that wrote it, or a newer one", null);
        }

        for (Migration migration : migrations.subList(current, latest)) {
            apply(migration);
        }
        return latest;
    }

    private void apply(Migration migration) {
        String operation = "apply migration " + migration.version() + " (" + migration.description() + ")";
        boolean applied = database.writeAndGet(operation, connection -> {
            // Another process may have applied it between our version check and this
            // transaction's write lock.
            if (Database.userVersion(connection) >= migration.version()) {
                return false;
            }
            runStatements(connection, migration);
            return true;
        });
        if (applied) {
            log.info("Database {}: applied migration {} ({})", database.file(), migration.version(),
                    migration.description());
        }
    }

    private static void runStatements(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
            // user_version lives in the file header, which SQLite changes inside the
            // transaction, so the version and the schema commit together.
            statement.execute("PRAGMA user_version = " + migration.version());
        }
    }
}
