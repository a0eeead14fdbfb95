package io.chatbridge.metrics;

import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.engine.Platform;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.Usage;
import io.chatbridge.usage.ModelCall;
import io.chatbridge.usage.PriceTable;
import io.chatbridge.usage.UsageRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The bot's meters on one Micrometer {@link MeterRegistry}. The engine calls it at each decision
 * and after each model call. Gauges read the engine's queues and the conversation cache when the
 * registry is scraped.
 *
 * <p>Names follow Prometheus conventions once Micrometer's Prometheus registry renders them: the
 * counter {@value #INBOUND_MESSAGES} is scraped as {@code chatbridge_inbound_messages_total}, the
 * timer {@value #MODEL_CALL_DURATION} as {@code chatbridge_model_call_duration_seconds}. Tags take
 * a small fixed set of values (platform, decision, reason, outcome, error kind, token type) or
 * the configured model name, never a chat id, a user id or message text, so the number of series
 * stays small whatever the traffic.
 *
 * <p>The timers publish a histogram with a few fixed buckets suited to chat answers (from 250 ms to
 * 2 minutes) and no client-side percentiles.
 *
 * <p>Thread-safe. Recording methods throw only when Micrometer cannot register a meter, such as
 * for a name already registered with other tag keys, and then throw Micrometer's exception.
 */
public final class BotMetrics {

    /** Inbound messages by {@code platform}, {@code decision} and {@code reason}, see {@link InboundDecision}. */
    public static final String INBOUND_MESSAGES = "chatbridge.inbound.messages";
    /** Finished model calls by {@code model}, {@code outcome} and {@code error}. */
    public static final String MODEL_CALLS = "chatbridge.model.calls";
    /** Tokens by {@code model} and {@code type} ({@code prompt} or {@code completion}). */
    public static final String MODEL_TOKENS = "chatbridge.model.tokens";
    /** Cost in US dollars by {@code model} at the configured prices, scraped as {@code chatbridge_model_cost_usd_total}. */
    public static final String MODEL_COST = "chatbridge.model.cost";
    /** Time from sending the request to the first answer text, by {@code model}. */
    public static final String MODEL_FIRST_TOKEN = "chatbridge.model.first.token";
    /** Time of a whole call as the usage ledger records it, by {@code model} and {@code outcome}. */
    public static final String MODEL_CALL_DURATION = "chatbridge.model.call.duration";
    /** Answers whose final text could not be delivered to the chat, by {@code platform}. */
    public static final String DELIVERY_FAILURES = "chatbridge.answer.delivery.failures";
    /** Messages whose handling ended in an unexpected exception, by {@code platform}. */
    public static final String ENGINE_ERRORS = "chatbridge.engine.errors";
    /** Conversations with a turn queued or running. */
    public static final String ACTIVE_CONVERSATIONS = "chatbridge.conversations.active";
    /** Turns queued or running across all conversations. */
    public static final String PENDING_TURNS = "chatbridge.turns.pending";
    /** Model calls holding an upstream slot. */
    public static final String CALLS_IN_FLIGHT = "chatbridge.model.calls.in.flight";
    /** Answers waiting for an upstream slot. */
    public static final String CALLS_WAITING = "chatbridge.model.calls.waiting";
    /** Conversations held in the in-memory cache (Caffeine's estimate). */
    public static final String CACHE_SIZE = "chatbridge.conversation.cache.size";
    /** Tokens held in the in-memory cache, the weight that its limit bounds. */
    public static final String CACHE_TOKENS = "chatbridge.conversation.cache.tokens";
    /** Cache look-ups by {@code result}: {@code hit}, or {@code miss}, which reads SQLite. */
    public static final String CACHE_REQUESTS = "chatbridge.conversation.cache.requests";

    private static final Duration[] FIRST_TOKEN_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};
    private static final Duration[] CALL_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(120)};
    private static final double PICO_USD_PER_USD = 1e12;

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Counter> inbound;
    private final Meter.MeterProvider<Counter> calls;
    private final Meter.MeterProvider<Counter> tokens;
    private final Meter.MeterProvider<Counter> cost;
    private final Meter.MeterProvider<Timer> firstToken;
    private final Meter.MeterProvider<Timer> callDuration;
    private final Meter.MeterProvider<Counter> deliveryFailures;
    private final Meter.MeterProvider<Counter> engineErrors;

    private BotMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.inbound = Counter.builder(INBOUND_MESSAGES)
                .description("Inbound messages by what the engine did with them")
                .withRegistry(registry);
        this.calls = Counter.builder(MODEL_CALLS)
                .description("Finished model calls by outcome and error kind")
                .withRegistry(registry);
        this.tokens = Counter.builder(MODEL_TOKENS)
                .description("Prompt and completion tokens, as the endpoint reported or as counted locally")
                .withRegistry(registry);
        this.cost = Counter.builder(MODEL_COST)
                .baseUnit("usd")
                .description("Cost of model calls at the configured prices")
                .withRegistry(registry);
        this.firstToken = Timer.builder(MODEL_FIRST_TOKEN)
                .description("Time from the request to the first answer text")
                .serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
                .withRegistry(registry);
        this.callDuration = Timer.builder(MODEL_CALL_DURATION)
                .description("Time of whole model calls, waiting for an upstream slot included")
                .serviceLevelObjectives(CALL_BUCKETS)
                .withRegistry(registry);
        this.deliveryFailures = Counter.builder(DELIVERY_FAILURES)
                .description("Answers whose final text could not be delivered to the chat")
                .withRegistry(registry);
        this.engineErrors = Counter.builder(ENGINE_ERRORS)
                .description("Messages whose handling ended in an unexpected exception")
                .withRegistry(registry);
    }

    /** Creates the meters on a registry; meters with tags appear on their first use. */
    public static BotMetrics create(MeterRegistry registry) {
        return new BotMetrics(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Returns metrics that record nothing, for tests and the terminal chat. Each call returns a new
     * instance on an empty composite registry, whose meters do nothing.
     */
    public static BotMetrics disabled() {
        return new BotMetrics(new CompositeMeterRegistry());
    }

    /** Returns the registry that the meters live on. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Counts one inbound message and what the engine did with it. */
    public void inbound(Platform platform, InboundDecision decision) {
        inbound.withTags("platform", platform.id(), "decision", decision.decision(), "reason", decision.reason())
                .increment();
    }

    /**
     * Counts one finished model call (chat completion or transcription): its outcome, tokens and
     * cost, and times it. Calls without answer text, such as failures and transcriptions, add no
     * first-token time.
     *
     * @param costPicoUsd the call's cost in pico-dollars (10<sup>-12</sup> USD), as the price table computes it
     */
    public void modelCall(ModelCall call, long costPicoUsd) {
        String model = call.model();
        String outcome = call.outcome().name().toLowerCase(Locale.ROOT);
        calls.withTags("model", model, "outcome", outcome, "error", errorTag(call.error())).increment();

        Usage usage = call.usage();
        tokens.withTags("model", model, "type", "prompt").increment(usage.promptTokens());
        tokens.withTags("model", model, "type", "completion").increment(usage.completionTokens());
        cost.withTags("model", model).increment(costPicoUsd / PICO_USD_PER_USD);

        Duration untilFirstToken = call.timeToFirstToken();
        if (untilFirstToken != null) {
            firstToken.withTags("model", model).record(untilFirstToken);
        }
        callDuration.withTags("model", model, "outcome", outcome).record(call.totalTime());
    }

    /** Counts an answer whose final text could not be sent or edited into the chat. */
    public void deliveryFailed(Platform platform) {
        deliveryFailures.withTags("platform", platform.id()).increment();
    }

    /** Counts a message whose handling ended in an unexpected exception. */
    public void engineError(Platform platform) {
        engineErrors.withTags("platform", platform.id()).increment();
    }

    /**
     * Returns a recorder that passes each call to {@code ledger} and then counts it here, priced
     * by {@code prices}. The ledger goes first because it is the billing record. The call is
     * counted even when the ledger throws, and the ledger's exception then propagates.
     */
    public UsageRecorder recording(UsageRecorder ledger, PriceTable prices) {
        return new MeteredUsageRecorder(ledger, this, prices);
    }

    /**
     * Registers gauges that read the engine's queues at each scrape. Call it once per registry,
     * because Micrometer keeps the first gauge of a name, so a second engine's gauges would read
     * the first engine.
     */
    public void bindEngine(EngineLoad load) {
        gauge(ACTIVE_CONVERSATIONS, "Conversations with a turn queued or running", load,
                EngineLoad::activeConversations);
        gauge(PENDING_TURNS, "Turns queued or running across all conversations", load, EngineLoad::pendingTurns);
        gauge(CALLS_IN_FLIGHT, "Model calls holding an upstream slot", load, EngineLoad::modelCallsInFlight);
        gauge(CALLS_WAITING, "Answers waiting for an upstream slot", load, EngineLoad::modelCallsWaiting);
    }

    /**
     * Registers gauges and counters that read the conversation cache at each scrape. The registry
     * keeps only a weak reference to the cache, so the meters read NaN once the cache is collected.
     */
    public void bindCache(ConversationCache cache) {
        Gauge.builder(CACHE_SIZE, cache, c -> c.estimatedSize())
                .description("Conversations held in memory (estimate)")
                .register(registry);
        Gauge.builder(CACHE_TOKENS, cache, c -> c.weightedTokens())
                .description("Tokens held in memory across all conversations")
                .register(registry);
        FunctionCounter.builder(CACHE_REQUESTS, cache, c -> c.hitCount())
                .tag("result", "hit")
                .description("Conversation cache look-ups; a miss reads the conversation from SQLite")
                .register(registry);
        FunctionCounter.builder(CACHE_REQUESTS, cache, c -> c.missCount())
                .tag("result", "miss")
                .description("Conversation cache look-ups; a miss reads the conversation from SQLite")
                .register(registry);
    }

    private void gauge(String name, String description, EngineLoad load,
            ToIntFunction<EngineLoad> reading) {
        // Strong: the engine passes a small view object that nothing else keeps.
        Gauge.builder(name, load, l -> reading.applyAsInt(l))
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    private static String errorTag(@Nullable ModelErrorKind error) {
        return error == null ? "none" : error.name().toLowerCase(Locale.ROOT);
    }
}
