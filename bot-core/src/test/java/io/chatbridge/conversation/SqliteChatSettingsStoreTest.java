package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.config.ChatSettings;
import io.chatbridge.i18n.Language;
import io.chatbridge.storage.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteChatSettingsStoreTest {

    private static final String CHAT = "telegram:-100123";
    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");

    @TempDir
    Path dir;

    private Database database;
    private SqliteChatSettingsStore store;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("chatbridge.db"));
        store = new SqliteChatSettingsStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void roundTripKeepsEveryField() {
        ChatSettings settings = new ChatSettings("Answer in haiku.", Scope.THREAD, "!ai", "gpt-4o-mini", 0.25,
                Language.ZH_CN);

        store.save(CHAT, settings);

        assertThat(store.load(CHAT)).contains(settings);
    }

    @Test
    void nullFieldsStayNull() {
        ChatSettings onlyScope = new ChatSettings(null, Scope.USER, null, null, null, null);

        store.save(CHAT, onlyScope);

        assertThat(store.load(CHAT)).contains(onlyScope);
    }

    @Test
    void zeroTemperatureIsNotNull() {
        ChatSettings settings = new ChatSettings(null, null, null, null, 0.0, null);

        store.save(CHAT, settings);

        assertThat(store.load(CHAT)).contains(settings);
    }

    @Test
    void emptySettingsRoundTrip() {
        store.save(CHAT, ChatSettings.EMPTY);

        assertThat(store.load(CHAT)).contains(ChatSettings.EMPTY);
    }

    @Test
    void saveReplacesEarlierSettings() {
        store.save(CHAT, new ChatSettings("old prompt", Scope.CHANNEL, "!old", "gpt-4o", 1.0, Language.EN));
        ChatSettings replacement = new ChatSettings("new prompt", null, null, null, null, null);

        store.save(CHAT, replacement);

        assertThat(store.load(CHAT)).contains(replacement);
    }

    @Test
    void unknownChatIsEmpty() {
        store.save(CHAT, ChatSettings.EMPTY);

        assertThat(store.load("discord:555")).isEmpty();
    }

    @Test
    void saveStoresSpellingsAndTime() {
        store.save(CHAT, new ChatSettings(null, Scope.CHANNEL, null, null, null, Language.ZH_CN));

        assertThat(storedText("scope")).isEqualTo("channel");
        assertThat(storedText("language")).isEqualTo("zh-CN");
        assertThat(storedText("updated_at")).isEqualTo(Long.toString(NOW.toEpochMilli()));
    }

    @Test
    void unknownStoredValuesReadAsDefaults() {
        store.save(CHAT, new ChatSettings("keep me", Scope.CHANNEL, null, null, null, Language.EN));
        database.write("store values from a future version", connection -> {
            String sql = "UPDATE chat_settings SET scope = 'galaxy', language = 'tlh'";
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.executeUpdate();
            }
        });

        assertThat(store.load(CHAT)).contains(new ChatSettings("keep me", null, null, null, null, null));
    }

    @Test
    void settingsSurviveReopen() {
        ChatSettings settings = new ChatSettings("persist", Scope.USER, "?", "gpt-4o-mini", 0.7, Language.EN);
        store.save(CHAT, settings);
        database.close();

        database = Database.open(dir.resolve("chatbridge.db"));
        store = new SqliteChatSettingsStore(database);

        assertThat(store.load(CHAT)).contains(settings);
    }

    private String storedText(String column) {
        return database.read("read " + column, connection -> {
            String sql = "SELECT " + column + " FROM chat_settings WHERE chat = ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, CHAT);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            }
        });
    }
}
