package io.chatbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    private static final Migration NOTES_V1 = new Migration(1, "notes", List.of(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
            "INSERT INTO notes (body) VALUES ('seeded by v1')"));
    private static final Migration TAGS_V2 = new Migration(2, "tags", List.of(
            "CREATE TABLE tags (note INTEGER NOT NULL REFERENCES notes (id), tag TEXT NOT NULL)"));

    @TempDir
    Path dir;

    @Test
    void openCreatesDirectoriesAndFile() {
        Path file = dir.resolve("nested/deeper/chatbridge.db");

        try (Database database = Database.open(file)) {
            assertThat(database.file()).isEqualTo(file.toAbsolutePath());
        }

        assertThat(file).isRegularFile();
    }

    @Test
    void openSetsWalForeignKeysAndNormalSync() {
        try (Database database = Database.open(dir.resolve("a.db"))) {
            assertThat(pragma(database, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(database, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(database, "synchronous")).isEqualTo("1");
            assertThat(pragma(database, "busy_timeout")).isEqualTo("5000");
        }
    }

    @Test
    void synchronousLevelIsConfigurable() {
        try (Database database = Database.open(dir.resolve("a.db"), Database.Synchronous.FULL)) {
            assertThat(pragma(database, "synchronous")).isEqualTo("2");
        }
    }

    @Test
    void openAppliesBuiltInSchema() {
        try (Database database = Database.open(dir.resolve("a.db"))) {
            assertThat(database.schemaVersion()).isEqualTo(Migrations.all().size());
            assertThat(tables(database)).containsExactly("budget_overrides", "chat_settings", "inbound_messages", "turns",
                    "usage_ledger");
        }
    }

    @Test
    void reopenRunsNoMigrationTwice() {
        Path file = dir.resolve("a.db");
        try (Database database = Database.open(file, Database.Synchronous.NORMAL, List.of(NOTES_V1))) {
            assertThat(database.schemaVersion()).isEqualTo(1);
        }

        try (Database database = Database.open(file, Database.Synchronous.NORMAL, List.of(NOTES_V1))) {
            assertThat(database.schemaVersion()).isEqualTo(1);
            assertThat(noteBodies(database)).containsExactly("seeded by v1");
        }
    }

    @Test
    void reopenAppliesOnlyNewMigration() {
        Path file = dir.resolve("a.db");
        try (Database database = Database.open(file, Database.Synchronous.NORMAL, List.of(NOTES_V1))) {
            database.write("add a note", connection -> execute(connection, "INSERT INTO notes (body) VALUES ('mine')"));
        }

        try (Database database = Database.open(file, Database.Synchronous.NORMAL, List.of(NOTES_V1, TAGS_V2))) {
            assertThat(database.schemaVersion()).isEqualTo(2);
            assertThat(tables(database)).containsExactly("notes", "tags");
            assertThat(noteBodies(database)).containsExactly("seeded by v1", "mine");
        }
    }

    @Test
    void failedMigrationRollsBack() {
        Path file = dir.resolve("a.db");
        try (Database database = Database.open(file, Database.Synchronous.NORMAL, List.of(NOTES_V1))) {
            assertThat(database.schemaVersion()).isEqualTo(1);
        }
        Migration broken = new Migration(2, "broken", List.of(
                "CREATE TABLE half (id INTEGER)",
                "INSERT INTO no_such_table VALUES (1)"));

        assertThatThrownBy(() -> Database.open(file, Database.Synchronous.NORMAL, List.of(NOTES_V1, broken)))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("Could not apply migration 2 (broken) in database " + file.toAbsolutePath()
                        + ": ")
                .hasMessageContaining("no such table: no_such_table");

        try (Database database = Database.open(file, Database.Synchronous.NORMAL, List.of(NOTES_V1))) {
            assertThat(database.schemaVersion()).isEqualTo(1);
            assertThat(tables(database)).containsExactly("notes");
        }
    }

    @Test
    void userVersionRollsBackWithTransaction() {
        try (Database database = Database.open(dir.resolve("a.db"), Database.Synchronous.NORMAL, List.of(NOTES_V1))) {
            IllegalStateException failure = new IllegalStateException("work failed");

            assertThatThrownBy(() -> database.write("bump the version", connection -> {
                execute(connection, "PRAGMA user_version = 7");
                throw failure;
            })).isSameAs(failure);

            assertThat(database.schemaVersion()).isEqualTo(1);
        }
    }

    @Test
    void newerSchemaThanCodeIsRejected() {
        Path file = dir.resolve("a.db");
        Database.open(file, Database.Synchronous.NORMAL, List.of(NOTES_V1, TAGS_V2)).close();

        assertThatThrownBy(() -> Database.open(file, Database.Synchronous.NORMAL, List.of(NOTES_V1)))
                .isInstanceOf(StorageException.class)
                .hasMessage("Could not open the file in database " + file.toAbsolutePath()
                        + ": its schema version is 2, but this ChatBridge supports versions up to 1."
                        + " Run the ChatBridge release that wrote it, or a newer one");
    }

    @Test
    void migrationsOutOfOrderAreRejected() {
        assertThatThrownBy(() -> Database.open(dir.resolve("a.db"), Database.Synchronous.NORMAL, List.of(TAGS_V2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("migration at position 1 has version 2, but versions must run 1, 2, 3 ... in order."
                        + " Renumber it to 1");
        assertThat(dir.resolve("a.db")).doesNotExist();
    }

    @Test
    void writeRollsBackWhenWorkThrows() {
        try (Database database = Database.open(dir.resolve("a.db"), Database.Synchronous.NORMAL, List.of(NOTES_V1))) {
            IllegalStateException failure = new IllegalStateException("work failed");

            assertThatThrownBy(() -> database.write("add two notes", connection -> {
                execute(connection, "INSERT INTO notes (body) VALUES ('first')");
                throw failure;
            })).isSameAs(failure);

            assertThat(noteBodies(database)).containsExactly("seeded by v1");
        }
    }

    @Test
    void writeCommitsAndReturnsValue() {
        try (Database database = Database.open(dir.resolve("a.db"), Database.Synchronous.NORMAL, List.of(NOTES_V1))) {
            long id = database.writeAndGet("add a note", connection -> {
                execute(connection, "INSERT INTO notes (body) VALUES ('second')");
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT last_insert_rowid()")) {
                    rows.next();
                    return rows.getLong(1);
                }
            });

            assertThat(id).isEqualTo(2);
            assertThat(noteBodies(database)).containsExactly("seeded by v1", "second");
        }
    }

    @Test
    void sqlFailureNamesOperationAndFile() {
        Path file = dir.resolve("a.db");
        try (Database database = Database.open(file, Database.Synchronous.NORMAL, List.of(NOTES_V1))) {
            assertThatThrownBy(() -> database.write("add a note without body",
                    connection -> execute(connection, "INSERT INTO notes (body) VALUES (NULL)")))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.operation()).isEqualTo("add a note without body");
                        assertThat(e.file()).isEqualTo(file.toAbsolutePath());
                        assertThat(e.getCause()).isInstanceOf(SQLException.class);
                    })
                    .hasMessageStartingWith("Could not add a note without body in database " + file.toAbsolutePath())
                    .hasMessageContaining("NOT NULL constraint failed: notes.body");
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Database database = Database.open(
                dir.resolve("a.db"), Database.Synchronous.NORMAL, List.of(NOTES_V1, TAGS_V2))) {
            assertThatThrownBy(() -> database.write("tag a missing note",
                    connection -> execute(connection, "INSERT INTO tags (note, tag) VALUES (99, 'x')")))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("FOREIGN KEY constraint failed");
        }
    }

    @Test
    void nestedCallIsRejected() {
        try (Database database = Database.open(dir.resolve("a.db"))) {
            assertThatThrownBy(() -> database.write("outer", connection -> database.schemaVersion()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("work run by database " + database.file()
                            + " called the database again. Do all of it on the connection it was given");
        }
    }

    @Test
    void closedDatabaseRejectsWork() {
        Database database = Database.open(dir.resolve("a.db"));
        database.close();
        database.close();

        assertThatThrownBy(database::schemaVersion)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database " + database.file() + " is closed");
    }

    @Test
    void nonSqliteFileIsRejected() throws Exception {
        Path file = dir.resolve("a.db");
        Files.writeString(file, "this is not a database, just some text that is long enough to fill a header");

        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("Could not ")
                .hasMessageContaining("in database " + file.toAbsolutePath())
                .hasMessageContaining("file is not a database");
    }

    private static String pragma(Database database, String name) {
        return database.read("read " + name, connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
                rows.next();
                return rows.getString(1);
            }
        });
    }

    private static List<String> tables(Database database) {
        return strings(database, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    }

    private static List<String> noteBodies(Database database) {
        return strings(database, "SELECT body FROM notes ORDER BY id");
    }

    private static List<String> strings(Database database, String sql) {
        return database.read("query", connection -> {
            List<String> values = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        });
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
