package io.chatbridge.telegram;

import static io.chatbridge.telegram.TelegramHarness.FORUM_CHAT;
import static io.chatbridge.telegram.TelegramHarness.GROUP_CHAT;
import static io.chatbridge.telegram.TelegramHarness.PRIVATE_CHAT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.i18n.Messages;
import io.chatbridge.testing.CapturedRequest;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.FakeTelegramServer;
import io.chatbridge.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real TelegramBots library, engine and model client against fake Bot API and OpenAI servers. */
class TelegramEndToEndTest {

    @TempDir
    Path dataDir;

    private TelegramHarness bot;
    private final Messages messages = new Messages();
    private final TelegramHtmlFormat html = new TelegramHtmlFormat();

    @BeforeEach
    void startBot() throws Exception {
        bot = new TelegramHarness(dataDir);
    }

    @AfterEach
    void stopBot() {
        bot.close();
    }

    private static List<String> userTexts(CapturedRequest request) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : request.jsonBody().path("messages")) {
            texts.add(message.path("role").asText() + ": " + message.path("content").asText());
        }
        return texts;
    }

    @Test
    void privateMessageGetsTheModelsAnswer() throws Exception {
        bot.openAi.enqueueFixture("openai/stream_say_test_with_usage.sse");

        bot.push("private_text.json");

        bot.awaitTexts(PRIVATE_CHAT, 1, "This is a test!");
        CapturedRequest request = bot.openAi.awaitRequest(Duration.ofSeconds(5));
        assertThat(request.jsonBody().path("stream").asBoolean()).isTrue();
        assertThat(userTexts(request).getLast()).isEqualTo("user: Say this is a test!");
        assertThat(bot.telegram.calls("sendChatAction")).isNotEmpty();
    }

    @Test
    void groupAnswersOnlyMentions() throws Exception {
        bot.push("group_plain_no_trigger.json");
        bot.push("group_mention.json");

        bot.awaitTexts(GROUP_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(bot.openAi.requestCount()).isEqualTo(1);
        assertThat(userTexts(bot.openAi.requests().getFirst()).getLast()).isEqualTo("user: 帮我总结一下今天的讨论要点");
        assertThat(firstSend(GROUP_CHAT).path("reply_parameters").path("message_id").asInt()).isEqualTo(301);
    }

    @Test
    void replyToTheBotIsAnswered() {
        bot.push("group_reply_to_bot.json");

        bot.awaitTexts(GROUP_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(userTexts(bot.openAi.requests().getFirst()).getLast()).isEqualTo("user: can you make it shorter?");
    }

    @Test
    void otherBotsAreIgnored() {
        bot.push("group_from_other_bot_mention.json");
        bot.push("group_command_other_bot.json");
        // A direct question afterwards proves the two updates before it were handled.
        bot.push("private_text.json");

        bot.awaitTexts(PRIVATE_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(bot.telegram.texts(GROUP_CHAT)).isEmpty();
        assertThat(bot.openAi.requestCount()).isEqualTo(1);
    }

    @Test
    void resetWithOwnSuffixClearsTheContext() throws Exception {
        bot.push("group_mention.json");
        bot.awaitTexts(GROUP_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);

        bot.push("group_command_own_suffix.json");
        String done = html.render(messages.format(Language.EN, MessageKey.RESET_DONE));
        bot.awaitTexts(GROUP_CHAT, 2, done);
        bot.pushAsNewMessage("group_mention.json");
        bot.awaitTexts(GROUP_CHAT, 3, FakeOpenAiServer.DEFAULT_ANSWER);

        List<String> second = userTexts(bot.openAi.requests().get(1));
        assertThat(second).hasSize(2);
        assertThat(second.get(1)).isEqualTo("user: 帮我总结一下今天的讨论要点");
    }

    @Test
    void forumTopicQuestionIsAnsweredInItsTopic() {
        bot.push("forum_topic_mention.json");

        bot.awaitTexts(FORUM_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(firstSend(FORUM_CHAT).path("message_thread_id").asInt()).isEqualTo(400);
        assertThat(bot.telegram.calls("sendChatAction").getFirst().parameters().path("message_thread_id").asInt())
                .isEqualTo(400);
    }

    @Test
    void groupReplyHasNoThreadId() {
        bot.push("group_reply_to_bot.json");

        bot.awaitTexts(GROUP_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(firstSend(GROUP_CHAT).has("message_thread_id")).isFalse();
    }

    @Test
    void chineseMemberGetsChineseBotMessages() {
        String zhUpdate = Fixtures.read("telegram/private_text_zh.json")
                .replaceFirst("\"text\": \"[^\"]*\"", "\"text\": \"/reset\"");
        bot.telegram.pushUpdate(zhUpdate);

        String expected = html.render(messages.format(Language.ZH_CN, MessageKey.RESET_DONE));
        List<String> texts = io.chatbridge.testing.Await.value(TelegramHarness.WAIT, "the reset confirmation",
                () -> allTexts(), all -> all.contains(expected));
        assertThat(texts).contains(expected);
    }

    private JsonNode firstSend(long chatId) {
        return bot.telegram.calls("sendMessage").stream()
                .map(FakeTelegramServer.Call::parameters)
                .filter(parameters -> parameters.path("chat_id").asLong() == chatId)
                .findFirst()
                .orElseThrow();
    }

    private List<String> allTexts() {
        List<String> all = new ArrayList<>();
        for (FakeTelegramServer.Call call : bot.telegram.calls("sendMessage")) {
            all.add(call.parameters().path("text").asText());
        }
        return all;
    }

    @Test
    void longAnswerSplitsIntoTwoMessages() {
        String paragraph = "This sentence is part of a long answer that has to be split. ".repeat(10) + "\n\n";
        String answer = paragraph.repeat(10);
        assertThat(answer.length()).isGreaterThan(6000);
        bot.openAi.enqueueStreamOfText(answer, 20, 1500);

        bot.push("private_text.json");

        List<String> texts = io.chatbridge.testing.Await.value(TelegramHarness.WAIT, "the whole long answer",
                () -> bot.telegram.texts(PRIVATE_CHAT),
                shown -> String.join("", shown).replaceAll("\\s", "").equals(answer.replaceAll("\\s", "")));
        assertThat(texts).hasSize(2);
        assertThat(texts).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(4096));
    }

    @Test
    void floodControlKeepsFinalText() {
        bot.openAi.enqueueFixture("openai/stream_say_test_with_usage.sse");
        bot.telegram.failNext("editMessageText", 2, 429, Fixtures.read("telegram/error_429_flood.json"));
        bot.telegram.failNext("sendMessage", 1, 429, Fixtures.read("telegram/error_429_flood.json"));

        bot.push("private_text.json");

        bot.awaitTexts(PRIVATE_CHAT, 1, "This is a test!");
        assertThat(bot.sleeps()).contains(Duration.ofSeconds(7));
    }

    @Test
    void notModifiedKeepsFinalText() {
        bot.openAi.enqueueFixture("openai/stream_say_test_with_usage.sse");
        String notModified = Fixtures.read("telegram/error_not_modified.json");
        bot.telegram.failNextWhen("editMessageText", 1, 400, notModified,
                parameters -> !parameters.path("text").asText().equals("This is a test!"));

        bot.push("private_text.json");

        bot.awaitTexts(PRIVATE_CHAT, 1, "This is a test!");
    }

    @Test
    void rejectedMarkupIsResentAsPlainText() {
        String markdown = "Use **bold** and `code` here.";
        bot.openAi.enqueueStreamOfText(markdown, 12, 8);
        bot.telegram.failNext("sendMessage", 1, 400, Fixtures.read("telegram/error_cant_parse_entities.json"));

        bot.push("private_text.json");

        String plain = html.plain(markdown);
        bot.awaitTexts(PRIVATE_CHAT, 1, plain);
        assertThat(bot.telegram.messages(PRIVATE_CHAT).getFirst().parseMode()).isEmpty();
    }

    @Test
    void markdownAnswerIsRenderedAsTelegramHtml() {
        String markdown = "Use **bold** and `code` here.";
        bot.openAi.enqueueStreamOfText(markdown, 12, 8);

        bot.push("private_text.json");

        bot.awaitTexts(PRIVATE_CHAT, 1, "Use <b>bold</b> and <code>code</code> here.");
        assertThat(bot.telegram.messages(PRIVATE_CHAT).getFirst().parseMode()).isEqualTo("HTML");
    }

    @Test
    void conversationSurvivesARestart() throws Exception {
        bot.openAi.enqueueFixture("openai/stream_say_test_with_usage.sse");
        bot.push("private_text.json");
        bot.awaitTexts(PRIVATE_CHAT, 1, "This is a test!");

        bot.stop();
        bot.start();
        bot.pushAsNewMessage("private_text.json");
        bot.awaitTexts(PRIVATE_CHAT, 2, FakeOpenAiServer.DEFAULT_ANSWER);

        assertThat(userTexts(bot.openAi.requests().get(1)))
                .containsSubsequence("user: Say this is a test!", "assistant: This is a test!", "user: Say this is a test!");
    }

    @Test
    void channelPostIsIgnored() {
        bot.push("channel_post.json");
        bot.push("private_text.json");

        bot.awaitTexts(PRIVATE_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(bot.openAi.requestCount()).isEqualTo(1);
        assertThat(bot.telegram.calls("sendMessage")).hasSize(1);
    }
}
