package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.testing.CapturedRequest;
import io.chatbridge.testing.OpenAiStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiChatModelStreamTest {

    private final ModelHarness harness = new ModelHarness();

    @AfterEach
    void closeHarness() {
        harness.close();
    }

    @Test
    void sayTestStreamGivesTextAndUsage() throws Exception {
        harness.server.enqueueFixture("openai/stream_say_test_with_usage.sse");

        ChatCompletion completion = harness.ask(harness.model(), "Say this is a test");

        assertThat(harness.deltas).containsExactly("This", " is", " a", " test", "!");
        assertThat(completion.text()).isEqualTo("This is a test!");
        assertThat(completion.usage()).isEqualTo(new Usage(13, 0, 5, false));
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.upstream()).isEqualTo("127.0.0.1");
    }

    @Test
    void relayStreamWithoutSpaceAfterColon() throws Exception {
        harness.server.enqueueFixture("openai/stream_relay_no_space.sse");

        ChatCompletion completion = harness.ask(harness.model(), "Say this is a test");

        assertThat(harness.deltas).containsExactly("This", " is", " a", " test", "!");
        assertThat(completion.text()).isEqualTo("This is a test!");
        assertThat(completion.finishReason()).isEqualTo("stop");
    }

    @Test
    void chineseMarkdownStreamKeepsEveryCharacter() throws Exception {
        harness.server.enqueueFixture("openai/stream_zh_markdown_with_usage.sse");

        ChatCompletion completion = harness.ask(harness.model(), "你好");

        assertThat(completion.text()).isEqualTo("你好！我是一个基于 **gpt-4o-mini** 的助手。\n\n"
                + "示例代码：\n```java\nSystem.out.println(\"你好\");\n```\n有问题随时问我 😊");
        assertThat(String.join("", harness.deltas)).isEqualTo(completion.text());
        assertThat(harness.deltas).hasSize(10);
        assertThat(completion.usage()).isEqualTo(new Usage(41, 0, 38, false));
    }

    @Test
    void cachedTokensAreRead() throws Exception {
        String usageChunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
                + "{\"prompt_tokens\":2048,\"completion_tokens\":3,\"total_tokens\":2051,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1920}}}";
        String sse = OpenAiStreams.textWithoutUsage("Yes.").replace(
                OpenAiStreams.event("[DONE]"), OpenAiStreams.event(usageChunk) + OpenAiStreams.event("[DONE]"));
        harness.server.enqueueStream(sse);

        ChatCompletion completion = harness.ask(harness.model(), "Again?");

        assertThat(completion.usage()).isEqualTo(new Usage(2048, 1920, 3, false));
    }

    @Test
    void missingUsageIsEstimatedFromCodePoints() throws Exception {
        harness.server.enqueueFixture("openai/stream_relay_no_space.sse");
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(
                ChatMessage.text(Role.SYSTEM, "Be brief."),
                ChatMessage.text(Role.USER, "Say this is a test")), 0.7, 256);

        ChatCompletion completion = harness.model().stream(request, harness.deltas::add);

        // "Be brief." is 9 code points (3 tokens), the question 18 (5), the answer 15 (4).
        assertThat(completion.usage()).isEqualTo(new Usage(8, 0, 4, true));
    }

    @Test
    void missingUsageUsesGivenEstimatorAndImageTokens() throws Exception {
        harness.server.enqueueStream(OpenAiStreams.textWithoutUsage("abcdef"));
        OpenAiChatModel model = new OpenAiChatModel(harness.settings(), harness.client, harness.clock,
                harness.sleeper, String::length);
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(new ChatMessage(Role.USER, List.of(
                new ContentPart.Text("what is this"),
                new ContentPart.Image("data:image/png;base64,AAAA", "low", 85)))), 0.7, 256);

        ChatCompletion completion = model.stream(request, harness.deltas::add);

        assertThat(completion.usage()).isEqualTo(new Usage(12 + 85, 0, 6, true));
    }

    @Test
    void requestBodyCarriesStreamingFieldsAndImages() throws Exception {
        harness.server.enqueueStreamOfText("A cat.", 100, 3);
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(
                ChatMessage.text(Role.SYSTEM, "You are helpful."),
                new ChatMessage(Role.USER, List.of(
                        new ContentPart.Text("What is in the picture?"),
                        new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", "low", 85)))),
                0.3, 512);

        harness.model().stream(request, harness.deltas::add);

        CapturedRequest sent = harness.server.awaitRequest(Duration.ofSeconds(5));
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + ModelHarness.API_KEY);
        assertThat(sent.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(sent.header("Accept")).isEqualTo("text/event-stream");

        JsonNode body = sent.jsonBody();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();

        JsonNode system = body.path("messages").path(0);
        assertThat(system.path("role").asText()).isEqualTo("system");
        assertThat(system.path("content").isTextual()).isTrue();
        assertThat(system.path("content").asText()).isEqualTo("You are helpful.");

        JsonNode user = body.path("messages").path(1);
        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.path("content").size()).isEqualTo(2);
        assertThat(user.path("content").path(0).path("type").asText()).isEqualTo("text");
        assertThat(user.path("content").path(0).path("text").asText()).isEqualTo("What is in the picture?");
        JsonNode image = user.path("content").path(1);
        assertThat(image.path("type").asText()).isEqualTo("image_url");
        assertThat(image.path("image_url").path("url").asText()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(image.path("image_url").path("detail").asText()).isEqualTo("low");
    }

    @Test
    void blankKeySendsNoAuthorizationHeader() throws Exception {
        var settings = ModelHarness.settings(harness.server.baseUrl(), " ", 0, Duration.ofSeconds(10),
                Duration.ofSeconds(10), null);

        harness.ask(harness.model(settings), "hi");

        assertThat(harness.server.awaitRequest(Duration.ofSeconds(5)).header("Authorization")).isNull();
    }

    @Test
    void trailingSlashInBaseUrlIsTolerated() throws Exception {
        var settings = ModelHarness.settings(harness.server.baseUrl() + "/", ModelHarness.API_KEY, 0,
                Duration.ofSeconds(10), Duration.ofSeconds(10), null);

        ChatCompletion completion = harness.ask(harness.model(settings), "hi");

        assertThat(completion.text()).isEqualTo("This is a test!");
        assertThat(harness.server.awaitRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void invalidBaseUrlIsRejectedWithSettingName() {
        var settings = ModelHarness.settings("api.openai.com/v1", ModelHarness.API_KEY, 0,
                Duration.ofSeconds(10), Duration.ofSeconds(10), null);

        assertThatThrownBy(() -> harness.model(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OpenAI base URL (OPENAI_BASE_URL) must be an http or https URL such as"
                        + " https://api.openai.com/v1, was 'api.openai.com/v1'");
    }

    @Test
    void finishReasonWithoutDoneIsAccepted() throws Exception {
        String sse = OpenAiStreams.textWithoutUsage("Done early.").replace(OpenAiStreams.event("[DONE]"), "");
        harness.server.enqueueStream(sse);

        ChatCompletion completion = harness.ask(harness.model(), "hi");

        assertThat(completion.text()).isEqualTo("Done early.");
        assertThat(completion.finishReason()).isEqualTo("stop");
    }

    @Test
    void lengthFinishReasonIsReported() throws Exception {
        String sse = OpenAiStreams.text("Cut", 5, 1)
                .replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"length\"");
        harness.server.enqueueStream(sse);

        ChatCompletion completion = harness.ask(harness.model(), "hi");

        assertThat(completion.finishReason()).isEqualTo("length");
    }

    @Test
    void streamEndingWithoutFinishReasonIsBroken() throws Exception {
        String sse = OpenAiStreams.event(Chunks.text("Hello")) + OpenAiStreams.event(Chunks.text(" wor"));
        harness.server.enqueueStream(sse);

        assertThatThrownBy(() -> harness.ask(harness.model(), "hi"))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelErrorKind.STREAM_BROKEN);
                    assertThat(e.partialText()).isEqualTo("Hello wor");
                    assertThat(e.getMessage()).isEqualTo("The stream from " + harness.host()
                            + " ended after 9 characters of answer text, without a finish_reason or [DONE].");
                });
        assertThat(harness.deltas).containsExactly("Hello", " wor");
        assertThat(harness.server.requestCount()).isEqualTo(1);
    }

    @Test
    void droppedConnectionAfterTextIsBroken() throws Exception {
        harness.server.enqueueDisconnect(OpenAiStreams.event(Chunks.text("Half an")));

        assertThatThrownBy(() -> harness.ask(harness.model(), "hi"))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelErrorKind.STREAM_BROKEN);
                    assertThat(e.partialText()).isEqualTo("Half an");
                    assertThat(e.getMessage()).startsWith("The stream from " + harness.host()
                            + " broke after 7 characters of answer text: ");
                });
        assertThat(harness.server.requestCount()).isEqualTo(1);
    }

    @Test
    void nonStreamedCompletionIsAccepted() throws Exception {
        harness.server.enqueueFixture("openai/completion_say_test.json");

        ChatCompletion completion = harness.ask(harness.model(), "Say this is a test");

        assertThat(harness.deltas).containsExactly("This is a test!");
        assertThat(completion.usage()).isEqualTo(new Usage(13, 0, 5, false));
        assertThat(completion.finishReason()).isEqualTo("stop");
    }

    @Test
    void streamLabelledAsJsonIsStillRead() throws Exception {
        harness.server.enqueueError(200, OpenAiStreams.text("Mislabelled.", 4, 3), Map.of("content-type",
                "application/json"));

        ChatCompletion completion = harness.ask(harness.model(), "hi");

        assertThat(completion.text()).isEqualTo("Mislabelled.");
        assertThat(completion.usage()).isEqualTo(new Usage(4, 0, 3, false));
    }

    @Test
    void commentsAndNamedEventsAreSkipped() throws Exception {
        String sse = ": keep-alive\n\n" + "event: message\r\ndata: " + Chunks.text("Hi") + "\r\n\r\n"
                + "data: " + Chunks.finish() + "\n\n" + "data: [DONE]";
        harness.server.enqueueStream(sse);

        ChatCompletion completion = harness.ask(harness.model(), "hi");

        assertThat(completion.text()).isEqualTo("Hi");
    }

    @Test
    void timingsComeFromTheInjectedClock() throws Exception {
        harness.server.enqueueFixture("openai/stream_say_test_with_usage.sse");
        List<String> seen = new ArrayList<>();

        ChatCompletion completion = harness.model().stream(ModelHarness.request("hi"), delta -> {
            seen.add(delta);
            harness.clock.advance(Duration.ofMillis(100));
        });

        assertThat(seen).hasSize(5);
        // The first text arrives before any delta advanced the clock; each delta adds 100 ms.
        assertThat(completion.timeToFirstToken()).isEqualTo(Duration.ZERO);
        assertThat(completion.totalTime()).isEqualTo(Duration.ofMillis(500));
    }
}
