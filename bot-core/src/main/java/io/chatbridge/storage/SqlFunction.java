package io.chatbridge.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work that {@link Database} runs on its connection and that returns a value.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SqlFunction<T> {

    /**
     * Runs the work. It must not keep the connection, close it or change its transaction state,
     * because the {@link Database} owns all three.
     *
     * @throws SQLException when a statement fails, which the database wraps in a
     *     {@link StorageException}
     */
    T apply(Connection connection) throws SQLException;
}
