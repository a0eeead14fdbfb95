package io.chatbridge.storage;

import java.util.List;
import java.util.Objects;

/**
 * One step of the database schema. {@link Database} applies each step once, in one transaction,
 * and records its version in {@code PRAGMA user_version}.
 *
 * @param version the schema version this step produces, counting from 1
 * @param description what the step adds, for the log
 * @param statements the SQL statements, run in order, one statement per string, because
 *     sqlite-jdbc's {@link java.sql.Statement#execute} runs only the first statement of a string
 */
public record Migration(int version, String description, List<String> statements) {

    public Migration {
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be at least 1, was " + version);
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
    }
}
