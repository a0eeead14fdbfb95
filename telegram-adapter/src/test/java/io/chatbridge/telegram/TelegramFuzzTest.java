package io.chatbridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.i18n.Messages;
import io.chatbridge.testing.Await;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.LogCapture;
import io.chatbridge.testing.ReliabilityReport;
import io.chatbridge.testing.SseNoise;
import java.nio.file.Path;
import java.time.Duration;
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
 * 2,000 generated updates from a fixed seed, well-formed and not, through the real TelegramBots
 * library, adapter, engine and store, with 50 of the model's answers streamed with byte noise.
 */
class TelegramFuzzTest {

    private static final long SEED = 6_2026L;
    private static final int UPDATES = 2000;
    private static final int NOISY_STREAMS = 50;
    private static final Duration BOUND = Duration.ofSeconds(50);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the bot must do with a generated update. */
    enum Expect {
        /** A member's message in a private chat: answered, with the answer or a notice. */
        ANSWER,
        /** Well-formed but not for the bot (edits, unknown kinds, channel posts, unaddressed group talk): silence. */
        SILENCE,
        /** A field of the wrong type: silence, and one WARN line with the update id. */
        WRONG_TYPE,
        /** A message without chat or message id: silence, and one DEBUG line with the update id. */
        MISSING_FIELD
    }

    private record Case(long updateId, long chatId, Expect expect, String kind) {}

    @TempDir
    Path dataDir;

    private final LogCapture logs = LogCapture.of("io.chatbridge");
    private TelegramHarness bot;

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        logs.close();
    }

    @Test
    void generatedUpdatesNeverStopTheBot() throws Exception {
        bot = new TelegramHarness(dataDir, Map.of("CHATBRIDGE_CONVERSATION_MERGE_WINDOW", "0s"));
        SseNoise noise = new SseNoise(SEED);
        for (int i = 0; i < NOISY_STREAMS; i++) {
            SseNoise.NoisyStream stream = noise.next();
            bot.openAi.enqueueStreamBytes(stream.bytes(), stream.pieceBytes());
        }
        Random random = new Random(SEED);
        long started = System.nanoTime();

        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < UPDATES; i++) {
            cases.add(push(random, i));
        }
        Set<Long> toAnswer = chats(cases, Expect.ANSWER);
        Await.until(BOUND, toAnswer.size() + " answered chats", () -> answeredChats().containsAll(toAnswer));

        long last = bot.pushAsNewMessage("private_text.json");
        bot.awaitTexts(TelegramHarness.PRIVATE_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(last).isEqualTo(cases.getLast().updateId() + 1);
        assertThat(answeredChats()).containsExactlyInAnyOrderElementsOf(union(toAnswer, TelegramHarness.PRIVATE_CHAT));
        assertThat(bot.pollBackOffs()).isZero();
        for (Case c : cases) {
            List<LogCapture.Line> lines = logs.containing("Telegram update " + c.updateId() + ":");
            switch (c.expect()) {
                case WRONG_TYPE -> assertThat(lines).as("%s", c).extracting(LogCapture.Line::level)
                        .containsExactly(Level.WARN);
                case MISSING_FIELD -> assertThat(lines).as("%s", c).extracting(LogCapture.Line::level)
                        .containsExactly(Level.DEBUG);
                case SILENCE, ANSWER -> assertThat(lines).as("%s", c).hasSizeLessThanOrEqualTo(1);
            }
        }
        assertThat(took).isLessThan(BOUND);
        Map<Expect, Long> counts = cases.stream().collect(Collectors.groupingBy(Case::expect, Collectors.counting()));
        ReliabilityReport.forClass(TelegramFuzzTest.class).record("Telegram input",
                UPDATES + " generated updates: " + counts.get(Expect.ANSWER) + " member messages (empty, huge up to"
                        + " 100k chars, zero-width, RTL, unpaired surrogates, commands), " + counts.get(Expect.SILENCE)
                        + " edits, unknown kinds, channel posts and unaddressed group messages, "
                        + counts.get(Expect.WRONG_TYPE) + " with wrong field types, " + counts.get(Expect.MISSING_FIELD)
                        + " without chat or message id; " + NOISY_STREAMS + " model answers with byte noise",
                UPDATES, "every member message got an answer or a notice (empty message, broken stream); the rest got"
                        + " silence and each malformed one one log line with its update id; polling never backed off;"
                        + " took " + took.toSeconds() + " s",
                toAnswer.size(), toAnswer.size() - notices(toAnswer), notices(toAnswer));
    }

    private Case push(Random random, int index) {
        long chat = 3_000_000_000L + index;
        int kind = random.nextInt(100);
        ObjectNode update = JSON.createObjectNode();
        if (kind < 55) {
            update.set("message", privateMessage(chat, index, memberText(random)));
            return pushed(update, chat, Expect.ANSWER, "text");
        }

        if (kind < 60) {
            ObjectNode message = privateMessage(chat, index, "");
            if (random.nextBoolean()) {
                message.remove("text");
            }
            update.set("message", message);
            return pushed(update, chat, Expect.ANSWER, "empty");
        }

        if (kind < 68) {
            ObjectNode message = privateMessage(chat, index, "edited text");
            message.put("edit_date", 1764800100);
            update.set("edited_message", message);
            return pushed(update, chat, Expect.SILENCE, "edited");
        }

        if (kind < 74) {
            update.putObject("zz_future_update_" + random.nextInt(5)).put("whatever", random.nextInt());
            return pushed(update, chat, Expect.SILENCE, "unknown kind");
        }

        if (kind < 78) {
            ObjectNode post = privateMessage(-chat, index, "channel news");
            ((ObjectNode) post.get("chat")).put("type", "channel");
            update.set("channel_post", post);
            return pushed(update, -chat, Expect.SILENCE, "channel post");
        }

        if (kind < 84) {
            ObjectNode message = privateMessage(-chat, index, "talking among ourselves");
            ((ObjectNode) message.get("chat")).put("type", "supergroup").put("title", "Group " + index);
            update.set("message", message);
            return pushed(update, -chat, Expect.SILENCE, "group without mention");
        }

        if (kind < 92) {
            update.set("message", wrongType(random, privateMessage(chat, index, "typed wrong")));
            return pushed(update, chat, Expect.WRONG_TYPE, "wrong type");
        }

        ObjectNode message = privateMessage(chat, index, "incomplete");
        message.remove(random.nextBoolean() ? "chat" : "message_id");
        update.set("message", message);
        return pushed(update, chat, Expect.MISSING_FIELD, "missing field");
    }

    private Case pushed(ObjectNode update, long chat, Expect expect, String kind) {
        return new Case(bot.telegram.pushUpdate(update.toString()), chat, expect, kind);
    }

    private static ObjectNode privateMessage(long chat, int index, String text) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", index + 1);
        ObjectNode from = message.putObject("from");
        from.put("id", Math.abs(chat));
        from.put("is_bot", false);
        from.put("first_name", "Member " + index);
        from.put("language_code", index % 3 == 0 ? "zh-hans" : "en");
        ObjectNode chatNode = message.putObject("chat");
        chatNode.put("id", chat);
        chatNode.put("type", "private");
        message.put("date", 1764800000 + index);
        message.put("text", text);
        return message;
    }

    private static ObjectNode wrongType(Random random, ObjectNode message) {
        switch (random.nextInt(5)) {
            case 0 -> ((ObjectNode) message.get("chat")).putObject("id").put("nested", true);
            case 1 -> message.put("message_id", "eleven");
            case 2 -> message.put("from", "someone");
            case 3 -> message.put("entities", "not a list");
            default -> message.putArray("chat").add(1);
        }
        return message;
    }

    private static String memberText(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> "\u200b\u200c\u200d\u2060 zero width \ufeff";
            case 1 -> "\u202eمرحبا بالعالم \u05e9\u05dc\u05d5\u05dd\u202c";
            case 2 -> "lone " + (char) (0xD800 + random.nextInt(0x400)) + " surrogate " + (char) (0xDC00 + random.nextInt(0x400));
            case 3 -> "x".repeat(1 + random.nextInt(100_000));
            case 4 -> "😀👍🏽 e\u0301 <b>&amp; *bold* `code`";
            case 5 -> random.nextBoolean() ? "/help" : "/start";
            case 6 -> " \n\t ";
            default -> "Question number " + random.nextInt(1_000_000) + "?";
        };
    }

    private Set<Long> answeredChats() {
        return bot.telegram.calls("sendMessage").stream()
                .map(call -> call.parameters().path("chat_id").asLong())
                .filter(chat -> !bot.telegram.texts(chat).isEmpty())
                .collect(Collectors.toSet());
    }

    /** Returns how many of the chats got only a bot notice (empty message, failed model call), no answer. */
    private int notices(Set<Long> chats) {
        var html = new TelegramHtmlFormat();
        var messages = new Messages();
        Set<String> notices = new java.util.HashSet<>();
        for (Language language : List.of(Language.EN, Language.ZH_CN)) {
            for (MessageKey key : List.of(MessageKey.EMPTY_MESSAGE, MessageKey.ERROR_UPSTREAM, MessageKey.ERROR_TIMEOUT,
                    MessageKey.ERROR_BAD_REQUEST, MessageKey.ERROR_INTERNAL)) {
                notices.add(html.render(messages.format(language, key)));
            }
        }
        return (int) chats.stream().filter(chat -> notices.containsAll(bot.telegram.texts(chat))).count();
    }

    private static Set<Long> chats(List<Case> cases, Expect expect) {
        return cases.stream().filter(c -> c.expect() == expect).map(Case::chatId).collect(Collectors.toSet());
    }

    private static Set<Long> union(Set<Long> chats, long chat) {
        var all = new java.util.HashSet<>(chats);
        all.add(chat);
        return all;
    }
}
