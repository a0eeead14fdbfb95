package io.chatbridge.storage;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A database operation failed. The message names the operation, the database file and the
 * problem. The cause, when there is one, is the original {@link java.sql.SQLException} or
 * {@link java.io.IOException}.
 */
public final class StorageException extends RuntimeException {

    private final String operation;
    private final Path file;

    /**
     * Creates an exception.
     *
     * @param operation what was being done, such as {@code append turns to telegram:42}
     * @param file the database file
     * @param problem what went wrong and, where known, what to do about it
     * @param cause the underlying failure, or null
     */
    public StorageException(String operation, Path file, String problem, @Nullable Throwable cause) {
        super("Could not " + operation + " in database " + file + ": " + problem, cause);
        this.operation = operation;
        this.file = file;
    }

    /** Returns what was being done when the failure happened. */
    public String operation() {
        return operation;
    }

    /** Returns the database file. */
    public Path file() {
        return file;
    }
}
