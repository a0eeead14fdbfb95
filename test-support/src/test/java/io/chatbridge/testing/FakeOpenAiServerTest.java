package io.chatbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeOpenAiServerTest {

    private static final String STREAM_REQUEST =
            "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"abcdefgh\"}]}";

    private final FakeOpenAiServer server = new FakeOpenAiServer();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void closeServer() {
        server.close();
        http.close();
    }

    @Test
    void baseUrlIsLoopbackWithVersionPath() {
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
    }

    @Test
    void defaultResponderStreamsDefaultAnswer() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", STREAM_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        // "abcdefgh" is 8 code points (2 tokens); the answer has 15 (4 tokens).
        assertThat(response.body()).isEqualTo(OpenAiStreams.text(FakeOpenAiServer.DEFAULT_ANSWER, 2, 4));
    }

    @Test
    void defaultResponderUsesChosenAnswer() throws Exception {
        server.answerWith(request -> "Echo: " + request.path("messages").path(0).path("content").asText());

        HttpResponse<String> response = post("/v1/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(OpenAiStreams.completion("Echo: hi", 1, 2));
    }

    @Test
    void unknownPathGets404() throws Exception {
        HttpResponse<String> response = post("/v1/completions", STREAM_REQUEST);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"unknown_url\"");
    }

    @Test
    void scriptedRepliesGoInOrderThenDefault() throws Exception {
        server.enqueueError(429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("retry-after-ms", "210"));
        server.enqueueFixture(502, "openai/error_502_cloudflare.html", Map.of());
        server.enqueueFixture("openai/stream_relay_no_space.sse");

        HttpResponse<String> first = post("/v1/chat/completions", STREAM_REQUEST);
        HttpResponse<String> second = post("/v1/chat/completions", STREAM_REQUEST);
        HttpResponse<String> third = post("/v1/chat/completions", STREAM_REQUEST);
        HttpResponse<String> fourth = post("/v1/chat/completions", STREAM_REQUEST);

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("retry-after-ms")).hasValue("210");
        assertThat(first.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(second.statusCode()).isEqualTo(502);
        assertThat(second.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(second.body()).isEqualTo(Fixtures.read("openai/error_502_cloudflare.html"));
        assertThat(third.body()).isEqualTo(Fixtures.read("openai/stream_relay_no_space.sse"));
        assertThat(fourth.body()).endsWith("data: [DONE]\n\n");
        assertThat(server.pendingReplies()).isZero();
    }

    @Test
    void requestsAreRecordedInOrder() throws Exception {
        post("/v1/chat/completions", STREAM_REQUEST);
        post("/v1/other", "not json");

        assertThat(server.requestCount()).isEqualTo(2);
        CapturedRequest first = server.awaitRequest(Duration.ofSeconds(5));
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/chat/completions");
        assertThat(first.header("authorization")).isEqualTo("Bearer sk-test-placeholder");
        assertThat(first.jsonBody().path("model").asText()).isEqualTo("gpt-4o-mini");
        CapturedRequest second = server.awaitRequest(Duration.ofSeconds(5));
        assertThat(second.path()).isEqualTo("/v1/other");
        assertThat(second.json()).isNull();
        assertThat(second.body()).isEqualTo("not json");
        assertThat(server.requests()).containsExactly(first, second);
    }

    @Test
    void awaitRequestFailsWhenNoneArrives() {
        assertThatThrownBy(() -> server.awaitRequest(Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("No request reached the fake OpenAI server within PT0.05S; 0 arrived in total");
    }

    @Test
    void stallSendsPartialDataAndEndsOnClose() throws Exception {
        server.enqueueStall("data: {}\n\n", Duration.ofSeconds(30));
        HttpResponse<InputStream> response = http.send(request("/v1/chat/completions", STREAM_REQUEST),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();

        byte[] partial = body.readNBytes("data: {}\n\n".length());
        long started = System.nanoTime();
        server.close();
        try {
            body.readAllBytes();
        } catch (IOException expected) {
            // Closing may reset the connection instead of ending the body; either way the stall is over.
        }

        assertThat(new String(partial, StandardCharsets.UTF_8)).isEqualTo("data: {}\n\n");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void holdLongerThanOneMinuteIsRejected() {
        assertThatThrownBy(() -> server.enqueueStall("", Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("holdFor must be positive and at most PT1M, was PT2M");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer sk-test-placeholder")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
