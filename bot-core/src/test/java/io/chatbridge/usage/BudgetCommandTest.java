package io.chatbridge.usage;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.model.Usage;
import io.chatbridge.storage.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetCommandTest {

    private static final UsageSettings SETTINGS = UsageSetup.settings(
            new Budgets(UsageSetup.limits("1", "20", null), UsageSetup.daily("0.5"), UsageSetup.limits(null, "100", null)),
            UsageSetup.NO_RATE_LIMIT, Set.of("telegram:101"), AccessLists.OPEN);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock("2026-12-04T02:00:00Z");
    private final InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");
    private final InboundMessage guest = Chats.groupMessage(Chats.GROUP, "202", "Bob");
    private final InboundMessage admin = Chats.groupMessage(Chats.GROUP, "1", "Admin");
    private Database database;

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

    private static String run(UsageService usage, InboundMessage message, String arguments, boolean isAdmin,
            Language language) {
        return usage.budgetCommand().handle(message, arguments, isAdmin, language);
    }

    @Test
    void memberSeesTheirBudgetAndTheChats() {
        UsageService usage = service(SETTINGS);
        // 0.00075 USD, ¥0.0054.
        usage.recorder().record(Chats.answered(alice, clock.instant(), Chats.MODEL, new Usage(1000, 0, 1000, false)));

        assertThat(run(usage, alice, "", false, Language.EN)).isEqualTo("""
                Your budget:
                Today: ¥0.0054 spent of ¥1.00, ¥0.9946 left
                This month: ¥0.0054 spent of ¥20.00, ¥19.99 left
                All time: ¥0.0054 spent, no limit

                This chat's budget:
                Today: ¥0.0054 spent, no limit
                This month: ¥0.0054 spent of ¥100.00, ¥99.99 left
                All time: ¥0.0054 spent, no limit""");
        assertThat(run(usage, alice, "", false, Language.ZH_CN)).isEqualTo("""
                你的预算：
                今天：已用 ¥0.0054，预算 ¥1.00，还剩 ¥0.9946
                本月：已用 ¥0.0054，预算 ¥20.00，还剩 ¥19.99
                累计：已用 ¥0.0054，不限额

                本群的预算：
                今天：已用 ¥0.0054，不限额
                本月：已用 ¥0.0054，预算 ¥100.00，还剩 ¥99.99
                累计：已用 ¥0.0054，不限额""");
    }

    @Test
    void guestSeesTheGuestBudget() {
        UsageService usage = service(SETTINGS);

        assertThat(run(usage, guest, "", false, Language.EN)).startsWith("""
                Your budget as a guest:
                Today: ¥0.00 spent of ¥0.50, ¥0.50 left
                This month: ¥0.00 spent of ¥20.00, ¥20.00 left""");
    }

    @Test
    void adminIsToldBudgetsDoNotApply() {
        UsageService usage = service(SETTINGS);

        assertThat(run(usage, admin, "", true, Language.ZH_CN)).startsWith("你是机器人的管理员，不受预算限制。\n\n本群的预算：\n");
    }

    @Test
    void memberBudgetSetByAdminSurvivesARestart() {
        UsageService usage = service(SETTINGS);

        assertThat(run(usage, admin, "user 101 day 0.001", true, Language.EN))
                .isEqualTo("The daily budget of telegram:101 is now ¥0.001.");

        UsageService restarted = service(SETTINGS);
        assertThat(restarted.gatekeeper().admit(Chats.request(alice, false, 1000, 1000, Language.EN)))
                .isEqualTo(new Admission.Refused(MessageKey.LIMIT_BUDGET, List.of("daily", "¥0.001")));
        assertThat(run(restarted, admin, "user telegram:101", true, Language.EN)).isEqualTo("""
                Budget of telegram:101:
                Today: ¥0.00 spent of ¥0.001, ¥0.001 left
                This month: ¥0.00 spent of ¥20.00, ¥20.00 left
                All time: ¥0.00 spent, no limit""");
    }

    @Test
    void chatBudgetCanBeSetLiftedAndReset() {
        UsageService usage = service(SETTINGS);

        assertThat(run(usage, admin, "chat month ¥5", true, Language.ZH_CN)).isEqualTo("已将本群的每月预算设为 ¥5.00。");
        assertThat(run(usage, admin, "chat total 50CNY", true, Language.EN))
                .isEqualTo("This chat's total budget is now ¥50.00.");
        assertThat(run(usage, admin, "chat", false, Language.EN)).isEqualTo("""
                This chat's budget:
                Today: ¥0.00 spent, no limit
                This month: ¥0.00 spent of ¥5.00, ¥5.00 left
                All time: ¥0.00 spent of ¥50.00, ¥50.00 left""");

        assertThat(run(usage, admin, "chat month none", true, Language.EN))
                .isEqualTo("This chat now has no monthly budget limit.");
        assertThat(run(usage, admin, "chat month none", true, Language.ZH_CN)).isEqualTo("已取消本群的每月预算限额。");
        assertThat(run(usage, admin, "chat month default", true, Language.EN))
                .isEqualTo("This chat's monthly budget is back to the configured one: ¥100.00.");
        assertThat(run(usage, admin, "chat total default", true, Language.ZH_CN))
                .isEqualTo("本群的累计预算已恢复为配置值：不限额。");
    }

    @Test
    void memberBudgetCanBeLiftedAndReset() {
        UsageService usage = service(SETTINGS);

        assertThat(run(usage, admin, "user 202 day none", true, Language.EN))
                .isEqualTo("telegram:202 now has no daily budget limit.");
        assertThat(usage.gatekeeper().admit(Chats.request(guest, false, 1_000_000, 1_000_000, Language.EN)))
                .isInstanceOf(Admission.Granted.class);
        assertThat(run(usage, admin, "user 202 day default", true, Language.ZH_CN))
                .isEqualTo("telegram:202 的每日预算已恢复为配置值：¥0.50。");
        assertThat(run(usage, admin, "user discord:55 total 3", true, Language.ZH_CN))
                .isEqualTo("已将 discord:55 的累计预算设为 ¥3.00。");
    }

    @Test
    void onlyAdminsChangeBudgets() {
        UsageService usage = service(SETTINGS);

        assertThat(run(usage, alice, "user 101 day 100", false, Language.EN))
                .isEqualTo("Sorry, only the bot's admins can change budgets.");
        assertThat(run(usage, alice, "chat day 100", false, Language.ZH_CN)).isEqualTo("抱歉，只有机器人的管理员才能修改预算。");
        assertThat(run(usage, alice, "user 202", false, Language.EN))
                .isEqualTo("Sorry, only the bot's admins can change budgets.");
    }

    @Test
    void badPeriodAndAmountAreExplained() {
        UsageService usage = service(SETTINGS);

        assertThat(run(usage, admin, "chat week 5", true, Language.EN))
                .isEqualTo("week isn't a budget period. Use day, month or total.");
        assertThat(run(usage, admin, "chat day -5", true, Language.EN)).isEqualTo("-5 isn't a valid amount. Give a"
                + " number such as 5 or 0.5, none for no limit, or default to go back to the configured budget.");
        assertThat(run(usage, admin, "chat day 1e3", true, Language.ZH_CN))
                .isEqualTo("“1e3”不是有效的金额。请填数字（如 5 或 0.5），或填 none 表示不限额，或填 default 恢复为配置值。");
    }

    @Test
    void malformedCommandShowsHowToUseIt() {
        UsageService usage = service(SETTINGS);

        assertThat(run(usage, admin, "user 101 day", true, Language.EN)).isEqualTo("""
                How to use /budget:
                /budget – show the budgets that apply to you here
                /budget user <id> – show a member's budget (admins only)
                /budget user <id> <period> <amount> – set a member's budget (admins only)
                /budget chat <period> <amount> – set this chat's budget (admins only)

                <period> is day, month or total. <amount> is in CNY: a number, none for no limit, or default to go\
                 back to the configured budget.""");
        assertThat(run(usage, admin, "set everything", true, Language.ZH_CN)).startsWith("/budget 的用法：\n");
    }

    @Test
    void overrideSetInAnotherCurrencyIsIgnored() {
        UsageService usage = service(SETTINGS);
        run(usage, admin, "user 101 day 0", true, Language.EN);

        UsageSettings dollars = new UsageSettings(UsageSetup.SHANGHAI, DisplayCurrency.USD,
                Map.of("gpt-4o-mini", ModelPrice.GPT_4O_MINI), ModelPrice.GPT_4O_MINI,
                new Budgets(UsageSetup.daily("2"), null, BudgetLimits.NONE), UsageSetup.NO_RATE_LIMIT, Set.of(),
                AccessLists.OPEN);
        UsageService restarted = service(dollars);

        assertThat(restarted.gatekeeper().admit(Chats.request(alice, false, 1000, 1000, Language.EN)))
                .isInstanceOf(Admission.Granted.class);
        assertThat(new BudgetOverrides(database, "CNY", clock).find(BudgetSubject.member(alice.platform(), "101"), Period.DAY))
                .contains(new BudgetOverride(new BigDecimal("0")));
    }
}
