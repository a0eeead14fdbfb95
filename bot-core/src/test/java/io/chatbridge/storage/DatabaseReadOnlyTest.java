package io.chatbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseReadOnlyTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatAnotherConnectionCommitted() {
        Path file = dir.resolve("chatbridge.db");
        try (Database writer = Database.open(file)) {
            writer.write("add a setting", connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO chat_settings (chat, model) VALUES ('telegram:1', 'gpt-4o')");
                }
            });

            try (Database reader = Database.openReadOnly(file, 2)) {
                String model = reader.read("read the setting", connection -> {
                    try (Statement statement = connection.createStatement();
                            ResultSet rows = statement.executeQuery("SELECT model FROM chat_settings")) {
                        rows.next();
                        return rows.getString(1);
                    }
                });
                assertThat(model).isEqualTo("gpt-4o");
            }
        }
    }

    @Test
    void rejectsWrites() {
        Path file = dir.resolve("chatbridge.db");
        Database.open(file).close();

        try (Database reader = Database.openReadOnly(file, 1)) {
            assertThatThrownBy(() -> reader.write("delete settings", connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DELETE FROM chat_settings");
                }
            })).isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("Could not delete settings in database " + file.toAbsolutePath());
        }
    }

    @Test
    void missingFileIsNotCreated() {
        Path file = dir.resolve("absent.db");

        assertThatThrownBy(() -> Database.openReadOnly(file, 2))
                .isInstanceOf(StorageException.class)
                .hasMessage("Could not open the file for reading in database " + file.toAbsolutePath()
                        + ": the file does not exist. Check the data directory setting");
        assertThat(file).doesNotExist();
    }

    @Test
    void olderSchemaIsRejected() {
        Path file = dir.resolve("old.db");
        Database.open(file, Database.Synchronous.NORMAL, List.of(Migrations.CONVERSATIONS)).close();

        assertThatThrownBy(() -> Database.openReadOnly(file, 2))
                .isInstanceOf(StorageException.class)
                .hasMessage("Could not open the file for reading in database " + file.toAbsolutePath()
                        + ": its schema version is 1, but version 2 is needed. Start the bot once to upgrade the file");
    }
}
