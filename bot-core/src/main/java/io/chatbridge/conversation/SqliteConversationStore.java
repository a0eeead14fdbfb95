package io.chatbridge.conversation;

import io.chatbridge.model.Role;
import io.chatbridge.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link ConversationStore} in the {@code turns} table of a SQLite {@link Database}. Each turn
 * is one row keyed by {@link ConversationKey#storageId()} and a sequence number that counts up
 * from 1 within the conversation.
 *
 * <p>Stored values: {@code createdAt} keeps millisecond precision. Images are stored as JSON with
 * their URL as given, so a {@code data:} URL stores the image bytes in the row. Callers must not
 * pass URLs that contain a secret, such as Telegram file URLs, which contain the bot token.
 *
 * <p>Thread-safe, because the database runs one operation at a time. Every method throws
 * {@link io.chatbridge.storage.StorageException} when the database fails or a row is invalid.
 */
public final class SqliteConversationStore implements ConversationStore {

    private static final String SELECT_COLUMNS =
            "SELECT seq, role, text, images, tokens, created_at, status FROM turns";

    private final Database database;

    /** Creates a store on a database whose schema includes the {@code turns} table (version 1). */
    public SqliteConversationStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public List<Turn> load(ConversationKey key) {
        String conversation = key.storageId();
        return database.read("load conversation " + conversation, connection -> {
            String sql = SELECT_COLUMNS + " WHERE conversation = ? ORDER BY seq";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, conversation);
                return readTurns(select, conversation);
            }
        });
    }

    /** Returns the newest turns, reading only those rows. */
    @Override
    public List<Turn> load(ConversationKey key, int maxTurns) {
        if (maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be at least 1, was " + maxTurns);
        }
        String conversation = key.storageId();
        String operation = "load the newest " + maxTurns + " turns of conversation " + conversation;
        return database.read(operation, connection -> {
            String sql = "SELECT * FROM (" + SELECT_COLUMNS
                    + " WHERE conversation = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, conversation);
                select.setInt(2, maxTurns);
                return readTurns(select, conversation);
            }
        });
    }

    /** Appends turns in one transaction, numbering them after the conversation's last turn. */
    @Override
    public void append(ConversationKey key, List<Turn> turns) {
        if (turns.isEmpty()) {
            return;
        }
        String conversation = key.storageId();
        database.write("append " + turns.size() + " turns to conversation " + conversation, connection -> {
            long seq = lastSeq(connection, conversation);
            String sql = "INSERT INTO turns (conversation, seq, role, text, images, tokens, created_at, status)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (Turn turn : turns) {
                    seq++;
                    bindTurn(insert, conversation, seq, turn);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Override
    public void clear(ConversationKey key) {
        String conversation = key.storageId();
        database.write("clear conversation " + conversation, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM turns WHERE conversation = ?")) {
                delete.setString(1, conversation);
                delete.executeUpdate();
            }
        });
    }

    private static long lastSeq(Connection connection, String conversation) throws SQLException {
        String sql = "SELECT COALESCE(MAX(seq), 0) FROM turns WHERE conversation = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, conversation);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void bindTurn(PreparedStatement insert, String conversation, long seq, Turn turn)
            throws SQLException {
        insert.setString(1, conversation);
        insert.setLong(2, seq);
        insert.setString(3, turn.role().wireName());
        insert.setString(4, turn.text());
        insert.setString(5, ImagesJson.write(turn.images()));
        insert.setInt(6, turn.tokens());
        insert.setLong(7, turn.createdAt().toEpochMilli());
        insert.setString(8, turn.status().name().toLowerCase(Locale.ROOT));
    }

    private static List<Turn> readTurns(PreparedStatement select, String conversation) throws SQLException {
        List<Turn> turns = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                turns.add(readTurn(rows, conversation));
            }
        }
        return List.copyOf(turns);
    }

    private static Turn readTurn(ResultSet row, String conversation) throws SQLException {
        String rowName = "turn " + row.getLong("seq") + " of conversation " + conversation;
        return new Turn(
                parse(Role.class, row.getString("role"), rowName, "role"),
                row.getString("text"),
                ImagesJson.read(row.getString("images"), rowName),
                row.getInt("tokens"),
                Instant.ofEpochMilli(row.getLong("created_at")),
                parse(TurnStatus.class, row.getString("status"), rowName, "status"));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String stored, String rowName, String column)
            throws SQLDataException {
        try {
            return Enum.valueOf(type, stored.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SQLDataException(rowName + " has unknown " + column + " '" + stored + "'", e);
        }
    }
}
