package io.chatbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.testing.FakeDiscordServer;
import io.chatbridge.testing.RecordedDiscordRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slash commands from the gateway: deferral, mapping and answers through the interaction webhook. */
class DiscordSlashCommandTest {

    private static final String TOKEN = "INTERACTION_TOKEN_PLACEHOLDER";
    private static final String WEBHOOK = "webhooks/" + FakeDiscordServer.BOT_USER_ID + "/" + TOKEN;
    private static final String ORIGINAL = WEBHOOK + "/messages/@original";

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
    void chatIsDeferredBeforeHandlerRuns() throws Exception {
        String answer = "向量数据库存储向量。它按相似度检索。常用于语义搜索。";
        AtomicReference<List<RecordedDiscordRequest>> seenByHandler = new AtomicReference<>();
        RecordingHandler handler = new RecordingHandler((message, sink) -> {
            seenByHandler.set(bed.fake.requests());
            return new StreamingAnswer(answer).apply(message, sink);
        });
        bed.start(handler);

        JsonNode interaction = bed.fake.dispatchFixture("interaction_slash_chat.json");
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        String callbackPath = "interactions/" + interaction.path("id").asText() + "/" + TOKEN + "/callback";
        List<RecordedDiscordRequest> callbacks = seenByHandler.get().stream()
                .filter(request -> request.is("POST", callbackPath))
                .toList();
        assertThat(callbacks).hasSize(1);
        assertThat(callbacks.get(0).body().path("type").asInt()).isEqualTo(5);

        assertThat(message.text()).isEqualTo("用三句话解释什么是向量数据库");
        assertThat(message.mentionsBot()).isTrue();
        assertThat(message.repliesToBot()).isFalse();
        assertThat(message.direct()).isFalse();
        assertThat(message.chatId()).isEqualTo(FakeDiscordServer.GENERAL_CHANNEL_ID);
        assertThat(message.threadId()).isNull();
        assertThat(message.messageId()).isEqualTo(interaction.path("id").asText());
        assertThat(message.sender().id()).isEqualTo("1300000000000000011");
        assertThat(message.sender().displayName()).isEqualTo("小王");
        assertThat(message.sender().languageCode()).isEqualTo("zh-CN");
        assertThat(message.chatLocale()).isEqualTo("zh-CN");
        assertThat(message.botUsername()).isEqualTo("ChatBridge");

        bed.fake.awaitRequest(request -> request.is("PATCH", ORIGINAL) && answer.equals(request.content()),
                DiscordTestBed.WAIT);
        assertThat(bed.fake.requests("PATCH", ORIGINAL)).extracting(RecordedDiscordRequest::content)
                .containsExactly(answer.substring(0, answer.length() / 2), answer);
        assertThat(bed.fake.channelMessages(FakeDiscordServer.GENERAL_CHANNEL_ID)).containsExactly(answer);
    }

    @Test
    void longInteractionAnswerContinuesInFollowUp() throws Exception {
        String answer = "a".repeat(1996) + "b".repeat(1000);
        bed.start(new RecordingHandler(new StreamingAnswer(answer)));

        bed.fake.dispatchFixture("interaction_slash_chat.json");
        bed.fake.awaitRequest("PATCH", WEBHOOK + "/messages/\\d+", DiscordTestBed.WAIT);

        assertThat(bed.fake.requests("POST", WEBHOOK)).hasSize(1);
        assertThat(bed.fake.requests("POST", WEBHOOK).get(0).query()).isEqualTo("wait=true");
        assertThat(bed.fake.channelMessages(FakeDiscordServer.GENERAL_CHANNEL_ID))
                .containsExactly("a".repeat(1996), "b".repeat(1000));
    }

    @Test
    void unansweredCommandRemovesThinkingResponse() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        bed.start(handler);

        bed.fake.dispatch("INTERACTION_CREATE", command("reset", null));
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.text()).isEqualTo("/reset");
        RecordedDiscordRequest delete = bed.fake.awaitRequest("DELETE", ORIGINAL, DiscordTestBed.WAIT);
        assertThat(delete.status()).isEqualTo(204);
    }

    @Test
    void systemCommandCarriesItsText() throws Exception {
        RecordingHandler handler = new RecordingHandler((message, sink) -> new CompletableFuture<>());
        bed.start(handler);

        bed.fake.dispatch("INTERACTION_CREATE", command("system", "  Be brief. "));
        InboundMessage message = handler.next(DiscordTestBed.WAIT).message();

        assertThat(message.text()).isEqualTo("/system Be brief.");
        assertThat(message.mentionsBot()).isTrue();
    }

    @Test
    void helpCommandIsCommandText() throws Exception {
        RecordingHandler handler = new RecordingHandler((message, sink) -> new CompletableFuture<>());
        bed.start(handler);

        bed.fake.dispatch("INTERACTION_CREATE", command("help", null));

        assertThat(handler.next(DiscordTestBed.WAIT).message().text()).isEqualTo("/help");
    }

    /** Returns the fixture's interaction turned into {@code /name} with an optional {@code text} option. */
    private JsonNode command(String name, String text) {
        ObjectNode interaction = (ObjectNode) bed.fake.fixture("interaction_slash_chat.json").get("d");
        ObjectNode data = (ObjectNode) interaction.get("data");
        data.put("name", name);
        data.remove("options");
        if (text != null) {
            ObjectNode option = data.putArray("options").addObject();
            option.put("name", "text");
            option.put("type", 3);
            option.put("value", text);
        }
        return interaction;
    }
}
