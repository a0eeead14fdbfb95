package io.chatbridge.usage;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.model.Usage;
import io.chatbridge.storage.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets, rate limits and answers in progress. Every call here has 1000 prompt and at most 1000
 * completion tokens of gpt-4o-mini: 0.00075 USD, ¥0.0054 at 7.2, both estimated and charged.
 */
class UsageGatekeeperTest {

    private static final Usage CALL_USAGE = new Usage(1000, 0, 1000, false);

    @TempDir
    Path dir;

    // 23:30 in Shanghai, where days start at 16:00 UTC.
    private final ManualClock clock = new ManualClock("2026-12-04T15:30:00Z");
    private Database database;

    private final InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");
    private final InboundMessage bob = Chats.groupMessage(Chats.GROUP, "202", "Bob");

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private UsageService service(UsageSettings settings) {
        if (database != null) {
            database.close();
        }
        database = Database.open(dir.resolve("chatbridge.db"));
        return UsageService.create(database, settings, clock);
    }

    /** Admits a call and, when granted, charges it and ends it. */
    private Admission ask(UsageService usage, InboundMessage message, boolean admin, Language language) {
        Admission admission = usage.gatekeeper().admit(Chats.request(message, admin, 1000, 1000, language));
        if (admission instanceof Admission.Granted granted) {
            usage.recorder().record(Chats.answered(message, clock.instant(), Chats.MODEL, CALL_USAGE));
            granted.release().run();
        }
        return admission;
    }

    private static Admission.Refused refusal(MessageKey key, Object... arguments) {
        return new Admission.Refused(key, List.of(arguments));
    }

    @Test
    void memberOverDailyBudgetIsRefusedInTheirLanguage() {
        UsageService usage = service(UsageSetup.budgets(new Budgets(UsageSetup.daily("0.01"), null, BudgetLimits.NONE)));

        assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Granted.class);

        assertThat(ask(usage, alice, false, Language.EN)).isEqualTo(refusal(MessageKey.LIMIT_BUDGET, "daily", "¥0.0046"));
        assertThat(ask(usage, alice, false, Language.ZH_CN)).isEqualTo(refusal(MessageKey.LIMIT_BUDGET, "每日", "¥0.0046"));
        assertThat(usage.ledger().totals(TimeWindow.ALL).requests()).isEqualTo(1);
    }

    @Test
    void memberRecoversWhenTheDayEndsInTheConfiguredZone() {
        UsageService usage = service(UsageSetup.budgets(new Budgets(UsageSetup.daily("0.01"), null, BudgetLimits.NONE)));
        ask(usage, alice, false, Language.EN);
        assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Refused.class);

        // 00:30 on 5 December in Shanghai, still 4 December in UTC.
        clock.advance(Duration.ofHours(1));

        assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void monthlyBudgetHoldsAcrossDays() {
        UsageService usage = service(UsageSetup.budgets(new Budgets(UsageSetup.limits(null, "0.01", null), null,
                BudgetLimits.NONE)));
        ask(usage, alice, false, Language.EN);
        clock.advance(Duration.ofDays(1));

        assertThat(ask(usage, alice, false, Language.EN)).isEqualTo(refusal(MessageKey.LIMIT_BUDGET, "monthly", "¥0.0046"));

        clock.set("2026-12-31T16:00:00Z");
        assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void adminsAreExemptButCountTowardTheChat() {
        UsageService usage = service(UsageSetup.budgets(new Budgets(UsageSetup.daily("0"),
                null, UsageSetup.daily("0.01"))));

        assertThat(ask(usage, alice, true, Language.EN)).isInstanceOf(Admission.Granted.class);
        assertThat(ask(usage, alice, true, Language.EN)).isInstanceOf(Admission.Granted.class);

        assertThat(ask(usage, bob, false, Language.EN)).isEqualTo(refusal(MessageKey.LIMIT_BUDGET, "daily", "¥0.00"));
        assertThat(usage.budgetCommand().handle(bob, "chat", false, Language.EN)).isEqualTo("""
                This chat's budget:
                Today: ¥0.0108 spent of ¥0.01, ¥0.00 left
                This month: ¥0.0108 spent, no limit
                All time: ¥0.0108 spent, no limit""");
    }

    @Test
    void guestsHaveTheirOwnBudget() {
        UsageService usage = service(UsageSetup.settings(new Budgets(UsageSetup.daily("1"), UsageSetup.daily("0"),
                BudgetLimits.NONE), UsageSetup.NO_RATE_LIMIT, Set.of("telegram:101"), AccessLists.OPEN));

        assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Granted.class);
        assertThat(ask(usage, bob, false, Language.EN)).isEqualTo(refusal(MessageKey.LIMIT_BUDGET, "guest daily", "¥0.00"));
        assertThat(ask(usage, bob, false, Language.ZH_CN)).isEqualTo(refusal(MessageKey.LIMIT_BUDGET, "访客每日", "¥0.00"));
    }

    @Test
    void chatBudgetIsSharedByItsMembers() {
        UsageService usage = service(UsageSetup.budgets(new Budgets(BudgetLimits.NONE, null,
                UsageSetup.limits(null, "0.015", null))));

        assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Granted.class);
        assertThat(ask(usage, bob, false, Language.EN)).isInstanceOf(Admission.Granted.class);

        assertThat(ask(usage, alice, false, Language.EN))
                .isEqualTo(refusal(MessageKey.LIMIT_BUDGET, "chat's monthly", "¥0.0042"));
        assertThat(ask(usage, bob, false, Language.ZH_CN))
                .isEqualTo(refusal(MessageKey.LIMIT_BUDGET, "本群每月", "¥0.0042"));
        InboundMessage elsewhere = Chats.groupMessage(Chats.OTHER_GROUP, "101", "Alice");
        assertThat(ask(usage, elsewhere, false, Language.EN)).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void callsInProgressReserveTheirEstimate() {
        UsageService usage = service(UsageSetup.budgets(new Budgets(BudgetLimits.NONE, null,
                UsageSetup.daily("0.01"))));

        Admission first = usage.gatekeeper().admit(Chats.request(alice, false, 1000, 1000, Language.EN));
        Admission second = usage.gatekeeper().admit(Chats.request(bob, false, 1000, 1000, Language.EN));

        assertThat(first).isInstanceOf(Admission.Granted.class);
        assertThat(second).isEqualTo(refusal(MessageKey.LIMIT_BUDGET, "chat's daily", "¥0.0046"));
        ((Admission.Granted) first).release().run();
        assertThat(usage.gatekeeper().admit(Chats.request(bob, false, 1000, 1000, Language.EN)))
                .isInstanceOf(Admission.Granted.class);
    }

    @Test
    void spendingSurvivesARestart() {
        UsageSettings settings = UsageSetup.budgets(new Budgets(UsageSetup.daily("0.01"), null, BudgetLimits.NONE));
        ask(service(settings), alice, false, Language.EN);

        UsageService restarted = service(settings);

        assertThat(ask(restarted, alice, false, Language.EN))
                .isEqualTo(refusal(MessageKey.LIMIT_BUDGET, "daily", "¥0.0046"));
    }

    @Test
    void rateLimitSaysWhenToTryAgain() {
        UsageService usage = service(UsageSetup.settings(Budgets.NONE, new RateLimits(6, 2, 1, 64), Set.of(),
                AccessLists.OPEN));

        assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Granted.class);
        assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Granted.class);
        assertThat(ask(usage, alice, false, Language.EN)).isEqualTo(refusal(MessageKey.LIMIT_RATE, 10L));
        assertThat(ask(usage, bob, false, Language.EN)).isInstanceOf(Admission.Granted.class);

        clock.advance(Duration.ofMillis(3500));
        assertThat(ask(usage, alice, false, Language.EN)).isEqualTo(refusal(MessageKey.LIMIT_RATE, 7L));

        clock.advance(Duration.ofMillis(6500));
        assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Granted.class);
        assertThat(ask(usage, alice, false, Language.EN)).isEqualTo(refusal(MessageKey.LIMIT_RATE, 10L));
    }

    @Test
    void rateLimitAppliesToAdmins() {
        UsageService usage = service(UsageSetup.settings(Budgets.NONE, new RateLimits(1, 1, 1, 64), Set.of(),
                AccessLists.OPEN));

        assertThat(ask(usage, alice, true, Language.EN)).isInstanceOf(Admission.Granted.class);
        assertThat(ask(usage, alice, true, Language.EN)).isEqualTo(refusal(MessageKey.LIMIT_RATE, 60L));
    }

    @Test
    void refusedCallsTakeNothingFromTheRateLimit() {
        UsageService usage = service(UsageSetup.settings(new Budgets(UsageSetup.daily("0"), null, BudgetLimits.NONE),
                new RateLimits(1, 1, 1, 64), Set.of(), AccessLists.OPEN));
        InboundMessage admin = Chats.groupMessage(Chats.GROUP, "1", "Admin");

        for (int i = 0; i < 3; i++) {
            assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Refused.class);
        }
        usage.budgetCommand().handle(admin, "user 101 day 1", true, Language.EN);

        assertThat(ask(usage, alice, false, Language.EN)).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void oneAnswerInProgressPerMember() {
        UsageService usage = service(UsageSetup.budgets(Budgets.NONE));
        InboundMessage aliceElsewhere = Chats.groupMessage(Chats.OTHER_GROUP, "101", "Alice");

        Admission first = usage.gatekeeper().admit(Chats.request(alice, false, 10, 10, Language.EN));
        assertThat(first).isInstanceOf(Admission.Granted.class);

        assertThat(usage.gatekeeper().admit(Chats.request(aliceElsewhere, false, 10, 10, Language.EN)))
                .isEqualTo(refusal(MessageKey.LIMIT_IN_FLIGHT));
        assertThat(usage.gatekeeper().admit(Chats.request(bob, false, 10, 10, Language.EN)))
                .isInstanceOf(Admission.Granted.class);

        Runnable release = ((Admission.Granted) first).release();
        release.run();
        release.run();
        Admission next = usage.gatekeeper().admit(Chats.request(aliceElsewhere, false, 10, 10, Language.EN));
        assertThat(next).isInstanceOf(Admission.Granted.class);
        assertThat(usage.gatekeeper().admit(Chats.request(alice, false, 10, 10, Language.EN)))
                .isEqualTo(refusal(MessageKey.LIMIT_IN_FLIGHT));
    }

    @Test
    void retrySecondsRoundUp() {
        assertThat(UsageGatekeeper.retrySeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(UsageGatekeeper.retrySeconds(Duration.ofSeconds(10))).isEqualTo(10);
        assertThat(UsageGatekeeper.retrySeconds(Duration.ofMillis(10_001))).isEqualTo(11);
        assertThat(UsageGatekeeper.retrySeconds(Duration.ZERO)).isEqualTo(1);
    }
}
