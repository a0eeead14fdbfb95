package io.chatbridge.discord;

import io.chatbridge.testing.ManualClock;
import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.engine.ChatEngine;
import io.chatbridge.model.HttpClients;
import io.chatbridge.model.OpenAiChatModel;
import io.chatbridge.storage.Database;
import io.chatbridge.testing.Await;
import io.chatbridge.testing.FakeDiscordServer;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.time.ExecutorTaskScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole Discord path on loopback: the real JDA library connected to a fake Discord REST server
 * and gateway, the real engine and SQLite store, and the real model client calling a fake OpenAI
 * server. The configuration comes from {@link ConfigLoader} with the environment a launcher would
 * see.
 *
 * <p>Time for pacing is a clock that only the engine's sleeper moves, so pacing waits pass at once
 * and are recorded in {@link #sleeps()}. JDA's own rate-limit waits are real time.
 */
final class DiscordHarness implements AutoCloseable {

    /** The bound on every wait in these tests. */
    static final Duration WAIT = Duration.ofSeconds(15);

    final FakeDiscordServer discord;
    final FakeOpenAiServer openAi;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final Path dataDir;
    private final Map<String, String> extraEnv;
    private Database database;
    private ExecutorTaskScheduler scheduler;
    private ChatEngine engine;
    private DiscordAdapter adapter;

    /**
     * Starts the fakes and the bot.
     *
     * @param extraEnv more environment variables, which win over the harness's own
     */
    DiscordHarness(Path dataDir, Map<String, String> extraEnv) throws Exception {
        this.dataDir = dataDir;
        this.extraEnv = Map.copyOf(extraEnv);
        this.discord = FakeDiscordServer.start();
        this.openAi = new FakeOpenAiServer();
        try {
            start();
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    DiscordHarness(Path dataDir) throws Exception {
        this(dataDir, Map.of());
    }

    /** Returns the environment a launcher would see with both fakes configured. */
    static Map<String, String> environment(FakeDiscordServer discord, FakeOpenAiServer openAi, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "sk-test-placeholder-key");
        env.put("OPENAI_BASE_URL", openAi.baseUrl());
        env.put("DISCORD_BOT_TOKEN", FakeDiscordServer.BOT_TOKEN);
        env.put("DISCORD_API_URL", discord.apiUrl());
        env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
        env.put("CHATBRIDGE_DATA_DIR", dataDir.toString());
        env.put("CHATBRIDGE_OPENAI_MAX_RETRIES", "0");
        return env;
    }

    private void start() throws Exception {
        Map<String, String> env = environment(discord, openAi, dataDir);
        env.putAll(extraEnv);
        BotConfig config = ConfigLoader.load(null, env);

        database = Database.open(dataDir.resolve("chatbridge.db"));
        scheduler = new ExecutorTaskScheduler();
        var http = HttpClients.create(Duration.ofSeconds(5), Duration.ofSeconds(10), null);
        engine = ChatEngine.builder()
                .config(config)
                .model(new OpenAiChatModel(config.openAi(), http, clock, sleeps::add))
                .cache(new ConversationCache(new SqliteConversationStore(database), 1_000_000, Duration.ofHours(1)))
                .settingsStore(new SqliteChatSettingsStore(database))
                .scheduler(scheduler)
                .clock(clock)
                .sleeper(duration -> {
                    sleeps.add(duration);
                    clock.advance(duration);
                })
                .build();
        adapter = new DiscordAdapter(config.discord(), engine);
        adapter.start(WAIT);
    }

    /** Waits until a channel shows {@code count} bot messages and the last one reads {@code lastText}. */
    List<String> awaitMessages(String channelId, int count, String lastText) {
        return Await.value(WAIT, count + " bot messages in channel " + channelId + " ending with " + lastText,
                () -> discord.channelMessages(channelId),
                shown -> shown.size() == count && shown.getLast().equals(lastText));
    }

    /** Returns every wait of the engine's sleeper and the model client's backoff, oldest first. */
    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public void close() {
        try {
            // Stopped in this order so that no answer in progress writes to a closed store.
            if (adapter != null) {
                adapter.close();
            }
            if (engine != null) {
                engine.close();
            }
            if (scheduler != null) {
                scheduler.close();
            }
            if (database != null) {
                database.close();
            }
        } finally {
            discord.close();
            openAi.close();
        }
    }
}
