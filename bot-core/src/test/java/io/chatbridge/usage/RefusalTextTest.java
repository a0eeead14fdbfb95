package io.chatbridge.usage;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.Messages;
import io.chatbridge.model.Usage;
import io.chatbridge.storage.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole sentences a refused member reads: the gatekeeper's refusal formatted by the engine's
 * {@link Messages}, as the engine's responder does.
 */
class RefusalTextTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock("2026-12-04T15:30:00Z");
    private final InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");
    private Messages messages;
    private Database database;

    @BeforeEach
    void loadMessages() {
        try {
            messages = new Messages();
        } catch (UnsupportedOperationException e) {
            // NOTE: the message bundles are written on another branch; until they are merged there
            // is no text to format, and these tests are skipped.
            Assumptions.abort("the engine's message bundles are not in this build yet");
        }
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private UsageService service(UsageSettings settings) {
        database = Database.open(dir.resolve("chatbridge.db"));
        return UsageService.create(database, settings, clock);
    }

    private String text(Admission admission, Language language) {
        Admission.Refused refused = (Admission.Refused) admission;
        return messages.format(language, refused.reason(), refused.arguments().toArray());
    }

    @Test
    void budgetRefusalReadsWellInBothLanguages() {
        UsageService usage = service(UsageSetup.budgets(new Budgets(UsageSetup.daily("0.01"), null, BudgetLimits.NONE)));
        Admission first = usage.gatekeeper().admit(Chats.request(alice, false, 1000, 1000, Language.EN));
        usage.recorder().record(Chats.answered(alice, clock.instant(), Chats.MODEL, new Usage(1000, 0, 1000, false)));
        ((Admission.Granted) first).release().run();

        assertThat(text(usage.gatekeeper().admit(Chats.request(alice, false, 1000, 1000, Language.EN)), Language.EN))
                .isEqualTo("This request would go over the daily usage budget (¥0.0046 left). Please try again"
                        + " later, or ask the bot's operator to raise the budget.");
        assertThat(text(usage.gatekeeper().admit(Chats.request(alice, false, 1000, 1000, Language.ZH_CN)),
                Language.ZH_CN)).isEqualTo("这次请求会超出每日用量预算（还剩 ¥0.0046），请稍后再试，或请机器人的维护者提高预算。");
    }

    @Test
    void rateRefusalSaysWhenToTryAgain() {
        UsageService usage = service(UsageSetup.settings(Budgets.NONE, new RateLimits(6, 1, 1, 64), Set.of(),
                AccessLists.OPEN));
        ((Admission.Granted) usage.gatekeeper().admit(Chats.request(alice, false, 1, 1, Language.EN))).release().run();
        clock.advance(Duration.ofMillis(500));

        Admission refused = usage.gatekeeper().admit(Chats.request(alice, false, 1, 1, Language.EN));

        assertThat(text(refused, Language.EN)).isEqualTo("You're sending messages faster than I can keep up with."
                + " Please wait 10 seconds and try again.");
        assertThat(text(refused, Language.ZH_CN)).isEqualTo("你发消息太快了，请 10 秒后再试。");
    }

    @Test
    void inFlightRefusalSaysToWait() {
        UsageService usage = service(UsageSetup.budgets(Budgets.NONE));
        usage.gatekeeper().admit(Chats.request(alice, false, 1, 1, Language.EN));

        Admission refused = usage.gatekeeper().admit(Chats.request(alice, false, 1, 1, Language.EN));

        assertThat(text(refused, Language.EN))
                .isEqualTo("I'm still answering your previous message. Please wait until I've finished.");
        assertThat(text(refused, Language.ZH_CN)).isEqualTo("我还在回答你的上一条消息，请等我说完。");
    }
}
