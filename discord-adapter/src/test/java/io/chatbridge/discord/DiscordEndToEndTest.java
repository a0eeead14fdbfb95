package io.chatbridge.discord;

import static io.chatbridge.discord.DiscordHarness.WAIT;
import static io.chatbridge.testing.FakeDiscordServer.DM_CHANNEL_ID;
import static io.chatbridge.testing.FakeDiscordServer.GENERAL_CHANNEL_ID;
import static io.chatbridge.testing.FakeDiscordServer.THREAD_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.i18n.Messages;
import io.chatbridge.testing.Await;
import io.chatbridge.testing.CapturedRequest;
import io.chatbridge.testing.FakeDiscordServer;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.RecordedDiscordRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JDA library, engine, SQLite store and model client against the fake Discord and OpenAI
 * servers, replaying the shared Discord fixtures.
 */
class DiscordEndToEndTest {

    private static final String GENERAL_MESSAGES = "channels/" + GENERAL_CHANNEL_ID + "/messages";
    private static final String SECOND_THREAD_ID = "1300000000000000401";
    private static final String SAY_TEST_STREAM = "openai/stream_say_test_with_usage.sse";

    @TempDir
    Path dataDir;

    private DiscordHarness bot;
    private final Messages messages = new Messages();

    @BeforeEach
    void startBot() throws Exception {
        bot = new DiscordHarness(dataDir);
    }

    @AfterEach
    void stopBot() {
        bot.close();
    }

    @Test
    void mentionGetsTheStreamedAnswer() throws Exception {
        bot.openAi.enqueueFixture(SAY_TEST_STREAM);

        bot.discord.dispatchFixture("message_guild_mention.json");

        bot.awaitMessages(GENERAL_CHANNEL_ID, 1, "This is a test!");
        CapturedRequest request = bot.openAi.awaitRequest(WAIT);
        assertThat(request.jsonBody().path("stream").asBoolean()).isTrue();
        assertThat(turns(request)).containsExactly("user: 帮我写一段 Java 的快速排序");

        List<RecordedDiscordRequest> posts = bot.discord.requests("POST", GENERAL_MESSAGES);
        assertThat(posts).hasSize(1);
        assertThat(posts.getFirst().content()).isEqualTo("This");
        assertThat(posts.getFirst().body().path("message_reference").path("message_id").asText())
                .isEqualTo("1300000000000001001");
        List<RecordedDiscordRequest> edits = bot.discord.requests("PATCH", GENERAL_MESSAGES + "/\\d+");
        assertThat(edits).extracting(RecordedDiscordRequest::content).containsExactly("This is a test!");
        assertThat(bot.discord.requests("POST", "channels/" + GENERAL_CHANNEL_ID + "/typing")).hasSize(1);
        assertThat(bot.sleeps()).containsExactly(DiscordReplySink.GUILD_EDIT_INTERVAL);
    }

    @Test
    void plainMessageIsIgnored() throws Exception {
        bot.discord.dispatchFixture("message_guild_plain_no_trigger.json");
        // A DM afterwards proves that the plain message before it was handled.
        bot.discord.dispatchFixture("message_dm.json");

        bot.awaitMessages(DM_CHANNEL_ID, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(bot.openAi.requestCount()).isEqualTo(1);
        assertThat(turns(bot.openAi.requests().getFirst())).containsExactly("user: Say this is a test!");
        assertThat(bot.discord.requests("POST", "channels/" + GENERAL_CHANNEL_ID + "/.*")).isEmpty();
        assertThat(bot.discord.channelMessages(GENERAL_CHANNEL_ID)).isEmpty();
    }

    @Test
    void replyToTheBotIsAnswered() throws Exception {
        bot.discord.dispatchFixture("message_guild_reply_to_bot.json");

        bot.awaitMessages(GENERAL_CHANNEL_ID, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(turns(bot.openAi.awaitRequest(WAIT))).containsExactly("user: shorter please");
        RecordedDiscordRequest post = bot.discord.requests("POST", GENERAL_MESSAGES).getFirst();
        assertThat(post.body().path("message_reference").path("message_id").asText())
                .isEqualTo("1300000000000001003");
    }

    @Test
    void directMessageIsAnswered() throws Exception {
        bot.openAi.enqueueFixture(SAY_TEST_STREAM);

        bot.discord.dispatchFixture("message_dm.json");

        bot.awaitMessages(DM_CHANNEL_ID, 1, "This is a test!");
        assertThat(turns(bot.openAi.awaitRequest(WAIT))).containsExactly("user: Say this is a test!");
        assertThat(bot.sleeps()).containsExactly(DiscordReplySink.DIRECT_EDIT_INTERVAL);
        assertThat(bot.discord.channelMessages(GENERAL_CHANNEL_ID)).isEmpty();
    }

    @Test
    void otherBotsMentionIsIgnored() throws Exception {
        bot.discord.dispatchFixture("message_from_other_bot.json");
        bot.discord.dispatchFixture("message_dm.json");

        bot.awaitMessages(DM_CHANNEL_ID, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(bot.openAi.requestCount()).isEqualTo(1);
        assertThat(bot.discord.channelMessages(GENERAL_CHANNEL_ID)).isEmpty();
        assertThat(bot.discord.requests("POST", "channels/" + GENERAL_CHANNEL_ID + "/.*")).isEmpty();
    }

    @Test
    void eachThreadKeepsItsOwnContext() throws Exception {
        bot.openAi.answerWith(request -> "Answer to " + lastUserText(request));
        bot.discord.dispatch("THREAD_CREATE", secondThread());

        bot.discord.dispatchFixture("message_thread_mention.json");
        bot.awaitMessages(THREAD_ID, 1, "Answer to 退款需要多久到账？");
        bot.discord.dispatch("MESSAGE_CREATE", mention(SECOND_THREAD_ID, "1300000000000001101", "How do I export my data?"));
        bot.awaitMessages(SECOND_THREAD_ID, 1, "Answer to How do I export my data?");
        bot.discord.dispatch("MESSAGE_CREATE", mention(THREAD_ID, "1300000000000001102", "周末也算吗？"));
        bot.awaitMessages(THREAD_ID, 2, "Answer to 周末也算吗？");

        List<CapturedRequest> requests = bot.openAi.requests();
        assertThat(requests).hasSize(3);
        assertThat(turns(requests.get(1))).containsExactly("user: How do I export my data?");
        assertThat(turns(requests.get(2))).containsExactly(
                "user: 退款需要多久到账？",
                "assistant: Answer to 退款需要多久到账？",
                "user: 周末也算吗？");
        assertThat(bot.discord.channelMessages(GENERAL_CHANNEL_ID)).isEmpty();
    }

    @Test
    void chatCommandDeferredBeforeModelCall() throws Exception {
        String answer = "向量数据库存储向量，并按相似度检索。";
        AtomicReference<List<RecordedDiscordRequest>> discordAtModelCall = new AtomicReference<>();
        bot.openAi.answerWith(request -> {
            discordAtModelCall.set(bot.discord.requests());
            return answer;
        });

        JsonNode interaction = bot.discord.dispatchFixture("interaction_slash_chat.json");

        String original = originalPath(interaction);
        bot.discord.awaitRequest(request -> request.is("PATCH", original) && answer.equals(request.content()), WAIT);
        String callback = callbackPath(interaction);
        List<RecordedDiscordRequest> before = discordAtModelCall.get();
        assertThat(before).filteredOn(request -> request.is("POST", callback))
                .extracting(request -> request.body().path("type").asInt())
                .containsExactly(5);
        assertThat(before).filteredOn(request -> request.path().startsWith("webhooks/")).isEmpty();
        assertThat(turns(bot.openAi.requests().getFirst())).containsExactly("user: 用三句话解释什么是向量数据库");
        assertThat(bot.discord.requests("POST", callback)).hasSize(1);
        assertThat(bot.discord.channelMessages(GENERAL_CHANNEL_ID)).containsExactly(answer);
    }

    @Test
    void resetAndHelpUseInteractionLocale() throws Exception {
        JsonNode chat = bot.discord.dispatchFixture("interaction_slash_chat.json");
        bot.discord.awaitRequest(request -> request.is("PATCH", originalPath(chat))
                && FakeOpenAiServer.DEFAULT_ANSWER.equals(request.content()), WAIT);

        JsonNode reset = bot.discord.dispatch("INTERACTION_CREATE", slashCommand("reset", "RESET_TOKEN_PLACEHOLDER"));
        String resetDone = messages.format(Language.ZH_CN, MessageKey.RESET_DONE);
        bot.discord.awaitRequest(request -> request.is("PATCH", originalPath(reset))
                && resetDone.equals(request.content()), WAIT);
        JsonNode help = bot.discord.dispatch("INTERACTION_CREATE", slashCommand("help", "HELP_TOKEN_PLACEHOLDER"));
        String helpText = messages.help(Language.ZH_CN, "");
        bot.discord.awaitRequest(request -> request.is("PATCH", originalPath(help))
                && helpText.equals(request.content()), WAIT);
        JsonNode again = bot.discord.dispatch("INTERACTION_CREATE", slashChat("AGAIN_TOKEN_PLACEHOLDER"));
        bot.discord.awaitRequest(request -> request.is("PATCH", originalPath(again))
                && FakeOpenAiServer.DEFAULT_ANSWER.equals(request.content()), WAIT);

        assertThat(bot.openAi.requests()).hasSize(2);
        assertThat(turns(bot.openAi.requests().get(1))).containsExactly("user: 用三句话解释什么是向量数据库");
        assertThat(bot.discord.channelMessages(GENERAL_CHANNEL_ID)).containsExactly(
                FakeOpenAiServer.DEFAULT_ANSWER, resetDone, helpText, FakeOpenAiServer.DEFAULT_ANSWER);
    }

    @Test
    void mentionedCommandsUseServerLocale() throws Exception {
        bot.discord.dispatch("MESSAGE_CREATE", mention(GENERAL_CHANNEL_ID, "1300000000000001201", "/frobnicate"));
        String unknown = messages.format(Language.ZH_CN, MessageKey.UNKNOWN_COMMAND, "/frobnicate");
        bot.awaitMessages(GENERAL_CHANNEL_ID, 1, unknown);

        bot.discord.dispatch("MESSAGE_CREATE", mention(GENERAL_CHANNEL_ID, "1300000000000001202", "/help"));
        bot.awaitMessages(GENERAL_CHANNEL_ID, 2, messages.help(Language.ZH_CN, ""));

        assertThat(bot.openAi.requestCount()).isZero();
    }

    @Test
    void longAnswerSplitsWithBalancedFences() {
        String answer = longAnswerWithCodeBlock();
        bot.openAi.enqueueStreamOfText(answer, 20, 1500);

        bot.discord.dispatchFixture("message_guild_mention.json");

        List<String> parts = Await.value(WAIT, "the whole long answer",
                () -> bot.discord.channelMessages(GENERAL_CHANNEL_ID),
                displayed -> rejoin(displayed).equals(answer.strip()));
        assertThat(parts).hasSize(3);
        assertThat(parts).allSatisfy(message -> assertThat(message.length()).isLessThanOrEqualTo(2000));
        assertThat(parts).allSatisfy(message -> assertThat(fenceCount(message) % 2).isZero());
        assertThat(parts.get(1)).startsWith("```java\n").endsWith("\n```");
        assertThat(parts.get(2)).startsWith("```java\n");
        assertThat(bot.discord.requests()).filteredOn(request -> request.path().startsWith(GENERAL_MESSAGES))
                .allSatisfy(request -> assertThat(request.content().length()).isLessThanOrEqualTo(2000));
    }

    @Test
    void rateLimitedReplyIsDelayedNotLost() throws Exception {
        bot.openAi.enqueueFixture(SAY_TEST_STREAM);
        bot.discord.rateLimitNext("POST", GENERAL_MESSAGES, 1);
        bot.discord.rateLimitNext("PATCH", GENERAL_MESSAGES + "/\\d+", 1);

        bot.discord.dispatchFixture("message_guild_mention.json");

        bot.awaitMessages(GENERAL_CHANNEL_ID, 1, "This is a test!");
        List<RecordedDiscordRequest> posts = bot.discord.requests("POST", GENERAL_MESSAGES);
        assertThat(posts).extracting(RecordedDiscordRequest::status).containsExactly(429, 200);
        assertThat(posts.get(1).content()).isEqualTo(posts.get(0).content());
        Duration waited = Duration.between(posts.get(0).receivedAt(), posts.get(1).receivedAt());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        List<RecordedDiscordRequest> edits = bot.discord.requests("PATCH", GENERAL_MESSAGES + "/\\d+");
        assertThat(edits).extracting(RecordedDiscordRequest::status).containsExactly(429, 200);
        assertThat(edits).extracting(RecordedDiscordRequest::content).containsOnly("This is a test!");
    }

    @Test
    void ownMessageIsIgnored() throws Exception {
        ObjectNode own = (ObjectNode) mention(GENERAL_CHANNEL_ID, "1300000000000001301", "talking to myself");
        own.set("author", bot.discord.fixture("message_guild_mention.json").path("d").path("mentions").get(0));
        bot.discord.dispatch("MESSAGE_CREATE", own);
        bot.discord.dispatchFixture("message_dm.json");

        bot.awaitMessages(DM_CHANNEL_ID, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(bot.openAi.requestCount()).isEqualTo(1);
        assertThat(bot.discord.channelMessages(GENERAL_CHANNEL_ID)).isEmpty();
    }

    @Test
    void chatCommandInADmIsAnswered() throws Exception {
        bot.openAi.enqueueFixture(SAY_TEST_STREAM);
        ObjectNode interaction = (ObjectNode) slashChat("DM_TOKEN_PLACEHOLDER");
        interaction.remove(List.of("guild_id", "guild", "guild_locale", "member", "app_permissions"));
        interaction.set("user", bot.discord.fixture("message_dm.json").path("d").path("author"));
        interaction.put("locale", "en-US");
        interaction.put("channel_id", DM_CHANNEL_ID);
        ObjectNode channel = interaction.putObject("channel");
        channel.put("id", DM_CHANNEL_ID);
        channel.put("type", 1);
        channel.putArray("recipients").add(interaction.get("user"));
        interaction.put("context", 1);
        interaction.putObject("authorizing_integration_owners").put("1", "1300000000000000010");

        JsonNode sent = bot.discord.dispatch("INTERACTION_CREATE", interaction);

        bot.discord.awaitRequest(request -> request.is("PATCH", originalPath(sent))
                && "This is a test!".equals(request.content()), WAIT);
        assertThat(bot.discord.channelMessages(DM_CHANNEL_ID)).containsExactly("This is a test!");
        assertThat(bot.sleeps()).containsExactly(DiscordReplySink.DIRECT_EDIT_INTERVAL);
    }

    @Test
    void chatCommandInThreadUsesThreadContext() throws Exception {
        bot.openAi.answerWith(request -> "Answer to " + lastUserText(request));
        bot.discord.dispatchFixture("message_thread_mention.json");
        bot.awaitMessages(THREAD_ID, 1, "Answer to 退款需要多久到账？");
        ObjectNode interaction = (ObjectNode) slashChat("THREAD_TOKEN_PLACEHOLDER");
        interaction.put("channel_id", THREAD_ID);
        ObjectNode channel = interaction.putObject("channel");
        channel.put("id", THREAD_ID);
        channel.put("type", 11);
        channel.put("guild_id", FakeDiscordServer.GUILD_ID);
        channel.put("parent_id", GENERAL_CHANNEL_ID);
        channel.put("name", "support-ticket");
        channel.put("permissions", "1071698660929");
        ObjectNode metadata = channel.putObject("thread_metadata");
        metadata.put("archived", false);
        metadata.put("auto_archive_duration", 1440);
        metadata.put("archive_timestamp", "2026-11-02T00:00:00.000000+00:00");
        metadata.put("locked", false);

        JsonNode sent = bot.discord.dispatch("INTERACTION_CREATE", interaction);

        bot.discord.awaitRequest(request -> request.is("PATCH", originalPath(sent))
                && "Answer to 用三句话解释什么是向量数据库".equals(request.content()), WAIT);
        assertThat(turns(bot.openAi.requests().get(1))).containsExactly(
                "user: 退款需要多久到账？",
                "assistant: Answer to 退款需要多久到账？",
                "user: 用三句话解释什么是向量数据库");
        assertThat(bot.discord.channelMessages(THREAD_ID))
                .containsExactly("Answer to 退款需要多久到账？", "Answer to 用三句话解释什么是向量数据库");
    }

    @Test
    void answerAllChannelAnswersPlainMessages() throws Exception {
        restartWith(Map.of("CHATBRIDGE_DISCORD_ANSWER_ALL_CHANNELS", GENERAL_CHANNEL_ID));

        bot.discord.dispatchFixture("message_guild_plain_no_trigger.json");

        bot.awaitMessages(GENERAL_CHANNEL_ID, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(turns(bot.openAi.awaitRequest(WAIT))).containsExactly("user: anyone up for lunch?");
    }

    @Test
    void threadPerQuestionKeepsFollowUpContext() throws Exception {
        restartWith(Map.of("CHATBRIDGE_DISCORD_THREAD_PER_QUESTION_CHANNELS", GENERAL_CHANNEL_ID));
        bot.openAi.answerWith(request -> "Answer to " + lastUserText(request));
        String question = "1300000000000001001";

        bot.discord.dispatchFixture("message_guild_mention.json");
        bot.awaitMessages(question, 1, "Answer to 帮我写一段 Java 的快速排序");
        bot.discord.dispatch("MESSAGE_CREATE", mention(question, "1300000000000001401", "改成降序呢？"));
        bot.awaitMessages(question, 2, "Answer to 改成降序呢？");

        assertThat(bot.discord.startedThreads()).hasSize(1);
        assertThat(turns(bot.openAi.requests().get(1))).containsExactly(
                "user: 帮我写一段 Java 的快速排序",
                "assistant: Answer to 帮我写一段 Java 的快速排序",
                "user: 改成降序呢？");
        assertThat(bot.discord.channelMessages(GENERAL_CHANNEL_ID)).isEmpty();
    }

    @Test
    void modelFailureUsesServerLocale() throws Exception {
        bot.openAi.enqueueFixture(429, "openai/error_429_insufficient_quota.json", Map.of());

        bot.discord.dispatchFixture("message_guild_mention.json");

        bot.awaitMessages(GENERAL_CHANNEL_ID, 1, messages.format(Language.ZH_CN, MessageKey.ERROR_QUOTA));
        assertThat(bot.openAi.requestCount()).isEqualTo(1);
    }

    @Test
    void longChatAnswerContinuesInFollowUp() throws Exception {
        String answer = paragraph("向量数据库把文本变成向量，再按相似度检索。", 2500);
        bot.openAi.enqueueStreamOfText(answer, 20, 900);

        JsonNode interaction = bot.discord.dispatchFixture("interaction_slash_chat.json");

        // The cut falls between two sentences, and the splitter drops the space there.
        List<String> parts = Await.value(WAIT, "the whole answer in two messages",
                () -> bot.discord.channelMessages(GENERAL_CHANNEL_ID),
                displayed -> String.join(" ", displayed).equals(answer));
        assertThat(parts).hasSize(2);
        assertThat(parts).allSatisfy(message -> assertThat(message.length()).isLessThanOrEqualTo(2000));
        String webhook = "webhooks/" + FakeDiscordServer.BOT_USER_ID + "/" + interaction.path("token").asText();
        assertThat(bot.discord.requests("POST", webhook)).hasSize(1);
        assertThat(bot.discord.requests("PATCH", originalPath(interaction)).getLast().content())
                .isEqualTo(parts.getFirst());
    }

    @Test
    void resetInAThreadKeepsOtherThreads() throws Exception {
        bot.openAi.answerWith(request -> "Answer to " + lastUserText(request));
        bot.discord.dispatch("THREAD_CREATE", secondThread());
        bot.discord.dispatchFixture("message_thread_mention.json");
        bot.awaitMessages(THREAD_ID, 1, "Answer to 退款需要多久到账？");
        bot.discord.dispatch("MESSAGE_CREATE", mention(SECOND_THREAD_ID, "1300000000000001501", "How do I export?"));
        bot.awaitMessages(SECOND_THREAD_ID, 1, "Answer to How do I export?");

        bot.discord.dispatch("MESSAGE_CREATE", mention(SECOND_THREAD_ID, "1300000000000001502", "/reset"));
        bot.awaitMessages(SECOND_THREAD_ID, 2, messages.format(Language.ZH_CN, MessageKey.RESET_DONE));
        bot.discord.dispatch("MESSAGE_CREATE", mention(SECOND_THREAD_ID, "1300000000000001503", "Anything else?"));
        bot.awaitMessages(SECOND_THREAD_ID, 3, "Answer to Anything else?");
        bot.discord.dispatch("MESSAGE_CREATE", mention(THREAD_ID, "1300000000000001504", "周末也算吗？"));
        bot.awaitMessages(THREAD_ID, 2, "Answer to 周末也算吗？");

        List<CapturedRequest> requests = bot.openAi.requests();
        assertThat(requests).hasSize(4);
        assertThat(turns(requests.get(2))).containsExactly("user: Anything else?");
        assertThat(turns(requests.get(3))).containsExactly(
                "user: 退款需要多久到账？",
                "assistant: Answer to 退款需要多久到账？",
                "user: 周末也算吗？");
    }

    private void restartWith(Map<String, String> env) throws Exception {
        bot.close();
        bot = new DiscordHarness(dataDir, env);
    }

    /** Returns the request's messages as {@code role: content}, without the system prompt. */
    private static List<String> turns(CapturedRequest request) {
        List<String> turns = new ArrayList<>();
        for (JsonNode message : request.jsonBody().path("messages")) {
            String role = message.path("role").asText();
            if (!role.equals("system")) {
                turns.add(role + ": " + message.path("content").asText());
            }
        }
        return turns;
    }

    private static String lastUserText(JsonNode request) {
        JsonNode all = request.path("messages");
        return all.get(all.size() - 1).path("content").asText();
    }

    /** Returns a THREAD_CREATE payload for a second public thread below {@code #general}. */
    private JsonNode secondThread() {
        ObjectNode thread = (ObjectNode) bot.discord.fixture("gateway_guild_create.json").path("d").path("threads").get(0);
        thread.put("id", SECOND_THREAD_ID);
        thread.put("name", "data-export");
        thread.put("newly_created", true);
        return thread;
    }

    /** Returns the guild mention fixture moved to another channel with another id and question. */
    private JsonNode mention(String channelId, String messageId, String question) {
        ObjectNode message = (ObjectNode) bot.discord.fixture("message_guild_mention.json").get("d");
        message.put("id", messageId);
        message.put("channel_id", channelId);
        message.put("content", "<@" + FakeDiscordServer.BOT_USER_ID + "> " + question);
        return message;
    }

    private JsonNode slashChat(String token) {
        ObjectNode interaction = (ObjectNode) bot.discord.fixture("interaction_slash_chat.json").get("d");
        interaction.put("token", token);
        return interaction;
    }

    private JsonNode slashCommand(String name, String token) {
        ObjectNode interaction = (ObjectNode) slashChat(token);
        ObjectNode data = (ObjectNode) interaction.get("data");
        data.put("name", name);
        data.remove("options");
        return interaction;
    }

    private static String callbackPath(JsonNode interaction) {
        return "interactions/" + interaction.path("id").asText() + "/" + interaction.path("token").asText() + "/callback";
    }

    private static String originalPath(JsonNode interaction) {
        return "webhooks/" + FakeDiscordServer.BOT_USER_ID + "/" + interaction.path("token").asText()
                + "/messages/@original";
    }

    /**
     * Returns a 5,000-character answer: a paragraph, a Java code block of about 2,600 characters,
     * which no single message can hold, and another paragraph.
     */
    private static String longAnswerWithCodeBlock() {
        StringBuilder text = new StringBuilder("Here is a long explanation.\n\n");
        text.append(paragraph("Quicksort picks a pivot and partitions the array around it.", 1000));
        text.append("\n\n```java\n");
        while (text.length() < 3600) {
            text.append("int pivot = array[high]; // choose the last element\n");
        }
        text.append("```\n\n");
        text.append(paragraph("Each recursive call sorts a smaller part.", 5000 - text.length()));
        return text.substring(0, 5000);
    }

    /** Returns the sentence repeated, separated by spaces, until the paragraph is at least {@code length} long. */
    private static String paragraph(String sentence, int length) {
        StringBuilder paragraph = new StringBuilder(sentence);
        while (paragraph.length() < length) {
            paragraph.append(' ').append(sentence);
        }
        return paragraph.toString();
    }

    /**
     * Joins the displayed messages back into the answer. Where a message ends with the closing fence
     * that the splitter added and the next one reopens the block with {@code ```java}, both fence
     * lines are removed and the code continues on the next line. Any other cut fell on the blank
     * line between paragraphs, which the splitter drops, so the parts are joined with one.
     */
    private static String rejoin(List<String> displayed) {
        if (displayed.isEmpty()) {
            return "";
        }
        String closing = "\n```";
        String reopening = "```java\n";
        StringBuilder text = new StringBuilder(displayed.getFirst());
        for (String next : displayed.subList(1, displayed.size())) {
            if (text.toString().endsWith(closing) && next.startsWith(reopening)) {
                text.setLength(text.length() - closing.length());
                text.append('\n').append(next.substring(reopening.length()));
            } else {
                text.append("\n\n").append(next);
            }
        }
        return text.toString();
    }

    private static int fenceCount(String text) {
        return text.split("```", -1).length - 1;
    }
}
