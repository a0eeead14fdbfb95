package io.chatbridge.deploy;

import io.chatbridge.config.BotConfig;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.conversation.TokenCounter;
import io.chatbridge.engine.ChatEngine;
import io.chatbridge.engine.MessageHandler;
import io.chatbridge.inbound.DeduplicatingHandler;
import io.chatbridge.inbound.InboundLedger;
import io.chatbridge.model.ChatModel;
import io.chatbridge.model.FailoverChatModel;
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
 * The engine and everything it depends on, built from the configuration: the SQLite database in
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
    private final ChatModel model;
    private final ChatEngine engine;
    private final MessageHandler handler;

    private BotRuntime(Database database, ExecutorTaskScheduler scheduler, ChatModel model, ChatEngine engine,
            MessageHandler handler) {
        this.database = database;
        this.scheduler = scheduler;
        this.model = model;
        this.engine = engine;
        this.handler = handler;
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
        try {
            return build(config, clock, sleeper, metrics, database, file);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static BotRuntime build(BotConfig config, Clock clock, Sleeper sleeper, BotMetrics metrics,
            Database database, Path file) {
        UsageService usage = UsageService.create(database, config.usage(), clock);
        ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler();
        ChatModel model = model(config, clock, sleeper);
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
                java.net.URI.create(config.openAi().baseUrl()).getHost(), file.toAbsolutePath().normalize());
        // Platforms may deliver a message twice (a restart before Telegram saw the confirmation, a
        // repeated webhook call); the ledger of received messages answers each once.
        MessageHandler handler = new DeduplicatingHandler(new InboundLedger(database, clock), engine);
        return new BotRuntime(database, scheduler, model, engine, handler);
    }

    /**
     * Builds the model client: one upstream directly, several behind a failover with a circuit
     * breaker each. A lone upstream gets no breaker, which would only turn a few failures into
     * refusals without trying.
     */
    private static ChatModel model(BotConfig config, Clock clock, Sleeper sleeper) {
        if (config.upstreams().size() > 1) {
            return failover(config, clock, sleeper);
        }
        var settings = config.upstreams().getFirst().applyTo(config.openAi());
        var http = HttpClients.create(settings.connectTimeout(), settings.idleTimeout(), settings.proxy());
        // Relays that drop the usage figures are billed by o200k counts, which fit Chinese text far
        // better than a characters-per-token guess.
        TokenCounter tokens = new TokenCounter();
        return new OpenAiChatModel(settings, http, clock, sleeper, tokens::count);
    }

    /** Builds every configured upstream behind a failover, as {@code check} tests them. */
    static FailoverChatModel failover(BotConfig config, Clock clock, Sleeper sleeper) {
        var settings = config.openAi();
        var http = HttpClients.create(settings.connectTimeout(), settings.idleTimeout(), settings.proxy());
        TokenCounter tokens = new TokenCounter();
        return FailoverChatModel.create(settings, config.upstreams(), http, clock, sleeper, tokens::count);
    }

    ChatEngine engine() {
        return engine;
    }

    /** Returns what adapters hand messages to: the engine behind the answered-once check. */
    MessageHandler handler() {
        return handler;
    }

    @Override
    public void close() {
        engine.close();
        scheduler.close();
        database.close();
    }
}
