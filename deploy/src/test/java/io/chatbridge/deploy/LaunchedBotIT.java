package io.chatbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.testing.Await;
import io.chatbridge.testing.FakeDiscordServer;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.FakeTelegramServer;
import io.chatbridge.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, configured only through environment variables, against the local fakes. */
class LaunchedBotIT {

    private static final String TOKEN = "123456:TEST_token_for_launch_test";
    private static final String KEY = "sk-test-launch-placeholder";
    private static final long PRIVATE_CHAT = 100000001L;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    private FakeTelegramServer telegram;
    private FakeOpenAiServer openAi;

    @BeforeEach
    void startFakes() throws Exception {
        telegram = new FakeTelegramServer(TOKEN, Fixtures.read("telegram/getme.json"));
        openAi = new FakeOpenAiServer();
    }

    @AfterEach
    void stopFakes() {
        telegram.close();
        openAi.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_BASE_URL", openAi.baseUrl());
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("TELEGRAM_API_URL", telegram.baseUrl());
        env.put("CHATBRIDGE_DATA_DIR", workDir.resolve("data").toString());
        return env;
    }

    private static List<String> promptLines(JsonNode body) {
        List<String> lines = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            lines.add(message.path("role").asText() + ": " + message.path("content").asText());
        }
        return lines;
    }

    @Test
    void answersAndRemembersAcrossARestart() throws Exception {
        openAi.enqueueFixture("openai/stream_say_test_with_usage.sse");
        try (BotProcess bot = BotProcess.start(workDir, env(), "run")) {
            telegram.pushUpdate(Fixtures.read("telegram/private_text.json"));
            Await.value(WAIT, "the first answer", () -> telegram.texts(PRIVATE_CHAT),
                    texts -> texts.equals(List.of("This is a test!")));
            assertThat(bot.stop(WAIT)).isIn(0, 143);
            assertThat(bot.output()).contains("ChatBridge started in").doesNotContain(TOKEN).doesNotContain(KEY);
        }

        try (BotProcess bot = BotProcess.start(workDir, env(), "run")) {
            // A new message: the same message id again would be recognised as a repeat and skipped.
            telegram.pushUpdate(Fixtures.read("telegram/private_text.json").replace("\"message_id\": 11", "\"message_id\": 12"));
            Await.value(WAIT, "the second answer", () -> telegram.texts(PRIVATE_CHAT),
                    texts -> texts.size() == 2 && texts.get(1).equals(FakeOpenAiServer.DEFAULT_ANSWER));
            bot.stop(WAIT);
        }

        List<String> second = promptLines(openAi.requests().get(1).jsonBody());
        assertThat(second).containsSubsequence("user: Say this is a test!", "assistant: This is a test!",
                "user: Say this is a test!");
    }

    @Test
    void checkReportsEachCheck() throws Exception {
        try (BotProcess check = BotProcess.start(workDir, env(), "check")) {
            int exit = check.awaitExit(WAIT);

            assertThat(check.output()).contains("OK    configuration")
                    .contains("OK    model: ")
                    .contains("OK    telegram: bot @chatbridge_test_bot (id 7000000001)")
                    .contains("SKIP  discord: DISCORD_BOT_TOKEN is not set")
                    .doesNotContain(TOKEN).doesNotContain(KEY);
            assertThat(exit).isZero();
        }
    }

    @Test
    void telegramAndDiscordAnswerFromOneProcess() throws Exception {
        try (FakeDiscordServer discord = FakeDiscordServer.start()) {
            Map<String, String> env = env();
            env.put("DISCORD_BOT_TOKEN", FakeDiscordServer.BOT_TOKEN);
            env.put("DISCORD_API_URL", discord.apiUrl());
            env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());

            try (BotProcess bot = BotProcess.start(workDir, env, "run")) {
                Await.until(WAIT, "the Discord login", () -> !discord.identifyPayloads().isEmpty());
                Await.until(WAIT, "the Telegram poll", () -> !telegram.calls("getUpdates").isEmpty());
                Await.until(WAIT, "the start log line", () -> bot.output().contains("ChatBridge started in"));
                telegram.pushUpdate(Fixtures.read("telegram/private_text.json"));
                discord.dispatchFixture("message_dm.json");

                Await.value(WAIT, "the Telegram answer", () -> telegram.texts(PRIVATE_CHAT),
                        texts -> texts.equals(List.of(FakeOpenAiServer.DEFAULT_ANSWER)));
                Await.value(WAIT, "the Discord answer", () -> discord.channelMessages(FakeDiscordServer.DM_CHANNEL_ID),
                        texts -> texts.equals(List.of(FakeOpenAiServer.DEFAULT_ANSWER)));
                bot.stop(WAIT);
            }
        }
        assertThat(openAi.requestCount()).isEqualTo(2);
    }

    @Test
    void checkVerifiesTheDiscordToken() throws Exception {
        try (FakeDiscordServer discord = FakeDiscordServer.start()) {
            Map<String, String> env = env();
            env.put("DISCORD_BOT_TOKEN", FakeDiscordServer.BOT_TOKEN);
            env.put("DISCORD_API_URL", discord.apiUrl());
            env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());

            try (BotProcess check = BotProcess.start(workDir, env, "check")) {
                int exit = check.awaitExit(WAIT);

                assertThat(check.output()).contains("OK    discord: bot ").doesNotContain(FakeDiscordServer.BOT_TOKEN);
                assertThat(exit).isZero();
            }
        }
    }

    @Test
    void checkNamesARejectedKeyAndAWrongBotToken() throws Exception {
        openAi.enqueueFixture(401, "openai/error_401_invalid_key.json", Map.of());
        Map<String, String> env = env();
        env.put("TELEGRAM_BOT_TOKEN", "654321:WRONG_token_for_launch_test");

        try (BotProcess check = BotProcess.start(workDir, env, "check")) {
            int exit = check.awaitExit(WAIT);

            assertThat(check.output()).contains("FAIL  model: ").contains("401")
                    .contains("FAIL  telegram: ").contains("Unauthorized")
                    .doesNotContain("WRONG_token").doesNotContain(KEY);
            assertThat(exit).isEqualTo(1);
        }
    }

    @Test
    void checkNamesAnUnreachableBaseUrl() throws Exception {
        Map<String, String> env = env();
        env.put("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
        env.remove("TELEGRAM_BOT_TOKEN");

        try (BotProcess check = BotProcess.start(workDir, env, "check")) {
            int exit = check.awaitExit(WAIT);

            assertThat(check.output()).contains("FAIL  model: ").contains("127.0.0.1")
                    .contains("SKIP  telegram: TELEGRAM_BOT_TOKEN is not set");
            assertThat(exit).isEqualTo(1);
        }
    }

    @Test
    void invalidConfigurationFailsAtStartNamingTheKey() throws Exception {
        Map<String, String> env = env();
        env.put("CHATBRIDGE_OPENAI_TEMPERATURE", "3.5");

        try (BotProcess bot = BotProcess.start(workDir, env, "run")) {
            int exit = bot.awaitExit(WAIT);

            assertThat(bot.output()).contains("CHATBRIDGE_OPENAI_TEMPERATURE").contains("3.5");
            assertThat(exit).isEqualTo(2);
        }
    }

    @Test
    void terminalChatAnswersThroughTheEngine() throws Exception {
        openAi.enqueueFixture("openai/stream_say_test_with_usage.sse");
        Map<String, String> env = env();
        env.remove("TELEGRAM_BOT_TOKEN");

        try (BotProcess chat = BotProcess.startWithInput(workDir, env, "Say this is a test!\n/exit\n", "chat")) {
            int exit = chat.awaitExit(WAIT);

            assertThat(chat.output()).contains("This is a test!");
            assertThat(exit).isZero();
        }
        assertThat(openAi.requestCount()).isEqualTo(1);
    }
}
