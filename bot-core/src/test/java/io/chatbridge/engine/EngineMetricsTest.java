package io.chatbridge.engine;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.conversation.Turn;
import io.chatbridge.metrics.BotMetrics;
import io.chatbridge.model.ChatCompletion;
import io.chatbridge.model.ChatModel;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.ModelException;
import io.chatbridge.model.Usage;
import io.chatbridge.reply.OutboundText;
import io.chatbridge.reply.ReplyFormat;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SentMessage;
import io.chatbridge.reply.SinkException;
import io.chatbridge.storage.Database;
import io.chatbridge.testing.Await;
import io.chatbridge.usage.UsageService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's meters, read from a {@link SimpleMeterRegistry} after messages pass the real engine. */
class EngineMetricsTest {

    private static final String BOT = "chatbridge_test_bot";
    private static final String MEMBER = "55501234";
    private static final String GROUP = "-1009876543210";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The tag keys of the meters, and {@code le}, the bucket bound of the timers' histogram gauges. */
    private static final Set<String> TAG_KEYS =
            Set.of("platform", "decision", "reason", "model", "outcome", "error", "type", "result", "le");

    @TempDir
    Path dir;

    private final ScriptedChatModel scripted = new ScriptedChatModel();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Database database;
    private ChatEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private void start(String yaml, ChatModel model) throws Exception {
        Path file = dir.resolve("chatbridge.yaml");
        Files.writeString(file, yaml);
        BotConfig config = ConfigLoader.load(file, java.util.Map.of("OPENAI_API_KEY", "sk-test-placeholder",
                "CHATBRIDGE_DATA_DIR", dir.toString()));
        database = Database.open(dir.resolve("chatbridge.db"));
        UsageService usage = UsageService.create(database, config.usage(), clock);
        BotMetrics metrics = BotMetrics.create(registry);
        engine = ChatEngine.builder()
                .config(config)
                .model(model)
                .cache(new ConversationCache(new SqliteConversationStore(database), 1_000_000, Duration.ofHours(1)))
                .settingsStore(new SqliteChatSettingsStore(database))
                .scheduler(scheduler)
                .clock(clock)
                .sleeper(clock::advance)
                .gatekeeper(usage.gatekeeper())
                .usageRecorder(metrics.recording(usage.recorder(), usage.prices()))
                .metrics(metrics)
                .build();
    }

    private void start() throws Exception {
        start("usage: {}\n", scripted);
    }

    private static InboundMessage direct(String text) {
        return new InboundMessage(Platform.TELEGRAM, MEMBER, null, new Sender(MEMBER, "Member", false, "en"), text,
                List.of(), true, false, false, "1", BOT, null);
    }

    private static InboundMessage group(String text, boolean mentionsBot, boolean fromBot) {
        return new InboundMessage(Platform.TELEGRAM, GROUP, null, new Sender(MEMBER, "Member", fromBot, "en"), text,
                List.of(), false, mentionsBot, false, "2", BOT, null);
    }

    private void send(InboundMessage message, ReplySink sink) throws Exception {
        engine.accept(message, sink).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void send(InboundMessage message) throws Exception {
        send(message, new RecordingSink());
    }

    private double inbound(String decision, String reason) {
        Counter counter = registry.find(BotMetrics.INBOUND_MESSAGES)
                .tags("platform", "telegram", "decision", decision, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private double counter(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static long cumulativeCount(Timer timer, Duration bucket) {
        for (CountAtBucket count : timer.takeSnapshot().histogramCounts()) {
            if (count.bucket(TimeUnit.NANOSECONDS) == bucket.toNanos()) {
                return (long) count.count();
            }
        }
        throw new AssertionError("no bucket " + bucket + " in " + timer.getId());
    }

    @Test
    void answeredCallCountsTokensCostAndTimes() throws Exception {
        ChatModel timed = (request, onDelta) -> {
            clock.advance(Duration.ofMillis(1500));
            onDelta.accept("ok");
            return new ChatCompletion("ok", new Usage(10, 0, 5, false), "stop", Duration.ofMillis(700),
                    Duration.ofMillis(1500), "fake.local");
        };
        start("usage: {}\n", timed);

        send(direct("hello"));

        assertThat(inbound("answered", "none")).isEqualTo(1);
        assertThat(counter(BotMetrics.MODEL_CALLS, "model", "gpt-4o-mini", "outcome", "answered", "error", "none"))
                .isEqualTo(1);
        assertThat(counter(BotMetrics.MODEL_TOKENS, "model", "gpt-4o-mini", "type", "prompt")).isEqualTo(10);
        assertThat(counter(BotMetrics.MODEL_TOKENS, "model", "gpt-4o-mini", "type", "completion")).isEqualTo(5);
        // 10 prompt tokens at 0.15 and 5 completion tokens at 0.60 USD per million.
        assertThat(counter(BotMetrics.MODEL_COST, "model", "gpt-4o-mini")).isEqualTo(4.5e-6);

        Timer firstToken = registry.get(BotMetrics.MODEL_FIRST_TOKEN).tag("model", "gpt-4o-mini").timer();
        assertThat(firstToken.count()).isEqualTo(1);
        assertThat(firstToken.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(700);
        assertThat(cumulativeCount(firstToken, Duration.ofMillis(500))).isZero();
        assertThat(cumulativeCount(firstToken, Duration.ofSeconds(1))).isEqualTo(1);

        Timer call = registry.get(BotMetrics.MODEL_CALL_DURATION)
                .tags("model", "gpt-4o-mini", "outcome", "answered").timer();
        assertThat(call.count()).isEqualTo(1);
        assertThat(call.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500);
        assertThat(cumulativeCount(call, Duration.ofSeconds(1))).isZero();
        assertThat(cumulativeCount(call, Duration.ofSeconds(2))).isEqualTo(1);
    }

    @Test
    void groupMessagesAreIgnoredOrCountedAsCommands() throws Exception {
        start();

        send(group("just chatting", false, false));
        send(group("@" + BOT + " hi", true, true));
        send(group("/help@other_bot", false, false));
        send(group("/help", false, false));

        assertThat(inbound("ignored", "not_addressed")).isEqualTo(1);
        assertThat(inbound("ignored", "from_bot")).isEqualTo(1);
        assertThat(inbound("ignored", "other_bot_command")).isEqualTo(1);
        assertThat(inbound("command", "none")).isEqualTo(1);
        assertThat(inbound("answered", "none")).isZero();
        assertThat(registry.find(BotMetrics.MODEL_CALLS).counters()).isEmpty();
    }

    @Test
    void failedCallIsCountedByErrorKind() throws Exception {
        start();
        scripted.fail(new ModelException(ModelErrorKind.RATE_LIMITED, "rate limited", 429, "requests", null,
                Duration.ofSeconds(5), "", null));

        send(direct("hello"));

        assertThat(inbound("answered", "none")).isEqualTo(1);
        assertThat(counter(BotMetrics.MODEL_CALLS, "model", "gpt-4o-mini", "outcome", "failed",
                "error", "rate_limited")).isEqualTo(1);
        assertThat(counter(BotMetrics.MODEL_TOKENS, "model", "gpt-4o-mini", "type", "completion")).isZero();
        assertThat(registry.get(BotMetrics.MODEL_CALL_DURATION).tags("outcome", "failed").timer().count())
                .isEqualTo(1);
        assertThat(registry.find(BotMetrics.MODEL_FIRST_TOKEN).timers()).isEmpty();
    }

    @Test
    void budgetRefusalIsCountedWithItsReason() throws Exception {
        start("""
                usage:
                  budgets:
                    member: {day: 0.0001}
                """, scripted);

        send(direct("hello"));

        assertThat(inbound("refused", "budget")).isEqualTo(1);
        assertThat(inbound("answered", "none")).isZero();
        assertThat(scripted.requests()).isEmpty();
        assertThat(registry.find(BotMetrics.MODEL_CALLS).counters()).isEmpty();
    }

    @Test
    void blockedMemberIsIgnoredAsNotAllowed() throws Exception {
        start("""
                usage:
                  access:
                    block_users: ["telegram:%s"]
                """.formatted(MEMBER), scripted);

        send(direct("hello"));

        assertThat(inbound("ignored", "not_allowed")).isEqualTo(1);
        assertThat(scripted.requests()).isEmpty();
    }

    @Test
    void emptyQuestionIsRefusedAsEmpty() throws Exception {
        start();

        send(group("@" + BOT, true, false));

        assertThat(inbound("refused", "empty")).isEqualTo(1);
        assertThat(scripted.requests()).isEmpty();
    }

    @Test
    void continuationOfASplitMessageIsCountedAsMerged() throws Exception {
        start();
        String firstPart = "x".repeat(MessageMerger.SPLIT_PART_MIN_CHARS);

        CompletableFuture<Void> first = engine.accept(direct(firstPart), new RecordingSink());
        CompletableFuture<Void> second = engine.accept(direct("the end"), new RecordingSink());
        scheduler.runPending();
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        second.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(inbound("merged", "none")).isEqualTo(1);
        assertThat(inbound("answered", "none")).isEqualTo(1);
        assertThat(scripted.requests()).hasSize(1);
    }

    @Test
    void undeliveredAnswerIsCounted() throws Exception {
        start();

        send(direct("hello"), new FailingSink());

        assertThat(inbound("answered", "none")).isEqualTo(1);
        assertThat(counter(BotMetrics.DELIVERY_FAILURES, "platform", "telegram")).isEqualTo(1);
    }

    @Test
    void gaugesShowACallInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChatModel blocking = (request, onDelta) -> {
            entered.countDown();
            release.await();
            return scripted.stream(request, onDelta);
        };
        start("usage: {}\n", blocking);

        CompletableFuture<Void> answer = engine.accept(direct("hello"), new RecordingSink());
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(gauge(BotMetrics.CALLS_IN_FLIGHT)).isEqualTo(1);
        assertThat(gauge(BotMetrics.CALLS_WAITING)).isZero();
        assertThat(gauge(BotMetrics.ACTIVE_CONVERSATIONS)).isEqualTo(1);
        assertThat(gauge(BotMetrics.PENDING_TURNS)).isEqualTo(1);

        release.countDown();
        answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(gauge(BotMetrics.PENDING_TURNS)).isZero();
        assertThat(gauge(BotMetrics.ACTIVE_CONVERSATIONS)).isZero();
        assertThat(gauge(BotMetrics.CALLS_IN_FLIGHT)).isZero();
    }

    @Test
    void cacheCountsHitsMissesAndTokens() throws Exception {
        start();

        send(direct("hello"));
        send(direct("again"));

        assertThat(registry.get(BotMetrics.CACHE_REQUESTS).tag("result", "miss").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get(BotMetrics.CACHE_REQUESTS).tag("result", "hit").functionCounter().count())
                .isEqualTo(1);
        assertThat(gauge(BotMetrics.CACHE_SIZE)).isEqualTo(1);
        long stored = 0;
        for (Turn turn : new SqliteConversationStore(database).load(
                new ConversationKey(Platform.TELEGRAM, MEMBER, null, null), 100)) {
            stored += turn.tokens();
        }
        assertThat(stored).isPositive();
        double expected = stored;
        // Caffeine updates the weight in its maintenance work, which may run a moment later.
        Await.value(WAIT, "the cached tokens", () -> gauge(BotMetrics.CACHE_TOKENS), tokens -> tokens == expected);
    }

    @Test
    void tagsNeverCarryIdsOrText() throws Exception {
        start();
        send(direct("hello secret words"));
        send(group("@" + BOT + " hi", true, false));
        send(group("not for the bot", false, false));
        send(group("/reset", false, false));

        List<Meter> meters = registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("chatbridge.")).toList();
        assertThat(meters).isNotEmpty();
        List<String> values = new ArrayList<>();
        for (Meter meter : meters) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(TAG_KEYS).as("tag key of %s", meter.getId().getName()).contains(tag.getKey());
                values.add(tag.getValue());
            }
        }
        assertThat(values).allSatisfy(value -> assertThat(value)
                .doesNotContain(MEMBER).doesNotContain(GROUP).doesNotContain("secret").doesNotContain("Member"));
    }

    /** A chat that rejects every send and edit, as a deleted chat or a revoked bot would. */
    private static final class FailingSink implements ReplySink {

        @Override
        public ReplyFormat format() {
            return new RecordingSink().format();
        }

        @Override
        public Duration minEditInterval() {
            return Duration.ZERO;
        }

        @Override
        public SentMessage send(OutboundText text) throws SinkException {
            throw new SinkException("Bad Request: chat not found");
        }

        @Override
        public void edit(SentMessage message, OutboundText text) throws SinkException {
            throw new SinkException("Bad Request: chat not found");
        }

        @Override
        public void showTyping() {}
    }
}
