package io.chatbridge.conversation;

import io.chatbridge.config.ChatSettings;
import io.chatbridge.i18n.Language;
import io.chatbridge.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatSettingsStore} in the {@code chat_settings} table of a SQLite {@link Database}, one
 * row per chat. A null field is stored as SQL NULL and read back as null, meaning "as the
 * defaults". Scope and language are stored in their configuration spelling ({@code channel},
 * {@code zh-CN}).
 *
 * <p>Thread-safe, because the database runs one operation at a time. Every method throws
 * {@link io.chatbridge.storage.StorageException} when the database fails.
 */
public final class SqliteChatSettingsStore implements ChatSettingsStore {

    private static final Logger log = LoggerFactory.getLogger(SqliteChatSettingsStore.class);

    private final Database database;
    private final Clock clock;

    /** Creates a store that stamps {@code updated_at} with the system clock. */
    public SqliteChatSettingsStore(Database database) {
        this(database, Clock.systemUTC());
    }

    /**
     * Creates a store.
     *
     * @param database a database whose schema includes the {@code chat_settings} table (version 1)
     * @param clock the clock for the {@code updated_at} column
     */
    public SqliteChatSettingsStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Returns the stored settings of a chat. A stored scope or language that this version does not
     * know is read as null, so the chat falls back to the defaults, and logged as a warning.
     */
    @Override
    public Optional<ChatSettings> load(String chatRef) {
        return database.read("load the settings of chat " + chatRef, connection -> {
            String sql = "SELECT system_prompt, scope, trigger_prefix, model, temperature, language"
                    + " FROM chat_settings WHERE chat = ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, chatRef);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(readSettings(row, chatRef)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void save(String chatRef, ChatSettings settings) {
        long updatedAt = clock.millis();
        database.write("save the settings of chat " + chatRef, connection -> {
            String sql = """
                    INSERT INTO chat_settings
                        (chat, system_prompt, scope, trigger_prefix, model, temperature, language, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (chat) DO UPDATE SET
                        system_prompt = excluded.system_prompt, scope = excluded.scope,
                        trigger_prefix = excluded.trigger_prefix, model = excluded.model,
                        temperature = excluded.temperature, language = excluded.language,
                        updated_at = excluded.updated_at""";
            try (PreparedStatement upsert = connection.prepareStatement(sql)) {
                upsert.setString(1, chatRef);
                upsert.setString(2, settings.systemPrompt());
                upsert.setString(3, settings.scope() == null ? null : settings.scope().id());
                upsert.setString(4, settings.triggerPrefix());
                upsert.setString(5, settings.model());
                bindTemperature(upsert, 6, settings.temperature());
                upsert.setString(7, settings.language() == null ? null : settings.language().tag());
                upsert.setLong(8, updatedAt);
                upsert.executeUpdate();
            }
        });
    }

    private static void bindTemperature(PreparedStatement upsert, int index, @Nullable Double temperature)
            throws SQLException {
        if (temperature == null) {
            upsert.setNull(index, Types.REAL);
        } else {
            upsert.setDouble(index, temperature);
        }
    }

    private static ChatSettings readSettings(ResultSet row, String chatRef) throws SQLException {
        return new ChatSettings(
                row.getString("system_prompt"),
                readScope(row.getString("scope"), chatRef),
                row.getString("trigger_prefix"),
                row.getString("model"),
                readTemperature(row),
                readLanguage(row.getString("language"), chatRef));
    }

    private static @Nullable Double readTemperature(ResultSet row) throws SQLException {
        double temperature = row.getDouble("temperature");
        // getDouble returns 0 for NULL, so only wasNull, called right after, separates the two.
        return row.wasNull() ? null : temperature;
    }

    private static @Nullable Scope readScope(@Nullable String stored, String chatRef) {
        if (stored == null) {
            return null;
        }
        try {
            return Scope.parse(stored);
        } catch (IllegalArgumentException e) {
            log.warn("Chat {} has unknown stored scope '{}'. Using the default scope until an admin sets it again",
                    chatRef, stored);
            return null;
        }
    }

    private static @Nullable Language readLanguage(@Nullable String stored, String chatRef) {
        if (stored == null) {
            return null;
        }
        Language language = Language.fromTag(stored);
        if (language == null) {
            log.warn("Chat {} has unknown stored language '{}'. Using the default language until an admin sets it"
                    + " again", chatRef, stored);
        }
        return language;
    }
}
