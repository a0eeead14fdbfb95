package io.chatbridge.engine;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.storage.Database;
import io.chatbridge.usage.CallOutcome;
import io.chatbridge.usage.UsageService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with the real usage service, configured through the {@code usage:} YAML section. */
class EngineUsageTest {

    @TempDir
    Path dir;

    private final ScriptedChatModel model = new ScriptedChatModel();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private Database database;
    private ChatEngine engine;
    private UsageService usage;

    @AfterEach
    void close() {
        engine.close();
        database.close();
    }

    private void start(String usageYaml) throws Exception {
        Path file = dir.resolve("chatbridge.yaml");
        Files.writeString(file, usageYaml);
        BotConfig config = ConfigLoader.load(file, Map.of("OPENAI_API_KEY", "sk-test-placeholder",
                "CHATBRIDGE_DATA_DIR", dir.toString(), "CHATBRIDGE_ADMINS_TELEGRAM", "42"));
        database = Database.open(dir.resolve("chatbridge.db"));
        usage = UsageService.create(database, config.usage(), clock);
        engine = ChatEngine.builder()
                .config(config)
                .model(model)
                .cache(new ConversationCache(new SqliteConversationStore(database), 1_000_000, Duration.ofHours(1)))
                .settingsStore(new SqliteChatSettingsStore(database))
                .scheduler(new ManualScheduler())
                .clock(clock)
                .sleeper(clock::advance)
                .gatekeeper(usage.gatekeeper())
                .usageRecorder(usage.recorder())
                .usageReporter(usage.reporter())
                .budgetCommand(usage.budgetCommand())
                .build();
    }

    private static InboundMessage direct(String userId, String text) {
        return new InboundMessage(Platform.TELEGRAM, userId, null, new Sender(userId, "Member", false, "en"), text,
                List.of(), true, false, false, "1", "chatbridge_test_bot", null);
    }

    private RecordingSink send(String userId, String text) throws Exception {
        RecordingSink sink = new RecordingSink();
        engine.accept(direct(userId, text), sink).get(10, TimeUnit.SECONDS);
        return sink;
    }

    @Test
    void memberOverDailyBudgetIsRefusedBeforeTheCall() throws Exception {
        start("""
                usage:
                  budgets:
                    member: {day: 0.0001}
                """);

        RecordingSink sink = send("7", "hello");

        assertThat(model.requests()).isEmpty();
        assertThat(sink.lastText()).contains("daily").contains("budget");
    }

    @Test
    void adminIsExemptFromBudgets() throws Exception {
        start("""
                usage:
                  budgets:
                    member: {day: 0.0001}
                """);

        RecordingSink sink = send("42", "hello");

        assertThat(model.requests()).hasSize(1);
        assertThat(sink.lastText()).isEqualTo("ok");
    }

    @Test
    void answeredCallIsInTheLedgerAndTheUsageReport() throws Exception {
        start("usage: {}\n");

        send("7", "hello");
        RecordingSink report = send("7", "/usage");

        var rows = usage.ledger().entries(io.chatbridge.usage.TimeWindow.ALL);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(rows.getFirst().promptTokens()).isEqualTo(10);
        assertThat(rows.getFirst().completionTokens()).isEqualTo(5);
        assertThat(report.lastText()).isEqualTo("""
                Your usage
                Today: 1 request, 15 tokens, <$0.0001
                This month: 1 request, 15 tokens, <$0.0001""");
    }

    @Test
    void blockedMemberGetsNoAnswerAtAll() throws Exception {
        start("""
                usage:
                  access: {block_users: ["telegram:7"]}
                """);

        RecordingSink sink = send("7", "hello");
        RecordingSink command = send("7", "/help");

        assertThat(model.requests()).isEmpty();
        assertThat(sink.callCount()).isZero();
        assertThat(command.callCount()).isZero();
    }

    @Test
    void secondQuestionWhileOneIsInFlightWaitsItsTurn() throws Exception {
        start("usage: {}\n");

        send("7", "one");
        send("7", "two");

        assertThat(model.requests()).hasSize(2);
    }
}
