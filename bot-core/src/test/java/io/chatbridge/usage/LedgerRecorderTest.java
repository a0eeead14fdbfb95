package io.chatbridge.usage;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.conversation.TokenCounter;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.Platform;
import io.chatbridge.i18n.Language;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.Usage;
import io.chatbridge.storage.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerRecorderTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock("2026-12-04T10:00:05Z");
    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private UsageService service() {
        database = Database.open(dir.resolve("chatbridge.db"), Database.Synchronous.FULL);
        return UsageService.create(database, UsageSettings.defaults(), clock);
    }

    @Test
    void fixtureConversationsAreRecordedWithTheirUsageAndCost() throws Exception {
        UsageService usage = service();
        InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");
        InboundMessage bob = Chats.directMessage("202", "Bob");
        Usage sayTest = FixtureUsage.of("stream_say_test_with_usage.sse");
        Usage chinese = FixtureUsage.of("stream_zh_markdown_with_usage.sse");

        usage.recorder().record(Chats.answered(alice, T0, "gpt-4o-mini-2024-07-18", sayTest));
        usage.recorder().record(Chats.answered(bob, T0.plusSeconds(60), "gpt-4o-mini-2024-07-18", chinese));

        List<LedgerEntry> rows = usage.ledger().entries(TimeWindow.ALL);
        assertThat(rows).hasSize(2);
        LedgerEntry first = rows.get(0);
        assertThat(first.promptTokens()).isEqualTo(13);
        assertThat(first.cachedPromptTokens()).isEqualTo(0);
        assertThat(first.completionTokens()).isEqualTo(5);
        assertThat(first.estimated()).isFalse();
        // 13 * 0.15 + 5 * 0.60 USD per million tokens.
        assertThat(first.costPicoUsd()).isEqualTo(13 * 150_000L + 5 * 600_000L);
        assertThat(first.costPicoUsd()).isEqualTo(ModelPrice.GPT_4O_MINI.costPicoUsd(13, 0, 5));
        LedgerEntry second = rows.get(1);
        assertThat(second.promptTokens()).isEqualTo(41);
        assertThat(second.completionTokens()).isEqualTo(38);
        assertThat(second.costPicoUsd()).isEqualTo(41 * 150_000L + 38 * 600_000L);
    }

    @Test
    void rowKeepsEveryColumn() {
        UsageService usage = service();
        InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");
        // Admission is where the recorder learns the member's display name.
        usage.gatekeeper().admit(Chats.request(alice, false, 10, 10, Language.EN));

        usage.recorder().record(Chats.answered(alice, T0, "gpt-4o-mini", new Usage(1200, 1024, 300, false)));

        LedgerEntry row = usage.ledger().entries(TimeWindow.ALL).get(0);
        assertThat(row).isEqualTo(new LedgerEntry(T0, Platform.TELEGRAM, Chats.GROUP, null, "101", "Alice",
                "gpt-4o-mini", "api.openai.com", 1200, 1024, 300,
                176 * 150_000L + 1024 * 75_000L + 300 * 600_000L, false, 420L, 1800L, CallOutcome.ANSWERED, null));
    }

    @Test
    void streamWithoutUsageIsRecordedAsEstimated() throws Exception {
        UsageService usage = service();
        InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");
        assertThat(FixtureUsage.of("stream_relay_no_space.sse")).isNull();
        // What the model client does for such a stream: count the answer locally.
        int completion = new TokenCounter().count(FixtureUsage.text("stream_relay_no_space.sse"));
        Usage counted = new Usage(20, 0, completion, true);

        usage.recorder().record(Chats.answered(alice, T0, "gpt-4o-mini", counted));

        LedgerEntry row = usage.ledger().entries(TimeWindow.ALL).get(0);
        assertThat(row.estimated()).isTrue();
        assertThat(row.completionTokens()).isEqualTo(completion);
        assertThat(row.costPicoUsd()).isEqualTo(20 * 150_000L + completion * 600_000L);
    }

    @Test
    void failedAndInterruptedCallsKeepTheirErrorKind() {
        UsageService usage = service();
        InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");

        usage.recorder().record(Chats.call(alice, T0, new Usage(0, 0, 0, true), null, CallOutcome.FAILED,
                ModelErrorKind.RATE_LIMITED));
        usage.recorder().record(Chats.call(alice, T0.plusSeconds(1), new Usage(30, 0, 2, true),
                Duration.ofMillis(300), CallOutcome.INTERRUPTED, ModelErrorKind.STREAM_BROKEN));

        List<LedgerEntry> rows = usage.ledger().entries(TimeWindow.ALL);
        assertThat(rows.get(0).outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(rows.get(0).error()).isEqualTo(ModelErrorKind.RATE_LIMITED);
        assertThat(rows.get(0).timeToFirstTokenMillis()).isNull();
        assertThat(rows.get(0).costPicoUsd()).isZero();
        assertThat(rows.get(1).outcome()).isEqualTo(CallOutcome.INTERRUPTED);
        assertThat(rows.get(1).error()).isEqualTo(ModelErrorKind.STREAM_BROKEN);
        assertThat(rows.get(1).timeToFirstTokenMillis()).isEqualTo(300L);
        assertThat(rows.get(1).upstream()).isEqualTo("relay.example.net");
    }

    @Test
    void recordedRowIsCommittedWhenRecordReturns() {
        UsageService usage = service();
        InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");

        usage.recorder().record(Chats.answered(alice, T0, "gpt-4o-mini", new Usage(13, 0, 5, false)));

        // A second connection sees only committed transactions.
        try (Database reader = Database.openReadOnly(dir.resolve("chatbridge.db"), UsageLedger.SCHEMA_VERSION)) {
            assertThat(new UsageLedger(reader).totals(TimeWindow.ALL))
                    .isEqualTo(new UsageTotals(1, 13, 0, 5, 4_950_000L));
        }
    }

    @Test
    void storageFailureIsLoggedNotThrown() {
        UsageService usage = service();
        InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");
        database.close();

        usage.recorder().record(Chats.answered(alice, T0, "gpt-4o-mini", new Usage(13, 0, 5, false)));

        database = Database.open(dir.resolve("chatbridge.db"));
        assertThat(new UsageLedger(database).totals(TimeWindow.ALL)).isEqualTo(UsageTotals.ZERO);
    }
}
