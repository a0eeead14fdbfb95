package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatbridge.testing.Fixtures;
import io.chatbridge.testing.OpenAiStreams;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiChatModelRetryTest {

    private final ModelHarness harness = new ModelHarness();

    @AfterEach
    void closeHarness() {
        harness.close();
    }

    @Test
    void rateLimitWaitsRetryAfterMsThenSucceeds() throws Exception {
        harness.server.enqueueFixture(429, "openai/error_429_rate_limit_tokens.json",
                Fixtures.headers("openai/headers_429.txt"));
        harness.server.enqueueStreamOfText("Second time lucky.", 20, 5);

        ChatCompletion completion = harness.ask(harness.model(), "hi");

        assertThat(completion.text()).isEqualTo("Second time lucky.");
        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofMillis(210));
        assertThat(harness.server.requestCount()).isEqualTo(2);
        assertThat(completion.timeToFirstToken()).isEqualTo(Duration.ofMillis(210));
        assertThat(completion.totalTime()).isEqualTo(Duration.ofMillis(210));
    }

    @Test
    void retryAfterSecondsIsUsedWithoutMs() throws Exception {
        harness.server.enqueueFixture(429, "openai/error_429_rate_limit_tokens.json", Map.of("retry-after", "2"));

        ChatCompletion completion = harness.ask(harness.model(), "hi");

        assertThat(completion.text()).isEqualTo("This is a test!");
        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterHttpDateIsUsed() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                harness.clock.instant().plusSeconds(7).atOffset(ZoneOffset.UTC));
        harness.server.enqueueError(503, "Service Unavailable", Map.of("retry-after", date));

        harness.ask(harness.model(), "hi");

        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterIsCappedAtOneMinute() throws Exception {
        harness.server.enqueueFixture(429, "openai/error_429_rate_limit_tokens.json", Map.of("retry-after", "3600"));

        harness.ask(harness.model(), "hi");

        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void retryAfterIsKeptOnTheException() {
        harness.server.enqueueFixture(429, "openai/error_429_rate_limit_tokens.json",
                Fixtures.headers("openai/headers_429.txt"));

        ModelException error = failure(harness.model(ModelHarness.withRetries(harness.settings(), 0)));

        assertThat(error.kind()).isEqualTo(ModelErrorKind.RATE_LIMITED);
        assertThat(error.retryAfter()).isEqualTo(Duration.ofMillis(210));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "openai/error_429_insufficient_quota.json, 429, QUOTA_EXHAUSTED",
        "openai/error_401_invalid_key.json, 401, INVALID_KEY",
        "openai/error_404_model.json, 404, MODEL_NOT_FOUND",
        "openai/error_400_context_length.json, 400, CONTEXT_LENGTH_EXCEEDED",
    })
    void permanentErrorIsNeverRetried(String fixture, int status, ModelErrorKind kind) {
        harness.server.enqueueFixture(status, fixture, Map.of("retry-after-ms", "100"));

        ModelException error = failure(harness.model(ModelHarness.withRetries(harness.settings(), 3)));

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(harness.server.requestCount()).isEqualTo(1);
        assertThat(harness.sleeper.waits()).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedUpToMaxRetries() {
        for (int i = 0; i < 4; i++) {
            harness.server.enqueueFixture(500, "openai/error_500_relay_nonstandard.json", Map.of());
        }

        ModelException error = failure(harness.model(ModelHarness.withRetries(harness.settings(), 2)));

        assertThat(error.kind()).isEqualTo(ModelErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(harness.server.requestCount()).isEqualTo(3);
        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(harness.server.pendingReplies()).isEqualTo(1);
    }

    @Test
    void backoffDoublesWithJitter() {
        for (int i = 0; i < 4; i++) {
            harness.server.enqueueFixture(502, "openai/error_502_cloudflare.html", Map.of());
        }
        OpenAiChatModel model = new OpenAiChatModel(ModelHarness.withRetries(harness.settings(), 3), harness.client,
                harness.clock, harness.sleeper, OpenAiChatModel.QUARTER_OF_CODE_POINTS, () -> 0.5);

        failure(model);

        assertThat(harness.sleeper.waits())
                .containsExactly(Duration.ofMillis(450), Duration.ofMillis(900), Duration.ofMillis(1800));
    }

    @Test
    void serverErrorThenSuccessReturnsTheAnswer() throws Exception {
        harness.server.enqueueFixture(502, "openai/error_502_cloudflare.html", Map.of());
        harness.server.enqueueFixture("openai/stream_say_test_with_usage.sse");

        ChatCompletion completion = harness.ask(harness.model(), "hi");

        assertThat(completion.text()).isEqualTo("This is a test!");
        assertThat(harness.deltas).containsExactly("This", " is", " a", " test", "!");
        assertThat(harness.server.requestCount()).isEqualTo(2);
    }

    @Test
    void errorEventBeforeTextIsRetried() throws Exception {
        harness.server.enqueueStream(OpenAiStreams.event("{\"error\":{\"message\":\"Overloaded\","
                + "\"type\":\"server_error\",\"code\":null}}"));
        harness.server.enqueueStreamOfText("Fine now.", 10, 3);

        ChatCompletion completion = harness.ask(harness.model(), "hi");

        assertThat(completion.text()).isEqualTo("Fine now.");
        assertThat(harness.server.requestCount()).isEqualTo(2);
    }

    @Test
    void brokenStreamAfterTextIsNotRetried() {
        harness.server.enqueueDisconnect(OpenAiStreams.event(Chunks.text("Once")));
        harness.server.enqueueStreamOfText("Twice", 1, 1);

        ModelException error = failure(harness.model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.STREAM_BROKEN);
        assertThat(harness.deltas).containsExactly("Once");
        assertThat(harness.server.requestCount()).isEqualTo(1);
        assertThat(harness.sleeper.waits()).isEmpty();
    }

    @Test
    void streamEndingBeforeTextIsRetried() throws Exception {
        harness.server.enqueueStream(OpenAiStreams.event("{\"id\":\"c1\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}"));
        harness.server.enqueueStreamOfText("Complete.", 1, 1);

        ChatCompletion completion = harness.ask(harness.model(), "hi");

        assertThat(completion.text()).isEqualTo("Complete.");
        assertThat(harness.server.requestCount()).isEqualTo(2);
    }

    private ModelException failure(OpenAiChatModel model) {
        return catchThrowableOfType(ModelException.class, () -> harness.ask(model, "hi"));
    }
}
