package io.chatbridge.engine;

import io.chatbridge.testing.ManualClock;
import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.model.ChatModel;
import io.chatbridge.storage.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** An engine on a temporary SQLite file with defaults, for tests that need only a working engine. */
record EngineFixture(ChatEngine engine, Database database, Path dir) implements AutoCloseable {

    static EngineFixture start(ChatModel model, ManualClock clock) throws Exception {
        Path dir = Files.createTempDirectory("chatbridge-engine");
        BotConfig config = ConfigLoader.load(null, Map.of("OPENAI_API_KEY", "sk-test-placeholder",
                "CHATBRIDGE_DATA_DIR", dir.toString()));
        Database database = Database.open(dir.resolve("chatbridge.db"));
        ChatEngine engine = ChatEngine.builder()
                .config(config)
                .model(model)
                .cache(new ConversationCache(new SqliteConversationStore(database), 1_000_000, Duration.ofHours(1)))
                .settingsStore(new SqliteChatSettingsStore(database))
                .scheduler(new ManualScheduler())
                .clock(clock)
                .sleeper(clock::advance)
                .build();
        return new EngineFixture(engine, database, dir);
    }

    static InboundMessage direct(String text) {
        return new InboundMessage(Platform.TELEGRAM, "100", null, new Sender("100", "Member", false, "en"), text,
                List.of(), true, false, false, "1", "chatbridge_test_bot", null);
    }

    @Override
    public void close() throws IOException {
        engine.close();
        database.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
