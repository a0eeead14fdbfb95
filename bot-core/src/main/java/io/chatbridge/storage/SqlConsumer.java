package io.chatbridge.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** Work that {@link Database} runs on its connection and that returns nothing. */
@FunctionalInterface
public interface SqlConsumer {

    /**
     * Runs the work. It must not keep the connection, close it or change its transaction state,
     * because the {@link Database} owns all three.
     *
     * @throws SQLException when a statement fails, which the database wraps in a
     *     {@link StorageException}
     */
    void accept(Connection connection) throws SQLException;
}
