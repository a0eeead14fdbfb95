package io.chatbridge.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.config.TelegramWebhookSettings;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.engine.ChatEngine;
import io.chatbridge.inbound.DeduplicatingHandler;
import io.chatbridge.inbound.InboundLedger;
import io.chatbridge.model.HttpClients;
import io.chatbridge.model.OpenAiChatModel;
import io.chatbridge.storage.Database;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.FakeTelegramServer;
import io.chatbridge.testing.Fixtures;
import io.chatbridge.testing.ManualClock;
import io.chatbridge.time.ExecutorTaskScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * The whole Telegram path on loopback: the real TelegramBots library polling a fake Bot API
 * server, the real engine and store, and the real model client calling a fake OpenAI server.
 *
 * <p>Time for pacing and flood control is a clock that only the engine's sleeper moves, so waits
 * such as Telegram's {@code retry_after} pass at once and are recorded in {@link #sleeps()}. The
 * polling backoff after a failed {@code getUpdates} is zero, counted in {@link #pollBackOffs()}.
 * Messages pass through the store's duplicate check, as in production.
 */
final class TelegramHarness implements AutoCloseable {

    static final String TOKEN = "123456:TEST_token_for_fake_server";
    static final long PRIVATE_CHAT = 100000001L;
    static final long GROUP_CHAT = -1001000000001L;
    static final long FORUM_CHAT = -1001000000002L;
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeTelegramServer telegram;
    final FakeOpenAiServer openAi;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final Path dataDir;
    private final Map<String, String> extraEnv;
    private final AtomicInteger pollBackOffs = new AtomicInteger();
    private final AtomicInteger nextMessageId = new AtomicInteger(80_000);
    private final @Nullable TelegramWebhookSettings webhook;
    private Database database;
    private ExecutorTaskScheduler scheduler;
    private ChatEngine engine;
    private TelegramAdapter adapter;

    TelegramHarness(Path dataDir, Map<String, String> extraEnv) throws Exception {
        this(dataDir, extraEnv, null);
    }

    /** Starts a bot that receives updates by webhook with these settings, or by polling when null. */
    TelegramHarness(Path dataDir, Map<String, String> extraEnv, @Nullable TelegramWebhookSettings webhook)
            throws Exception {
        this.dataDir = dataDir;
        this.extraEnv = extraEnv;
        this.webhook = webhook;
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
        var handler = new DeduplicatingHandler(new InboundLedger(database, clock), engine);
        adapter = new TelegramAdapter(config.telegram(), webhook, handler, () -> new BackOff() {
            @Override
            public void reset() {
            }

            @Override
            public long nextBackOffMillis() {
                pollBackOffs.incrementAndGet();
                return 0;
            }
        });
        adapter.start();
    }

    TelegramAdapter adapter() {
        return adapter;
    }

    Database database() {
        return database;
    }

    /** Returns how often polling backed off after a failed {@code getUpdates}. */
    int pollBackOffs() {
        return pollBackOffs.get();
    }

    /** Stops the bot as a process exit would, keeping the fake servers and the data directory. */
    void stop() {
        adapter.close();
        engine.close();
        scheduler.close();
        database.close();
    }

    /** Queues a fixture update and returns the {@code update_id} the fake gave it. */
    long push(String fixture) {
        return telegram.pushUpdate(Fixtures.read("telegram/" + fixture));
    }

    /**
     * Queues a fixture update as a new message of the same member: the fixture with a message id
     * no other message has, so the duplicate check lets it through.
     */
    long pushAsNewMessage(String fixture) {
        try {
            var update = (ObjectNode) JSON.readTree(Fixtures.read("telegram/" + fixture));
            ((ObjectNode) update.path("message"))
                    .put("message_id", nextMessageId.getAndIncrement());
            return telegram.pushUpdate(update.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
