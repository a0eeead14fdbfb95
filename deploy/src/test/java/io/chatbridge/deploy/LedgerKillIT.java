package io.chatbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.storage.Database;
import io.chatbridge.testing.Await;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.FakeTelegramServer;
import io.chatbridge.testing.Fixtures;
import io.chatbridge.testing.OpenAiStreams;
import io.chatbridge.usage.UsageLedger;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the running jar with SIGKILL in the middle of a load run and checks the usage ledger
 * against what members received: no delivered answer may be missing from the ledger, and at
 * most the calls still in flight at the kill may be recorded without a delivered answer.
 */
class LedgerKillIT {

    private static final String TOKEN = "123456:TEST_token_for_kill_test";
    private static final String ANSWER = "Counted and delivered.";
    private static final int CHATS = 200;
    private static final int PROMPT_TOKENS = 31;
    private static final int COMPLETION_TOKENS = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    @Test
    void killedProcessLosesNoDeliveredAnswer() throws Exception {
        try (FakeTelegramServer telegram = new FakeTelegramServer(TOKEN, Fixtures.read("telegram/getme.json"));
                FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            Set<Long> delivered = ConcurrentHashMap.newKeySet();
            Set<Long> started = ConcurrentHashMap.newKeySet();
            telegram.addMessageListener(message -> {
                started.add(message.chatId());
                if (message.text().equals(ANSWER)) {
                    delivered.add(message.chatId());
                }
            });
            // Paced streams keep several calls in flight when the kill comes.
            for (int i = 0; i < CHATS; i++) {
                openAi.enqueueStream(OpenAiStreams.text(ANSWER, PROMPT_TOKENS, COMPLETION_TOKENS), Duration.ofMillis(5));
            }

            try (BotProcess bot = BotProcess.start(workDir, env(telegram, openAi), "run")) {
                Await.until(WAIT, "the bot to poll", () -> !telegram.calls("getUpdates").isEmpty());
                for (int i = 0; i < CHATS; i++) {
                    telegram.pushUpdate(Fixtures.read("telegram/private_text.json")
                            .replace("100000001", String.valueOf(3_000_000L + i)));
                }
                Await.until(WAIT, "half of the answers", () -> delivered.size() >= CHATS / 2);
                bot.kill();
            }

            int deliveredAtKill = delivered.size();
            int startedAtKill = started.size();
            try (Database database = Database.openReadOnly(workDir.resolve("data/chatbridge.db"), UsageLedger.SCHEMA_VERSION)) {
                int answeredRows = count(database, "SELECT COUNT(*) FROM usage_ledger WHERE outcome = 'answered'");
                int rowsOfDeliveredChats = countDelivered(database, delivered);
                int wrongTokens = count(database, "SELECT COUNT(*) FROM usage_ledger WHERE outcome = 'answered' AND"
                        + " (prompt_tokens <> " + PROMPT_TOKENS + " OR completion_tokens <> " + COMPLETION_TOKENS
                        + " OR estimated <> 0)");

                System.out.printf("delivered %d, started %d, answered rows %d%n", deliveredAtKill, startedAtKill,
                        answeredRows);
                assertThat(rowsOfDeliveredChats).isEqualTo(deliveredAtKill);
                // A row is written when the model has finished, before the final edit, which may
                // still wait for the chat's pacing: such answers were shown in part, or were calls
                // in flight (at most the 64 concurrent upstream calls).
                assertThat(answeredRows).isBetween(deliveredAtKill, startedAtKill + 64);
                assertThat(wrongTokens).isZero();
            }
        }
    }

    private static Map<String, String> env(FakeTelegramServer telegram, FakeOpenAiServer openAi) {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "sk-test-kill-placeholder");
        env.put("OPENAI_BASE_URL", openAi.baseUrl());
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("TELEGRAM_API_URL", telegram.baseUrl());
        env.put("CHATBRIDGE_DATA_DIR", "data");
        env.put("CHATBRIDGE_LOG_LEVEL", "WARN");
        return env;
    }

    private static int count(Database database, String sql) {
        return database.read("count ledger rows", connection -> {
            try (var statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    private static int countDelivered(Database database, Set<Long> chats) {
        int found = 0;
        for (long chat : chats) {
            found += count(database, "SELECT COUNT(*) FROM usage_ledger WHERE outcome = 'answered' AND chat_id = '"
                    + chat + "'");
        }
        return found;
    }
}
