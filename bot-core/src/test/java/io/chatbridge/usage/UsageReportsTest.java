package io.chatbridge.usage;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.i18n.Language;
import io.chatbridge.model.Usage;
import io.chatbridge.storage.Database;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageReportsTest {

    @TempDir
    Path dir;

    // 10:00 on 15 December in Shanghai.
    private final ManualClock clock = new ManualClock("2026-12-15T02:00:00Z");
    private Database database;
    private UsageService usage;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("chatbridge.db"));
        usage = UsageService.create(database, UsageSetup.budgets(Budgets.NONE), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** Records a call by a member, learning their display name the way admission does. */
    private void call(InboundMessage message, String startedAt, int prompt, int completion) {
        if (usage.gatekeeper().admit(Chats.request(message, false, 1, 1, Language.EN))
                instanceof Admission.Granted granted) {
            granted.release().run();
        }
        usage.recorder().record(Chats.answered(message, Instant.parse(startedAt), Chats.MODEL,
                new Usage(prompt, 0, completion, false)));
    }

    @Test
    void memberSeesTodayAndThisMonthAcrossChats() {
        InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");
        call(alice, "2026-12-15T01:00:00Z", 1000, 500);
        call(Chats.groupMessage(Chats.OTHER_GROUP, "101", "Alice"), "2026-12-14T20:00:00Z", 2000, 1000);
        // 23:30 on 14 December in Shanghai: this month, not today.
        call(alice, "2026-12-14T15:30:00Z", 1000, 0);
        // 30 November in Shanghai: neither.
        call(alice, "2026-11-30T15:00:00Z", 5000, 5000);
        call(Chats.groupMessage(Chats.GROUP, "202", "Bob"), "2026-12-15T01:00:00Z", 9999, 9999);

        // Today: 3000 + 1500 tokens, 0.00135 USD = ¥0.00972. Month: 4000 + 1500, 0.0015 USD = ¥0.0108.
        assertThat(usage.reporter().report(alice, false, Language.EN)).isEqualTo("""
                Your usage
                Today: 2 requests, 4,500 tokens, ¥0.0097
                This month: 3 requests, 5,500 tokens, ¥0.0108""");
        assertThat(usage.reporter().report(alice, false, Language.ZH_CN)).isEqualTo("""
                你的用量
                今天：2 次请求，共 4,500 个 token，花费 ¥0.0097
                本月：3 次请求，共 5,500 个 token，花费 ¥0.0108""");
    }

    @Test
    void memberWithoutCallsSeesZeros() {
        assertThat(usage.reporter().report(Chats.directMessage("303", "Carol"), false, Language.EN)).isEqualTo("""
                Your usage
                Today: no requests, 0 tokens, ¥0.00
                This month: no requests, 0 tokens, ¥0.00""");
    }

    @Test
    void adminInGroupSeesTheGroupAndItsTopFiveMembers() {
        String[] names = {"Ann", "Ben", "Cai", "Dan", "Eve", "Fay"};
        for (int i = 0; i < names.length; i++) {
            InboundMessage message = Chats.groupMessage(Chats.GROUP, Integer.toString(101 + i), names[i]);
            // Each member spends more than the one before: i + 1 calls of 1000 prompt tokens, one
            // today at 09:00 in Shanghai and the others on the days before.
            for (int n = 0; n <= i; n++) {
                call(message, String.format("2026-12-%02dT01:00:00Z", 15 - n), 1000, 0);
            }
        }
        call(Chats.groupMessage(Chats.OTHER_GROUP, "999", "Zed"), "2026-12-15T01:00:00Z", 100_000, 0);
        InboundMessage admin = Chats.groupMessage(Chats.GROUP, "1", "Admin");

        // 21 calls this month, 6 of them today; 1000 tokens at 0.15 USD per million is ¥0.00108 each.
        assertThat(usage.reporter().report(admin, true, Language.EN)).isEqualTo("""
                Usage in this chat
                Today: 6 requests, 6,000 tokens, ¥0.0065
                This month: 21 requests, 21,000 tokens, ¥0.0227

                Top members this month:
                1. Fay (telegram:106): 6 requests, ¥0.0065
                2. Eve (telegram:105): 5 requests, ¥0.0054
                3. Dan (telegram:104): 4 requests, ¥0.0043
                4. Cai (telegram:103): 3 requests, ¥0.0032
                5. Ben (telegram:102): 2 requests, ¥0.0022""");
        assertThat(usage.reporter().report(admin, true, Language.ZH_CN)).isEqualTo("""
                本群用量
                今天：6 次请求，共 6,000 个 token，花费 ¥0.0065
                本月：21 次请求，共 21,000 个 token，花费 ¥0.0227

                本月用量最多的成员：
                1. Fay（telegram:106）：6 次请求，花费 ¥0.0065
                2. Eve（telegram:105）：5 次请求，花费 ¥0.0054
                3. Dan（telegram:104）：4 次请求，花费 ¥0.0043
                4. Cai（telegram:103）：3 次请求，花费 ¥0.0032
                5. Ben（telegram:102）：2 次请求，花费 ¥0.0022""");
    }

    @Test
    void adminInQuietGroupSeesNobody() {
        InboundMessage admin = Chats.groupMessage(Chats.GROUP, "1", "Admin");

        assertThat(usage.reporter().report(admin, true, Language.EN)).endsWith("""
                Top members this month:
                Nobody has used the bot here this month.""");
    }

    @Test
    void adminInDirectChatSeesTheirOwnUsage() {
        assertThat(usage.reporter().report(Chats.directMessage("1", "Admin"), true, Language.EN))
                .startsWith("Your usage\n");
    }
}
