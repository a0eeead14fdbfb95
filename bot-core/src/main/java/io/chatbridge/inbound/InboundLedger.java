package io.chatbridge.inbound;

import io.chatbridge.engine.Platform;
import io.chatbridge.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Remembers, in the {@code inbound_messages} table, every platform message the bot received and
 * whether its handling finished, so that a message delivered twice is handled once, even across a
 * restart.
 *
 * <p>Each instance is one run of the bot with its own run id. A message received by an earlier run
 * whose handling never finished (the process stopped in the middle) may be handled again by this
 * run, because a question left unanswered is worse than one answered twice.
 *
 * <p>The table stays bounded: {@link #prune()} deletes rows older than the retention and, beyond
 * the row limit, the oldest rows. It runs when the ledger is created and after every
 * {@value #PRUNE_EVERY} claims. Thread-safe; every method may throw
 * {@link io.chatbridge.storage.StorageException}.
 */
public final class InboundLedger {

    /**
     * How long a message is remembered by default: 7 days. The Bot API documentation says Telegram
     * keeps an undelivered update for at most 24 hours, so a week leaves room for a long outage.
     */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    /** The default maximum number of remembered messages: 200,000 rows, an estimated 30 MB of database file. */
    public static final int DEFAULT_MAX_ROWS = 200_000;

    static final int PRUNE_EVERY = 1000;

    /** The outcome of {@link #claim} for one message. */
    public enum Claim {
        /** First delivery: handle it. */
        NEW,
        /** Received by an earlier run that stopped before finishing it: handle it again. */
        UNFINISHED_EARLIER,
        /** Delivered again while this run is still handling it: skip it. */
        IN_PROGRESS,
        /** Delivered again after it was handled: skip it. */
        FINISHED;

        /** Returns whether the message should be handled now. */
        public boolean handle() {
            return this == NEW || this == UNFINISHED_EARLIER;
        }
    }

    private static final String RECEIVED = "received";
    private static final String FINISHED = "finished";

    private final Database database;
    private final Clock clock;
    private final Duration retention;
    private final int maxRows;
    private final String runId = UUID.randomUUID().toString();
    private final Object pruneCount = new Object();
    private int claimsSincePrune;

    /** Creates a ledger with {@link #DEFAULT_RETENTION} and {@link #DEFAULT_MAX_ROWS}, pruning once. */
    public InboundLedger(Database database, Clock clock) {
        this(database, clock, DEFAULT_RETENTION, DEFAULT_MAX_ROWS);
    }

    /**
     * Creates a ledger on a database whose schema has the {@code inbound_messages} table, and prunes
     * it once.
     *
     * @param retention how long a message is remembered, positive
     * @param maxRows the most messages remembered, at least 1
     */
    public InboundLedger(Database database, Clock clock, Duration retention, int maxRows) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (!retention.isPositive() || maxRows < 1) {
            throw new IllegalArgumentException("retention must be positive and maxRows at least 1, were " + retention
                    + " and " + maxRows);
        }
        this.maxRows = maxRows;
        prune();
    }

    /**
     * Records that a message arrived and returns whether to handle it. A message that is handled
     * ({@link Claim#handle()}) must later be passed to {@link #finish}.
     */
    public Claim claim(Platform platform, String chatId, String messageId) {
        Claim claim = database.writeAndGet("claim " + describe(platform, chatId, messageId),
                connection -> claim(connection, platform, chatId, messageId));
        if (claim == Claim.NEW && dueForPrune()) {
            prune();
        }
        return claim;
    }

    /** Records that a claimed message was handled, so a later delivery of it is skipped. */
    public void finish(Platform platform, String chatId, String messageId) {
        database.write("finish " + describe(platform, chatId, messageId), connection -> {
            String sql = "UPDATE inbound_messages SET state = ? WHERE platform = ? AND chat_id = ? AND message_id = ?";
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, FINISHED);
                bindKey(update, 2, platform, chatId, messageId);
                update.executeUpdate();
            }
        });
    }

    /**
     * Returns how many messages received by earlier runs were never finished: questions the bot
     * stopped in the middle of, which the platform may not deliver again.
     */
    public int unfinishedFromEarlierRuns() {
        return database.read("count unfinished inbound messages", connection -> {
            String sql = "SELECT count(*) FROM inbound_messages WHERE state = ? AND run_id <> ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, RECEIVED);
                select.setString(2, runId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    /**
     * Deletes messages older than the retention, then the oldest beyond the row limit.
     *
     * @return the number of rows deleted
     */
    public int prune() {
        long cutoff = clock.millis() - retention.toMillis();
        return database.writeAndGet("prune inbound messages", connection -> {
            int deleted;
            try (PreparedStatement expired = connection.prepareStatement(
                    "DELETE FROM inbound_messages WHERE received_at < ?")) {
                expired.setLong(1, cutoff);
                deleted = expired.executeUpdate();
            }
            try (PreparedStatement overflow = connection.prepareStatement("DELETE FROM inbound_messages WHERE rowid IN"
                    + " (SELECT rowid FROM inbound_messages ORDER BY received_at DESC, rowid DESC LIMIT -1 OFFSET ?)")) {
                overflow.setInt(1, maxRows);
                deleted += overflow.executeUpdate();
            }
            return deleted;
        });
    }

    private Claim claim(Connection connection, Platform platform, String chatId, String messageId) throws SQLException {
        String sql = "SELECT state, run_id FROM inbound_messages WHERE platform = ? AND chat_id = ? AND message_id = ?";
        String state;
        String owner;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bindKey(select, 1, platform, chatId, messageId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    insert(connection, platform, chatId, messageId);
                    return Claim.NEW;
                }
                state = rows.getString(1);
                owner = rows.getString(2);
            }
        }
        if (FINISHED.equals(state)) {
            return Claim.FINISHED;
        }
        if (runId.equals(owner)) {
            return Claim.IN_PROGRESS;
        }
        takeOver(connection, platform, chatId, messageId);
        return Claim.UNFINISHED_EARLIER;
    }

    private void insert(Connection connection, Platform platform, String chatId, String messageId) throws SQLException {
        String sql = "INSERT INTO inbound_messages (platform, chat_id, message_id, state, run_id, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bindKey(insert, 1, platform, chatId, messageId);
            insert.setString(4, RECEIVED);
            insert.setString(5, runId);
            insert.setLong(6, clock.millis());
            insert.executeUpdate();
        }
    }

    private void takeOver(Connection connection, Platform platform, String chatId, String messageId)
            throws SQLException {
        String sql = "UPDATE inbound_messages SET run_id = ?, received_at = ?"
                + " WHERE platform = ? AND chat_id = ? AND message_id = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, runId);
            update.setLong(2, clock.millis());
            bindKey(update, 3, platform, chatId, messageId);
            update.executeUpdate();
        }
    }

    private boolean dueForPrune() {
        synchronized (pruneCount) {
            claimsSincePrune++;
            if (claimsSincePrune < PRUNE_EVERY) {
                return false;
            }
            claimsSincePrune = 0;
            return true;
        }
    }

    private static void bindKey(PreparedStatement statement, int first, Platform platform, String chatId,
            String messageId) throws SQLException {
        statement.setString(first, platform.id());
        statement.setString(first + 1, chatId);
        statement.setString(first + 2, messageId);
    }

    private static String describe(Platform platform, String chatId, String messageId) {
        return "message " + messageId + " in " + platform.id() + ":" + chatId;
    }
}
