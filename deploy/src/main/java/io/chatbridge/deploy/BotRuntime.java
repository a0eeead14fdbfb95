package io.chatbridge.deploy;

import io.chatbridge.config.BotConfig;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.engine.ChatEngine;
import io.chatbridge.metrics.BotMetrics;
import io.chatbridge.model.HttpClients;
import io.chatbridge.model.OpenAiChatModel;
import io.chatbridge.storage.Database;
import io.chatbridge.time.ExecutorTaskScheduler;
import io.chatbridge.time.Sleeper;
import io.chatbridge.usage.UsageService;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine and everything it stands on, built from the configuration: the SQLite database in
 * the data directory, the conversation cache over it, and the model client.
 *
 * <p>{@link #close()} stops the engine first, then the timer, then the database, so no answer in
 * progress writes to a closed store.
 */
final class BotRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BotRuntime.class);
    static final String DATABASE_FILE = "chatbridge.db";

    private final Database database;
    private final ExecutorTaskScheduler scheduler;
    private final OpenAiChatModel model;
    private final ChatEngine engine;

    private BotRuntime(Database database, ExecutorTaskScheduler scheduler, OpenAiChatModel model, ChatEngine engine) {
        this.database = database;
        this.scheduler = scheduler;
        this.model = model;
        this.engine = engine;
    }

    /** Opens the database and builds the engine on the system clock with {@link Sleeper#SYSTEM}, without metrics. */
    static BotRuntime start(BotConfig config) {
        return start(config, BotMetrics.disabled());
    }

    /** Like {@link #start(BotConfig)}, counting the engine's work in {@code metrics}. */
    static BotRuntime start(BotConfig config, BotMetrics metrics) {
        return start(config, Clock.systemUTC(), Sleeper.SYSTEM, metrics);
    }

    /**
     * Opens the database and builds the engine with this clock and sleeper for pacing, flood
     * control and the model client's backoff, so that tests can pass those waits at once.
     */
    static BotRuntime start(BotConfig config, Clock clock, Sleeper sleeper) {
        return start(config, clock, sleeper, BotMetrics.disabled());
    }

    private static BotRuntime start(BotConfig config, Clock clock, Sleeper sleeper, BotMetrics metrics) {
        Path file = config.dataDir().resolve(DATABASE_FILE);
        // The usage ledger is billing data, so each commit is flushed to disk (one fsync per answer).
        Database database = Database.open(file, Database.Synchronous.FULL);
        UsageService usage = UsageService.create(database, config.usage(), clock);
        ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler();
        OpenAiChatModel model = model(config, clock, sleeper);
        ConversationCache cache = new ConversationCache(new SqliteConversationStore(database),
                config.conversation().cacheMaxTokens(), config.conversation().idleExpiry());
        ChatEngine engine = ChatEngine.builder()
                .config(config)
                .model(model)
                .cache(cache)
                .settingsStore(new SqliteChatSettingsStore(database))
                .scheduler(scheduler)
                .clock(clock)
                .sleeper(sleeper)
                .gatekeeper(usage.gatekeeper())
                .usageRecorder(metrics.recording(usage.recorder(), usage.prices()))
                .metrics(metrics)
                .usageReporter(usage.reporter())
                .budgetCommand(usage.budgetCommand())
                .maxConcurrentCalls(config.usage().rateLimits().maxConcurrentCalls())
                .build();
        log.info("Engine ready: model {} at {}, data in {}", config.openAi().model(),
                java.net.URI.create(config.openAi().baseUrl()).getHost(), file.toAbsolutePath());
        return new BotRuntime(database, scheduler, model, engine);
    }

    /** Builds the model client from the configuration on the system clock. */
    static OpenAiChatModel model(BotConfig config) {
        return model(config, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    private static OpenAiChatModel model(BotConfig config, Clock clock, Sleeper sleeper) {
        var settings = config.openAi();
        var http = HttpClients.create(settings.connectTimeout(), settings.idleTimeout(), settings.proxy());
        return new OpenAiChatModel(settings, http, clock, sleeper);
    }

    ChatEngine engine() {
        return engine;
    }

    OpenAiChatModel model() {
        return model;
    }

    @Override
    public void close() {
        engine.close();
        scheduler.close();
        database.close();
    }
}
