package io.chatbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.reply.OutboundText;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SentMessage;
import io.chatbridge.reply.SinkException;
import io.chatbridge.testing.FakeDiscordServer;
import io.chatbridge.testing.RecordedDiscordRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answers streamed through {@link DiscordReplySink} into real JDA and the fake's REST API. */
class DiscordReplyTest {

    private static final String GENERAL_MESSAGES = "channels/" + FakeDiscordServer.GENERAL_CHANNEL_ID + "/messages";

    private DiscordTestBed bed;

    @BeforeEach
    void startFake() throws Exception {
        bed = new DiscordTestBed();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void mentionIsAnsweredByPostThenPatch() throws Exception {
        String answer = "Here is quicksort in Java.";
        RecordingHandler handler = new RecordingHandler(new StreamingAnswer(answer));
        bed.start(handler);

        bed.fake.dispatchFixture("message_guild_mention.json");
        RecordedDiscordRequest patch = bed.fake.awaitRequest("PATCH", GENERAL_MESSAGES + "/\\d+", DiscordTestBed.WAIT);

        List<RecordedDiscordRequest> posts = bed.fake.requests("POST", GENERAL_MESSAGES);
        assertThat(posts).hasSize(1);
        RecordedDiscordRequest post = posts.get(0);
        assertThat(post.content()).isEqualTo("Here is quick");
        assertThat(post.body().path("message_reference").path("message_id").asText()).isEqualTo("1300000000000001001");
        assertThat(post.body().path("message_reference").path("fail_if_not_exists").asBoolean()).isFalse();
        assertThat(post.body().path("allowed_mentions").path("parse")).isEmpty();
        assertThat(post.body().path("allowed_mentions").path("replied_user").asBoolean()).isFalse();
        assertThat(patch.sequence()).isGreaterThan(post.sequence());
        assertThat(patch.content()).isEqualTo(answer);
        assertThat(bed.fake.requests("POST", "channels/\\d+/typing")).hasSize(1);
        assertThat(bed.fake.channelMessages(FakeDiscordServer.GENERAL_CHANNEL_ID)).containsExactly(answer);
    }

    @Test
    void directMessageIsAnsweredInTheDm() throws Exception {
        bed.start(new RecordingHandler(new StreamingAnswer("This is a test!")));

        bed.fake.dispatchFixture("message_dm.json");
        bed.fake.awaitRequest("PATCH", "channels/" + FakeDiscordServer.DM_CHANNEL_ID + "/messages/\\d+",
                DiscordTestBed.WAIT);

        assertThat(bed.fake.channelMessages(FakeDiscordServer.DM_CHANNEL_ID)).containsExactly("This is a test!");
    }

    @Test
    void threadMessageIsAnsweredInTheThread() throws Exception {
        bed.start(new RecordingHandler(new StreamingAnswer("通常需要 3 到 5 个工作日。")));

        bed.fake.dispatchFixture("message_thread_mention.json");
        bed.fake.awaitRequest("PATCH", "channels/" + FakeDiscordServer.THREAD_ID + "/messages/\\d+",
                DiscordTestBed.WAIT);

        assertThat(bed.fake.channelMessages(FakeDiscordServer.THREAD_ID)).containsExactly("通常需要 3 到 5 个工作日。");
        assertThat(bed.fake.channelMessages(FakeDiscordServer.GENERAL_CHANNEL_ID)).isEmpty();
    }

    @Test
    void threadPerQuestionChannelAnswersInNewThread() throws Exception {
        String answer = "Use Arrays.sort or write a partition function.";
        RecordingHandler handler = new RecordingHandler(new StreamingAnswer(answer));
        bed.start(handler, bed.settings(Set.of(), Set.of(FakeDiscordServer.GENERAL_CHANNEL_ID)));

        bed.fake.dispatchFixture("message_guild_mention.json");
        String question = "1300000000000001001";
        bed.fake.awaitRequest("PATCH", "channels/" + question + "/messages/\\d+", DiscordTestBed.WAIT);

        assertThat(handler.next(DiscordTestBed.WAIT).message().threadId()).isEqualTo(question);
        List<JsonNode> threads = bed.fake.startedThreads();
        assertThat(threads).hasSize(1);
        assertThat(threads.get(0).path("id").asText()).isEqualTo(question);
        assertThat(threads.get(0).path("name").asText()).isEqualTo("帮我写一段 Java 的快速排序");
        assertThat(threads.get(0).path("parent_id").asText()).isEqualTo(FakeDiscordServer.GENERAL_CHANNEL_ID);
        assertThat(bed.fake.requests("POST", "channels/" + question + "/typing")).hasSize(1);
        List<RecordedDiscordRequest> posts = bed.fake.requests("POST", "channels/" + question + "/messages");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).body().has("message_reference")).isFalse();
        assertThat(bed.fake.channelMessages(question)).containsExactly(answer);
        assertThat(bed.fake.channelMessages(FakeDiscordServer.GENERAL_CHANNEL_ID)).isEmpty();
    }

    @Test
    void threadNameIsFirstLineCutTo100() {
        assertThat(DiscordReplySink.threadName("  How long?\nSecond line", "fallback")).isEqualTo("How long?");
        assertThat(DiscordReplySink.threadName("   ", "Question from Alice")).isEqualTo("Question from Alice");
        String cut = DiscordReplySink.threadName("x".repeat(98) + "😀" + "y", "fallback");
        assertThat(cut).isEqualTo("x".repeat(98) + "…");
        assertThat(cut.length()).isLessThanOrEqualTo(100);
        assertThat(DiscordReplySink.threadName("z".repeat(150), "fallback")).isEqualTo("z".repeat(99) + "…");
    }

    @Test
    void longAnswerArrivesInMessagesOfAtMost2000() throws Exception {
        String answer = longAnswerWithCodeBlock();
        bed.start(new RecordingHandler(new StreamingAnswer(answer)));

        bed.fake.dispatchFixture("message_guild_mention.json");
        bed.fake.awaitRequest(request -> request.is("PATCH", GENERAL_MESSAGES + "/\\d+")
                && bed.fake.requests("PATCH", GENERAL_MESSAGES + "/\\d+").size() == 3, DiscordTestBed.WAIT);

        List<RecordedDiscordRequest> writes = bed.fake.requests().stream()
                .filter(request -> request.path().startsWith(GENERAL_MESSAGES))
                .toList();
        assertThat(writes).hasSize(6);
        assertThat(writes).allSatisfy(request -> assertThat(request.content().length()).isLessThanOrEqualTo(2000));
        List<String> displayed = bed.fake.channelMessages(FakeDiscordServer.GENERAL_CHANNEL_ID);
        assertThat(displayed).hasSize(3);
        assertThat(displayed).allSatisfy(message -> assertThat(fenceCount(message) % 2).isZero());
        // JDA trims each message's content, as Discord itself does.
        List<String> expected = StreamingAnswer.parts(answer, 1996).stream()
                .map(part -> DiscordMarkdownFormat.INSTANCE.render(part).strip())
                .toList();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(displayed.get(i)).as("message %d", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void rateLimitedPostIsRetriedByJda() throws Exception {
        bed.fake.rateLimitNext("POST", GENERAL_MESSAGES, 1);
        bed.start(new RecordingHandler(new StreamingAnswer("Delivered after the rate limit.")));

        bed.fake.dispatchFixture("message_guild_mention.json");
        bed.fake.awaitRequest("PATCH", GENERAL_MESSAGES + "/\\d+", DiscordTestBed.WAIT);

        List<RecordedDiscordRequest> posts = bed.fake.requests("POST", GENERAL_MESSAGES);
        assertThat(posts).extracting(RecordedDiscordRequest::status).containsExactly(429, 200);
        assertThat(posts.get(1).content()).isEqualTo(posts.get(0).content());
        Duration waited = Duration.between(posts.get(0).receivedAt(), posts.get(1).receivedAt());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(bed.fake.channelMessages(FakeDiscordServer.GENERAL_CHANNEL_ID))
                .containsExactly("Delivered after the rate limit.");
    }

    @Test
    void sinkReportsDiscordErrorCode() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        bed.start(handler);
        bed.fake.dispatchFixture("message_guild_mention.json");
        ReplySink sink = handler.next(DiscordTestBed.WAIT).sink();
        SentMessage sent = sink.send(new OutboundText("first", true));
        bed.fake.failNext("PATCH", GENERAL_MESSAGES + "/\\d+", 1, 403, 50013, "Missing Permissions");

        assertThatThrownBy(() -> sink.edit(sent, new OutboundText("second", true)))
                .isExactlyInstanceOf(SinkException.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("50013");
    }

    @Test
    void sinkRejectsContentOverTheLimit() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        bed.start(handler);
        bed.fake.dispatchFixture("message_guild_mention.json");
        ReplySink sink = handler.next(DiscordTestBed.WAIT).sink();

        assertThatThrownBy(() -> sink.send(new OutboundText("x".repeat(2001), true)))
                .isExactlyInstanceOf(SinkException.class);
        assertThat(bed.fake.requests("POST", GENERAL_MESSAGES)).isEmpty();
    }

    @Test
    void sinkLaterSendsAreNotReplies() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        bed.start(handler);
        bed.fake.dispatchFixture("message_guild_mention.json");
        ReplySink sink = handler.next(DiscordTestBed.WAIT).sink();

        sink.send(new OutboundText("part one", true));
        sink.send(new OutboundText("part two", true));

        List<RecordedDiscordRequest> posts = bed.fake.requests("POST", GENERAL_MESSAGES);
        assertThat(posts).extracting(RecordedDiscordRequest::content).containsExactly("part one", "part two");
        assertThat(posts.get(0).body().has("message_reference")).isTrue();
        assertThat(posts.get(1).body().has("message_reference")).isFalse();
        assertThat(posts.get(1).body().path("allowed_mentions").path("parse")).isEmpty();
    }

    @Test
    void sinkPacingAndFormatFitDiscord() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        bed.start(handler);

        bed.fake.dispatchFixture("message_guild_mention.json");
        ReplySink guild = handler.next(DiscordTestBed.WAIT).sink();
        bed.fake.dispatchFixture("message_dm.json");
        ReplySink direct = handler.next(DiscordTestBed.WAIT).sink();

        assertThat(guild.minEditInterval()).isEqualTo(Duration.ofMillis(1200));
        assertThat(direct.minEditInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(guild.typingDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(guild.format().maxLength()).isEqualTo(2000);
    }

    private static String longAnswerWithCodeBlock() {
        StringBuilder text = new StringBuilder("Here is a long explanation.\n\n");
        while (text.length() < 1800) {
            text.append("Quicksort picks a pivot and partitions the array around it. ");
        }
        text.append("\n```java\n");
        while (text.length() < 2600) {
            text.append("int pivot = array[high]; // choose the last element\n");
        }
        text.append("```\n");
        while (text.length() < 5000) {
            text.append("Each recursive call sorts a smaller part. ");
        }
        return text.substring(0, 5000);
    }

    private static int fenceCount(String text) {
        return text.split("```", -1).length - 1;
    }
}
