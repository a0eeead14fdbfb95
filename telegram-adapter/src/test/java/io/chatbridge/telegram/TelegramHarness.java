package io.chatbridge.telegram;

import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.engine.ChatEngine;
import io.chatbridge.model.HttpClients;
import io.chatbridge.model.OpenAiChatModel;
import io.chatbridge.storage.Database;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.FakeTelegramServer;
import io.chatbridge.testing.Fixtures;
import io.chatbridge.time.ExecutorTaskScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole Telegram path on loopback: the real TelegramBots library polling a fake Bot API
 * server, the real engine and store, and the real model client calling a fake OpenAI server.
 *
 * <p>Time for pacing and flood control is a clock that only the engine's sleeper moves, so waits
 * such as Telegram's {@code retry_after} pass at once and are recorded in {@link #sleeps()}.
 */
final class TelegramHarness implements AutoCloseable {

    static final String TOKEN = "123456:TEST_token_for_fake_server";
    static final long PRIVATE_CHAT = 100000001L;
    static final long GROUP_CHAT = -1001000000001L;
    static final long FORUM_CHAT = -1001000000002L;
    static final Duration WAIT = Duration.ofSeconds(15);

    final FakeTelegramServer telegram;
    final FakeOpenAiServer openAi;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final SleeperClock clock = new SleeperClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final Path dataDir;
    private final Map<String, String> extraEnv;
    private Database database;
    private ExecutorTaskScheduler scheduler;
    private ChatEngine engine;
    private TelegramAdapter adapter;

    TelegramHarness(Path dataDir, Map<String, String> extraEnv) throws Exception {
        this.dataDir = dataDir;
        this.extraEnv = extraEnv;
        this.telegram = new FakeTelegramServer(TOKEN, Fixtures.read("telegram/getme.json"));
        this.openAi = new FakeOpenAiServer();
        start();
    }

    TelegramHarness(Path dataDir) throws Exception {
        this(dataDir, Map.of());
    }

    /** Starts the bot: engine, store and adapter, as the launcher would. */
    void start() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "sk-test-placeholder-key");
        env.put("OPENAI_BASE_URL", openAi.baseUrl());
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("TELEGRAM_API_URL", telegram.baseUrl());
        env.put("CHATBRIDGE_DATA_DIR", dataDir.toString());
        env.put("CHATBRIDGE_OPENAI_MAX_RETRIES", "0");
        env.putAll(extraEnv);
        BotConfig config = ConfigLoader.load(null, env);

        database = Database.open(dataDir.resolve("chatbridge.db"));
        scheduler = new ExecutorTaskScheduler();
        var http = HttpClients.create(Duration.ofSeconds(5), Duration.ofSeconds(10), null);
        engine = ChatEngine.builder()
                .config(config)
                .model(new OpenAiChatModel(config.openAi(), http, clock, duration -> sleeps.add(duration)))
                .cache(new ConversationCache(new SqliteConversationStore(database), 1_000_000, Duration.ofHours(1)))
                .settingsStore(new SqliteChatSettingsStore(database))
                .scheduler(scheduler)
                .clock(clock)
                .sleeper(duration -> {
                    sleeps.add(duration);
                    clock.advance(duration);
                })
                .build();
        adapter = new TelegramAdapter(config.telegram(), engine);
        adapter.start();
    }

    /** Stops the bot as a process exit would, keeping the fake servers and the data directory. */
    void stop() {
        adapter.close();
        engine.close();
        scheduler.close();
        database.close();
    }

    void push(String fixture) {
        telegram.pushUpdate(Fixtures.read("telegram/" + fixture));
    }

    /** Waits until a chat shows {@code count} bot messages and the last one reads {@code text}. */
    List<String> awaitTexts(long chatId, int count, String lastText) {
        return io.chatbridge.testing.Await.value(WAIT, "bot messages in chat " + chatId, () -> telegram.texts(chatId),
                texts -> texts.size() == count && texts.getLast().equals(lastText));
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            telegram.close();
            openAi.close();
        }
    }

    /** A clock that moves only when the engine sleeps. */
    static final class SleeperClock extends Clock {
        private volatile Instant now;

        SleeperClock(Instant start) {
            this.now = start;
        }

        synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
