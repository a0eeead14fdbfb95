package io.chatbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.conversation.Turn;
import io.chatbridge.discord.DiscordAdapter;
import io.chatbridge.engine.Platform;
import io.chatbridge.storage.Database;
import io.chatbridge.telegram.TelegramAdapter;
import io.chatbridge.testing.Await;
import io.chatbridge.testing.CapturedRequest;
import io.chatbridge.testing.FakeDiscordServer;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.FakeTelegramServer;
import io.chatbridge.testing.Fixtures;
import io.chatbridge.time.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telegram and Discord in one process on one engine, as {@code run} starts them when both tokens
 * are set: the real TelegramBots and JDA libraries against their fake servers, the engine built by
 * {@link BotRuntime} over SQLite, and the model client against a fake OpenAI server.
 */
class SharedEngineTest {

    private static final String TELEGRAM_TOKEN = "123456:TEST_token_for_fake_server";
    private static final long TELEGRAM_CHAT = 100000001L;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    @Test
    void bothPlatformsAnsweredInOwnConversations() throws Exception {
        try (FakeTelegramServer telegram = new FakeTelegramServer(TELEGRAM_TOKEN, Fixtures.read("telegram/getme.json"));
                FakeDiscordServer discord = FakeDiscordServer.start();
                FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            openAi.answerWith(request -> "Answer to " + lastUserText(request));
            BotConfig config = ConfigLoader.load(null, environment(telegram, discord, openAi));
            SleeperClock clock = new SleeperClock(Instant.parse("2026-12-04T10:00:00Z"));

            try (BotRuntime runtime = BotRuntime.start(config, clock, clock);
                    TelegramAdapter telegramAdapter = new TelegramAdapter(config.telegram(), runtime.engine());
                    DiscordAdapter discordAdapter = new DiscordAdapter(config.discord(), runtime.engine())) {
                telegramAdapter.start();
                discordAdapter.start(WAIT);

                telegram.pushUpdate(Fixtures.read("telegram/private_text.json"));
                discord.dispatch("MESSAGE_CREATE", discordDm(discord, "What is a vector database?"));

                Await.value(WAIT, "the Telegram answer", () -> telegram.texts(TELEGRAM_CHAT),
                        texts -> texts.equals(List.of("Answer to Say this is a test!")));
                Await.value(WAIT, "the Discord answer",
                        () -> discord.channelMessages(FakeDiscordServer.DM_CHANNEL_ID),
                        texts -> texts.equals(List.of("Answer to What is a vector database?")));
            }

            assertThat(openAi.requests()).extracting(SharedEngineTest::userTexts).containsExactlyInAnyOrder(
                    List.of("Say this is a test!"), List.of("What is a vector database?"));
            assertThat(storedTurns(new ConversationKey(Platform.TELEGRAM, Long.toString(TELEGRAM_CHAT), null, null)))
                    .containsExactly("user: Say this is a test!", "assistant: Answer to Say this is a test!");
            assertThat(storedTurns(new ConversationKey(Platform.DISCORD, FakeDiscordServer.DM_CHANNEL_ID, null, null)))
                    .containsExactly("user: What is a vector database?",
                            "assistant: Answer to What is a vector database?");
        }
    }

    private Map<String, String> environment(FakeTelegramServer telegram, FakeDiscordServer discord,
            FakeOpenAiServer openAi) {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "sk-test-placeholder-key");
        env.put("OPENAI_BASE_URL", openAi.baseUrl());
        env.put("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN);
        env.put("TELEGRAM_API_URL", telegram.baseUrl());
        env.put("DISCORD_BOT_TOKEN", FakeDiscordServer.BOT_TOKEN);
        env.put("DISCORD_API_URL", discord.apiUrl());
        env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
        env.put("CHATBRIDGE_DATA_DIR", dataDir.toString());
        env.put("CHATBRIDGE_OPENAI_MAX_RETRIES", "0");
        return env;
    }

    private static JsonNode discordDm(FakeDiscordServer discord, String text) {
        ObjectNode message = (ObjectNode) discord.fixture("message_dm.json").get("d");
        message.put("content", text);
        return message;
    }

    /** Returns the conversation as the engine stored it, read from the database after shutdown. */
    private List<String> storedTurns(ConversationKey key) {
        try (Database database = Database.open(dataDir.resolve(BotRuntime.DATABASE_FILE))) {
            List<String> turns = new ArrayList<>();
            for (Turn turn : new SqliteConversationStore(database).load(key)) {
                turns.add(turn.role().name().toLowerCase(java.util.Locale.ROOT) + ": " + turn.text());
            }
            return turns;
        }
    }

    private static List<String> userTexts(CapturedRequest request) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : request.jsonBody().path("messages")) {
            if (message.path("role").asText().equals("user")) {
                texts.add(message.path("content").asText());
            }
        }
        return texts;
    }

    private static String lastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }

    /** A clock that moves only when the engine sleeps, so pacing waits pass at once. */
    private static final class SleeperClock extends Clock implements Sleeper {
        private volatile Instant now;

        SleeperClock(Instant start) {
            this.now = start;
        }

        @Override
        public synchronized void sleep(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
