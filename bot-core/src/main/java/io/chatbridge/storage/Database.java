package io.chatbridge.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded SQLite database: one file, opened in WAL journal mode with foreign keys enforced,
 * and brought to the newest schema of {@link Migrations} when opened.
 *
 * <p>Thread-safety: one connection serves every caller, and a lock lets one {@link #read} or
 * {@link #write} run at a time. SQLite serializes writes to a file anyway, so more connections
 * would add little for a bot's load. Work passed to {@code read} or {@code write} must not call
 * this database again, and gets an {@link IllegalStateException} if it does.
 *
 * <p>Errors: every {@link SQLException} and {@link IOException} leaves as a
 * {@link StorageException} that names the operation and the file.
 */
public final class Database implements AutoCloseable {

    /**
     * How long a statement waits for a lock held by another process, such as a backup tool
     * reading the file, before it fails with {@code SQLITE_BUSY}.
     */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    /**
     * Durability level of commits ({@code PRAGMA synchronous}), which sets how hard SQLite works
     * to make a commit survive a power loss. In WAL mode every level keeps the file consistent
     * after a crash. The levels differ in whether the newest commits survive a power loss or an
     * operating system crash.
     */
    public enum Synchronous {
        /**
         * Syncs the WAL only at checkpoints. A power loss may undo the last commits before it, but
         * never corrupts the file, and a crash of only this process loses nothing. The default,
         * because a lost conversation turn costs little and every commit gets faster.
         */
        NORMAL,
        /**
         * Syncs the WAL on every commit, so a commit that returned survives a power loss. Meant
         * for data that must not be lost, such as a usage ledger that bills members.
         */
        FULL
    }

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens a database with {@link Synchronous#NORMAL} and the schema of {@link Migrations#all()},
     * creating the file and its parent directories when missing.
     *
     * @throws StorageException when the directory or file cannot be created, the file is not a
     *     SQLite database, a migration fails, or the file's schema is newer than this code
     */
    public static Database open(Path file) {
        return open(file, Synchronous.NORMAL, Migrations.all());
    }

    /**
     * Opens a database with the schema of {@link Migrations#all()}, creating the file and its
     * parent directories when missing.
     *
     * @param synchronous how hard commits work to survive a power loss
     * @throws StorageException as {@link #open(Path)} describes
     */
    public static Database open(Path file, Synchronous synchronous) {
        return open(file, synchronous, Migrations.all());
    }

    /**
     * Opens a database and applies the migrations it has not seen yet, each in its own
     * transaction. Creates the file and its parent directories when missing.
     *
     * @param synchronous how hard commits work to survive a power loss
     * @param migrations the schema, numbered 1, 2, 3 ... in order
     * @throws IllegalArgumentException when the migrations are not numbered 1, 2, 3 ... in order
     * @throws StorageException as {@link #open(Path)} describes. A failed migration is rolled back
     *     and leaves the file at the version before it.
     */
    public static Database open(Path file, Synchronous synchronous, List<Migration> migrations) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(synchronous, "synchronous");
        Migrations.validate(migrations);
        Path absolute = file.toAbsolutePath();

        createParentDirectories(absolute);
        Connection connection = connect(absolute, synchronous);
        Database database = new Database(absolute, connection);
        try {
            database.checkJournalMode();
            int version = new Migrator(database).migrate(migrations);
            log.info("Opened database {} at schema version {}", absolute, version);
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Opens an existing database for reading only, as report tools do while the bot runs. No
     * migration runs and the journal mode stays as the file has it. Every {@link #write} fails
     * with a {@link StorageException}, because SQLite refuses writes on this connection.
     *
     * @param minimumVersion the schema version the caller's queries need
     * @throws StorageException when the file is missing, is not a SQLite database, or has a schema
     *     older than {@code minimumVersion}. In the last case the message says to start the bot
     *     once, which upgrades the file.
     */
    public static Database openReadOnly(Path file, int minimumVersion) {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath();
        if (!Files.isRegularFile(absolute)) {
            throw new StorageException("open the file for reading", absolute,
                    "the file does not exist. Check the data directory setting", null);
        }

        Database database = new Database(absolute, connectReadOnly(absolute));
        try {
            int version = database.schemaVersion();
            if (version < minimumVersion) {
                throw new StorageException("open the file for reading", absolute, "its schema version is " + version
                        + ", but version " + minimumVersion + " is needed. Start the bot once to upgrade the file",
                        null);
            }
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Returns the absolute path of the database file. */
    public Path file() {
        return file;
    }

    /**
     * Returns the schema version recorded in the file ({@code PRAGMA user_version}).
     *
     * @throws StorageException when the file cannot be read
     */
    public int schemaVersion() {
        return read("read the schema version", Database::userVersion);
    }

    /**
     * Runs work that reads, outside a transaction. Blocks while other work runs.
     *
     * @param operation what the work does, for error messages, such as {@code load telegram:42}
     * @throws StorageException when the work throws an {@link SQLException}
     * @throws IllegalStateException when the database is closed, or when called from inside work
     *     that this database runs
     */
    public <T> T read(String operation, SqlFunction<T> work) {
        lockForUse();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failure(operation, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs work in one transaction that commits when the work returns and rolls back when it
     * throws, whatever it throws. Blocks while other work runs.
     *
     * @param operation what the work does, for error messages, such as {@code append turns to telegram:42}
     * @throws StorageException when the work or the commit throws an {@link SQLException}
     * @throws IllegalStateException when the database is closed, or when called from inside work
     *     that this database runs
     */
    public void write(String operation, SqlConsumer work) {
        writeAndGet(operation, connection -> {
            work.accept(connection);
            return Boolean.TRUE;
        });
    }

    /**
     * Runs work in one transaction, as {@link #write} does, and returns what the work returns,
     * such as a generated row id.
     *
     * @throws StorageException when the work or the commit throws an {@link SQLException}
     * @throws IllegalStateException when the database is closed, or when called from inside work
     *     that this database runs
     */
    public <T> T writeAndGet(String operation, SqlFunction<T> work) {
        lockForUse();
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw failure(operation, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the connection after running work finishes. Later calls of {@code read} and
     * {@code write} throw {@link IllegalStateException}. Closing twice does nothing.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            connection.close();
            log.info("Closed database {}", file);
        } catch (SQLException e) {
            log.error("Closing database {} failed, and SQLite will recover the WAL at the next open", file, e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T inTransaction(SqlFunction<T> work) throws SQLException {
        // BEGIN IMMEDIATE takes the write lock up front, so a writer waits for another process's
        // lock for up to BUSY_TIMEOUT instead of failing when it upgrades a read lock.
        execute("BEGIN IMMEDIATE");
        try {
            T result = work.apply(connection);
            execute("COMMIT");
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackAfter(e);
            throw e;
        }
    }

    private void rollbackAfter(Throwable failure) {
        try {
            execute("ROLLBACK");
        } catch (SQLException rollbackFailure) {
            // SQLite already rolls back by itself after some errors, such as a full disk.
            failure.addSuppressed(rollbackFailure);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private StorageException failure(String operation, Exception cause) {
        return new StorageException(operation, file, cause.getMessage(), cause);
    }

    private void lockForUse() {
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("work run by database " + file
                    + " called the database again. Do all of it on the connection it was given");
        }
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("database " + file + " is closed");
        }
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void checkJournalMode() {
        String mode = read("read the journal mode", connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
                rows.next();
                return rows.getString(1);
            }
        });
        if (!"wal".equalsIgnoreCase(mode)) {
            // SQLite keeps the old mode when the file system cannot share memory between
            // processes, as on some network file systems. Rollback journals still work, but
            // readers then wait for writers.
            log.warn("Database {} runs in journal mode {} instead of WAL. Put the data directory on a local"
                    + " file system", file, mode);
        }
    }

    private static void createParentDirectories(Path file) {
        Path directory = file.getParent();
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageException("create the directory " + directory, file,
                    e + ". Check that the data directory is writable", e);
        }
    }

    private static Connection connectReadOnly(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(Math.toIntExact(BUSY_TIMEOUT.toMillis()));
        try {
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new StorageException("open the file for reading", file, e.getMessage(), e);
        }
    }

    private static Connection connect(Path file, Synchronous synchronous) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous.name()));
        config.setBusyTimeout(Math.toIntExact(BUSY_TIMEOUT.toMillis()));
        config.enforceForeignKeys(true);
        try {
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new StorageException("open the file", file, e.getMessage(), e);
        }
    }
}
