package io.chatbridge.discord;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.engine.ChatEngine;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.i18n.Messages;
import io.chatbridge.inbound.DeduplicatingHandler;
import io.chatbridge.inbound.InboundLedger;
import io.chatbridge.model.HttpClients;
import io.chatbridge.model.OpenAiChatModel;
import io.chatbridge.storage.Database;
import io.chatbridge.testing.Await;
import io.chatbridge.testing.FakeDiscordServer;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.LogCapture;
import io.chatbridge.testing.RecordedDiscordRequest;
import io.chatbridge.testing.ReliabilityReport;
import io.chatbridge.time.ExecutorTaskScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 generated gateway events from a fixed seed, well-formed and not, through real JDA, the
 * adapter, the engine and the store, against the fake Discord and OpenAI servers.
 */
class DiscordFuzzTest {

    private static final long SEED = 5_2026L;
    private static final int EVENTS = 500;
    private static final Duration BOUND = Duration.ofSeconds(50);
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Expect { ANSWER, SILENCE, MALFORMED }

    private record Case(String messageId, Expect expect, String kind) {}

    @TempDir
    Path dataDir;

    private final LogCapture logs = LogCapture.all();
    private final List<AutoCloseable> open = new ArrayList<>();
    private FakeDiscordServer discord;
    private FakeOpenAiServer openAi;
    private DiscordAdapter adapter;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : open.reversed()) {
            resource.close();
        }
        logs.close();
    }

    private void startBot() throws Exception {
        discord = FakeDiscordServer.start();
        open.add(discord);
        openAi = new FakeOpenAiServer();
        open.add(openAi);

        BotConfig config = ConfigLoader.load(null, Map.of(
                "OPENAI_API_KEY", "sk-test-placeholder-key",
                "OPENAI_BASE_URL", openAi.baseUrl(),
                "DISCORD_BOT_TOKEN", FakeDiscordServer.BOT_TOKEN,
                "DISCORD_API_URL", discord.apiUrl(),
                "DISCORD_GATEWAY_URL", discord.gatewayUrl(),
                "CHATBRIDGE_DATA_DIR", dataDir.toString(),
                "CHATBRIDGE_OPENAI_MAX_RETRIES", "0",
                "CHATBRIDGE_CONVERSATION_MERGE_WINDOW", "0s"));

        Database database = Database.open(dataDir.resolve("chatbridge.db"));
        open.add(database);
        ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler();
        open.add(scheduler);
        ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
        var http = HttpClients.create(Duration.ofSeconds(5), Duration.ofSeconds(10), null);
        ChatEngine engine = ChatEngine.builder()
                .config(config)
                .model(new OpenAiChatModel(config.openAi(), http, clock, clock::advance))
                .cache(new ConversationCache(new SqliteConversationStore(database), 1_000_000, Duration.ofHours(1)))
                .settingsStore(new SqliteChatSettingsStore(database))
                .scheduler(scheduler)
                .clock(clock)
                .sleeper(clock::advance)
                .build();
        open.add(engine);

        adapter = new DiscordAdapter(config.discord(), new DeduplicatingHandler(new InboundLedger(database, clock), engine));
        adapter.start(Duration.ofSeconds(10));
        open.add(adapter);
    }

    @Test
    void generatedEventsNeverStopTheBot() throws Exception {
        startBot();
        Random random = new Random(SEED);
        long started = System.nanoTime();

        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            cases.add(dispatch(random, i));
        }
        Set<String> toAnswer = ids(cases, Expect.ANSWER);
        Await.until(BOUND, toAnswer.size() + " answers", () -> answered().containsAll(toAnswer));

        Case last = dispatchMessage(direct(EVENTS, "Still there?"), Expect.ANSWER, "after the fuzz");
        Await.until(BOUND, "the answer after the fuzz", () -> answered().contains(last.messageId()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        Set<String> answered = answered();
        assertThat(answered).containsAll(toAnswer);
        assertThat(answered).doesNotContainAnyElementsOf(ids(cases, Expect.SILENCE));
        assertThat(answered).doesNotContainAnyElementsOf(ids(cases, Expect.MALFORMED));
        for (Case c : cases) {
            if (c.expect() == Expect.MALFORMED) {
                // JDA drops an event it cannot read and logs it once, raw, at WARN (a missing or
                // unreadable key) or ERROR (any other exception), and the adapter never receives it.
                List<LogCapture.Line> lines = logs.containing(c.messageId());
                assertThat(lines).as("%s", c).hasSize(1);
                assertThat(lines.getFirst().logger()).isEqualTo("net.dv8tion.jda.internal.requests.WebSocketClient");
                assertThat(lines.getFirst().level()).isIn(Level.WARN, Level.ERROR);
            }
        }
        assertThat(took).isLessThan(BOUND);
        var counts = cases.stream().collect(Collectors.groupingBy(Case::expect, Collectors.counting()));
        ReliabilityReport.forClass(DiscordFuzzTest.class).record("Discord input",
                EVENTS + " generated gateway events: " + counts.get(Expect.ANSWER) + " member messages (DMs and"
                        + " mentions, empty, huge up to 100k chars, zero-width, RTL, unpaired surrogates), "
                        + counts.get(Expect.SILENCE) + " edits, bot messages, unaddressed messages, typing and unknown"
                        + " events, " + counts.get(Expect.MALFORMED) + " with missing or wrongly typed fields",
                EVENTS, "every member message got an answer or a notice (empty message); the rest got silence; JDA dropped each"
                        + " malformed event with one WARN or ERROR line holding the raw event and its id; the gateway"
                        + " stayed connected; took " + took.toSeconds() + " s",
                toAnswer.size(), toAnswer.size() - notices(toAnswer), notices(toAnswer));
    }

    private Case dispatch(Random random, int index) {
        int kind = random.nextInt(100);
        if (kind < 40) {
            return dispatchMessage(direct(index, memberText(random)), Expect.ANSWER, "dm");
        }

        if (kind < 55) {
            ObjectNode message = guild(index, "<@" + FakeDiscordServer.BOT_USER_ID + "> " + memberText(random));
            message.putArray("mentions").addObject().put("id", FakeDiscordServer.BOT_USER_ID)
                    .put("username", "ChatBridge").put("discriminator", "0").put("bot", true);
            return dispatchMessage(message, Expect.ANSWER, "mention");
        }

        if (kind < 62) {
            return dispatchMessage(guild(index, "just chatting"), Expect.SILENCE, "unaddressed");
        }

        if (kind < 67) {
            ObjectNode message = direct(index, "I am a bot");
            ((ObjectNode) message.get("author")).put("bot", true);
            return dispatchMessage(message, Expect.SILENCE, "from a bot");
        }

        if (kind < 74) {
            ObjectNode edit = direct(index, "edited");
            edit.put("edited_timestamp", "2026-12-04T10:01:00.000000+00:00");
            discord.dispatch("MESSAGE_UPDATE", edit);
            return new Case(edit.path("id").asText(), Expect.SILENCE, "edit");
        }

        if (kind < 80) {
            ObjectNode other = JSON.createObjectNode().put("id", messageId(index)).put("what", random.nextInt());
            discord.dispatch(random.nextBoolean() ? "ZZ_FUTURE_EVENT" : "TYPING_START", other);
            return new Case(messageId(index), Expect.SILENCE, "other event");
        }

        if (kind < 83) {
            // JDA reads the timestamp only when asked for it, so the message is still answered.
            ObjectNode message = direct(index, "When is yesterday?");
            message.put("timestamp", "yesterday");
            return dispatchMessage(message, Expect.ANSWER, "unreadable timestamp");
        }

        ObjectNode broken = direct(index, "broken");
        switch (random.nextInt(4)) {
            case 0 -> broken.remove("author");
            case 1 -> broken.putObject("author").put("id", "not-a-snowflake").put("username", "x");
            case 2 -> broken.remove("channel_id");
            default -> broken.put("channel_id", "not-a-snowflake");
        }
        return dispatchMessage(broken, Expect.MALFORMED, "malformed");
    }

    private Case dispatchMessage(ObjectNode message, Expect expect, String kind) {
        discord.dispatch("MESSAGE_CREATE", message);
        return new Case(message.path("id").asText(), expect, kind);
    }

    private static String messageId(int index) {
        return Long.toString(1_400_000_000_000_000_000L + index);
    }

    private static ObjectNode direct(int index, String content) {
        ObjectNode message = message(index, content);
        message.put("channel_id", Long.toString(1_500_000_000_000_000_000L + index));
        return message;
    }

    private static ObjectNode guild(int index, String content) {
        ObjectNode message = message(index, content);
        message.put("channel_id", FakeDiscordServer.GENERAL_CHANNEL_ID);
        message.put("guild_id", FakeDiscordServer.GUILD_ID);
        ObjectNode member = message.putObject("member");
        member.putArray("roles");
        member.put("joined_at", "2026-11-01T00:00:00.000000+00:00");
        member.put("deaf", false).put("mute", false).put("flags", 0);
        return message;
    }

    private static ObjectNode message(int index, String content) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", messageId(index));
        message.put("type", 0);
        ObjectNode author = message.putObject("author");
        author.put("id", Long.toString(1_600_000_000_000_000_000L + index));
        author.put("username", "member" + index);
        author.put("global_name", "Member " + index);
        author.put("discriminator", "0");
        author.putNull("avatar");
        message.put("content", content);
        message.put("timestamp", "2026-12-04T10:00:00.000000+00:00");
        message.putNull("edited_timestamp");
        message.put("tts", false).put("mention_everyone", false).put("pinned", false).put("flags", 0);
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.putArray("embeds");
        message.putArray("components");
        return message;
    }

    private static String memberText(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "\u200b\u200c\u200d\u2060 zero width \ufeff";
            case 1 -> "\u202eمرحبا بالعالم \u05e9\u05dc\u05d5\u05dd\u202c";
            case 2 -> "lone " + (char) (0xD800 + random.nextInt(0x400)) + " surrogate";
            case 3 -> "y".repeat(1 + random.nextInt(100_000));
            case 4 -> "";
            case 5 -> "😀👍🏽 e\u0301 **bold** `code` @everyone";
            default -> "Question " + random.nextInt(1_000_000) + "?";
        };
    }

    /** Returns the ids of the messages the bot answered: the reference of its first reply to each. */
    private Set<String> answered() {
        return discord.requests("POST", "channels/\\d+/messages").stream()
                .filter(request -> request.status() == 200)
                .map(RecordedDiscordRequest::body)
                .map(body -> body.path("message_reference").path("message_id").asText(""))
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toSet());
    }

    /** Returns how many of the messages got a bot notice (empty message, failed model call) as their reply. */
    private int notices(Set<String> messageIds) {
        var messages = new Messages();
        Set<String> notices = new java.util.HashSet<>();
        for (MessageKey key : List.of(MessageKey.EMPTY_MESSAGE, MessageKey.ERROR_UPSTREAM, MessageKey.ERROR_TIMEOUT,
                MessageKey.ERROR_BAD_REQUEST, MessageKey.ERROR_INTERNAL)) {
            notices.add(DiscordMarkdownFormat.INSTANCE.render(messages.format(Language.EN, key)).strip());
        }
        return (int) discord.requests("POST", "channels/\\d+/messages").stream()
                .filter(request -> request.status() == 200)
                .filter(request -> messageIds.contains(request.body().path("message_reference").path("message_id").asText()))
                .filter(request -> notices.contains(request.content()))
                .count();
    }

    private static Set<String> ids(List<Case> cases, Expect expect) {
        return cases.stream().filter(c -> c.expect() == expect).map(Case::messageId).collect(Collectors.toSet());
    }
}
