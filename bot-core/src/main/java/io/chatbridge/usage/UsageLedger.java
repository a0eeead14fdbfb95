package io.chatbridge.usage;

import io.chatbridge.engine.Platform;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The usage ledger: the {@code usage_ledger} table of a SQLite {@link Database}, one row per model
 * call. The ledger is the record of what was spent; budgets and reports read their sums here.
 *
 * <p>{@link #insert} commits before it returns, so a row outlives a crash of the process that
 * wrote it. Whether it also outlives a power loss depends on the database's
 * {@link Database.Synchronous} level, which is why the bot opens its database with
 * {@link Database.Synchronous#FULL}.
 *
 * <p>Thread-safe, because the database runs one operation at a time. Every method throws
 * {@link io.chatbridge.storage.StorageException} when the database fails.
 */
public final class UsageLedger {

    /** The schema version that contains the ledger tables. */
    public static final int SCHEMA_VERSION = 2;

    private static final String COLUMNS = "started_at, platform, chat_id, thread_id, user_id, user_name, model,"
            + " upstream, prompt_tokens, cached_prompt_tokens, completion_tokens, cost_pusd, estimated, ttft_ms,"
            + " total_ms, outcome, error_kind";
    private static final String SUMS = "COUNT(*), COALESCE(SUM(prompt_tokens), 0),"
            + " COALESCE(SUM(cached_prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0),"
            + " COALESCE(SUM(cost_pusd), 0)";

    private final Database database;

    /** Creates a ledger on a database whose schema is at least {@link #SCHEMA_VERSION}. */
    public UsageLedger(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Appends a row and commits it. */
    public void insert(LedgerEntry entry) {
        database.write("record a model call in chat " + QualifiedId.of(entry.platform(), entry.chatId()),
                connection -> {
            String sql = "INSERT INTO usage_ledger (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                bind(insert, entry);
                insert.executeUpdate();
            }
        });
    }

    /** Returns the sums of a member's calls in all chats, or of a chat's calls by all members, within a window. */
    public UsageTotals totals(BudgetSubject subject, TimeWindow window) {
        String column = subject.kind() == BudgetSubject.Kind.MEMBER ? "user_id" : "chat_id";
        String sql = "SELECT " + SUMS + " FROM usage_ledger WHERE platform = ? AND " + column + " = ?"
                + " AND started_at >= ? AND started_at < ?";
        return database.read("sum the usage of " + subject.storageId(), connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, subject.platform().id());
                select.setString(2, subject.id());
                select.setLong(3, window.startMillis());
                select.setLong(4, window.endMillis());
                return readTotals(select);
            }
        });
    }

    /** Returns the sums of every call within a window. */
    public UsageTotals totals(TimeWindow window) {
        String sql = "SELECT " + SUMS + " FROM usage_ledger WHERE started_at >= ? AND started_at < ?";
        return database.read("sum all usage", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, window.startMillis());
                select.setLong(2, window.endMillis());
                return readTotals(select);
            }
        });
    }

    /**
     * Returns the members who spent most in a chat within a window, most first, ties broken by
     * more requests and then by user id.
     *
     * @param limit the maximum number of members to return, 1 or more
     */
    public List<MemberTotals> topMembers(Platform platform, String chatId, TimeWindow window, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        // The newest non-null name per member: MAX(started_at) makes SQLite take the bare column
        // user_name from the row holding that maximum.
        String sql = """
                SELECT t.user_id, n.user_name, t.requests, t.prompt, t.cached, t.completion, t.cost
                FROM (SELECT user_id, COUNT(*) AS requests, SUM(prompt_tokens) AS prompt,
                             SUM(cached_prompt_tokens) AS cached, SUM(completion_tokens) AS completion,
                             SUM(cost_pusd) AS cost
                      FROM usage_ledger
                      WHERE platform = ? AND chat_id = ? AND started_at >= ? AND started_at < ?
                      GROUP BY user_id) t
                LEFT JOIN (SELECT user_id, user_name, MAX(started_at)
                           FROM usage_ledger
                           WHERE platform = ? AND chat_id = ? AND user_name IS NOT NULL
                           GROUP BY user_id) n ON n.user_id = t.user_id
                ORDER BY t.cost DESC, t.requests DESC, t.user_id
                LIMIT ?""";
        return database.read("list the top members of chat " + QualifiedId.of(platform, chatId), connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, platform.id());
                select.setString(2, chatId);
                select.setLong(3, window.startMillis());
                select.setLong(4, window.endMillis());
                select.setString(5, platform.id());
                select.setString(6, chatId);
                select.setInt(7, limit);
                List<MemberTotals> members = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        UsageTotals totals = new UsageTotals(rows.getLong(3), rows.getLong(4), rows.getLong(5),
                                rows.getLong(6), rows.getLong(7));
                        members.add(new MemberTotals(rows.getString(1), rows.getString(2), totals));
                    }
                }
                return members;
            }
        });
    }

    /**
     * Passes every row within a window to an action, oldest first. The action runs while the
     * database is held, so it must not call the database, and should be quick (formatting output
     * is fine).
     */
    public void forEach(TimeWindow window, Consumer<LedgerEntry> action) {
        String sql = "SELECT " + COLUMNS + " FROM usage_ledger WHERE started_at >= ? AND started_at < ?"
                + " ORDER BY started_at, id";
        database.read("read the usage ledger", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, window.startMillis());
                select.setLong(2, window.endMillis());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        action.accept(readEntry(rows));
                    }
                }
            }
            return null;
        });
    }

    /** Returns every row within a window, oldest first. */
    public List<LedgerEntry> entries(TimeWindow window) {
        List<LedgerEntry> entries = new ArrayList<>();
        forEach(window, entries::add);
        return entries;
    }

    private static void bind(PreparedStatement insert, LedgerEntry entry) throws SQLException {
        insert.setLong(1, entry.startedAt().toEpochMilli());
        insert.setString(2, entry.platform().id());
        insert.setString(3, entry.chatId());
        insert.setString(4, entry.threadId());
        insert.setString(5, entry.userId());
        insert.setString(6, entry.userName());
        insert.setString(7, entry.model());
        insert.setString(8, entry.upstream());
        insert.setInt(9, entry.promptTokens());
        insert.setInt(10, entry.cachedPromptTokens());
        insert.setInt(11, entry.completionTokens());
        insert.setLong(12, entry.costPicoUsd());
        insert.setInt(13, entry.estimated() ? 1 : 0);
        if (entry.timeToFirstTokenMillis() == null) {
            insert.setNull(14, Types.INTEGER);
        } else {
            insert.setLong(14, entry.timeToFirstTokenMillis());
        }
        insert.setLong(15, entry.totalMillis());
        insert.setString(16, entry.outcome().name().toLowerCase(Locale.ROOT));
        insert.setString(17, entry.error() == null ? null : entry.error().name().toLowerCase(Locale.ROOT));
    }

    private static LedgerEntry readEntry(ResultSet row) throws SQLException {
        long ttft = row.getLong("ttft_ms");
        Long timeToFirstToken = row.wasNull() ? null : ttft;
        return new LedgerEntry(
                Instant.ofEpochMilli(row.getLong("started_at")),
                Platform.valueOf(row.getString("platform").toUpperCase(Locale.ROOT)),
                row.getString("chat_id"),
                row.getString("thread_id"),
                row.getString("user_id"),
                row.getString("user_name"),
                row.getString("model"),
                row.getString("upstream"),
                row.getInt("prompt_tokens"),
                row.getInt("cached_prompt_tokens"),
                row.getInt("completion_tokens"),
                row.getLong("cost_pusd"),
                row.getInt("estimated") != 0,
                timeToFirstToken,
                row.getLong("total_ms"),
                CallOutcome.valueOf(row.getString("outcome").toUpperCase(Locale.ROOT)),
                errorKind(row.getString("error_kind")));
    }

    private static @Nullable ModelErrorKind errorKind(@Nullable String stored) {
        return stored == null ? null : ModelErrorKind.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    private static UsageTotals readTotals(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return new UsageTotals(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
        }
    }
}
