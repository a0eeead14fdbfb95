package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatbridge.testing.OpenAiStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiChatModelErrorTest {

    private final ModelHarness harness = new ModelHarness();

    @AfterEach
    void closeHarness() {
        harness.close();
    }

    static Stream<Arguments> errorFixtures() {
        return Stream.of(
                Arguments.of("openai/error_400_context_length.json", 400, ModelErrorKind.CONTEXT_LENGTH_EXCEEDED,
                        "invalid_request_error", "context_length_exceeded",
                        "This model's maximum context length is 128000 tokens. However, your messages resulted in"
                                + " 130412 tokens. Please reduce the length of the messages. (type:"
                                + " invalid_request_error, code: context_length_exceeded). Lower the prompt token"
                                + " budget or the maximum output tokens."),
                Arguments.of("openai/error_401_invalid_key.json", 401, ModelErrorKind.INVALID_KEY,
                        "invalid_request_error", "invalid_api_key",
                        "Incorrect API key provided: sk-proj-****************************abcd. You can find your"
                                + " API key at https://platform.openai.com/account/api-keys. (type:"
                                + " invalid_request_error, code: invalid_api_key). Check the API key"
                                + " (OPENAI_API_KEY)."),
                Arguments.of("openai/error_404_model.json", 404, ModelErrorKind.MODEL_NOT_FOUND,
                        "invalid_request_error", "model_not_found",
                        "The model `gpt-4o-mini-typo` does not exist or you do not have access to it. (type:"
                                + " invalid_request_error, code: model_not_found). Check the model name"
                                + " (OPENAI_MODEL), which is 'gpt-4o-mini'."),
                Arguments.of("openai/error_429_insufficient_quota.json", 429, ModelErrorKind.QUOTA_EXHAUSTED,
                        "insufficient_quota", "insufficient_quota",
                        "You exceeded your current quota, please check your plan and billing details. For more"
                                + " information on this error, read the docs:"
                                + " https://platform.openai.com/docs/guides/error-codes/api-errors. (type:"
                                + " insufficient_quota, code: insufficient_quota). Add credit to the account or"
                                + " use another API key."),
                Arguments.of("openai/error_429_rate_limit_tokens.json", 429, ModelErrorKind.RATE_LIMITED,
                        "tokens", "rate_limit_exceeded",
                        "Rate limit reached for gpt-4o-mini in organization org-EXAMPLE on tokens per min (TPM):"
                                + " Limit 200000, Used 199500, Requested 1200. Please try again in 210ms. Visit"
                                + " https://platform.openai.com/account/rate-limits to learn more. (type: tokens,"
                                + " code: rate_limit_exceeded)."),
                Arguments.of("openai/error_500_relay_nonstandard.json", 500, ModelErrorKind.UPSTREAM_UNAVAILABLE,
                        null, null, "524 status code (no body)."),
                Arguments.of("openai/error_502_cloudflare.html", 502, ModelErrorKind.UPSTREAM_UNAVAILABLE,
                        null, null, "Bad Gateway (HTML error page)."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorFixtures")
    void errorFixtureMapsToKind(String fixture, int status, ModelErrorKind kind, String type, String code,
            String upstreamMessage) {
        harness.server.enqueueFixture(status, fixture, Map.of());

        ModelException error = failure(harness.model(ModelHarness.withRetries(harness.settings(), 0)));

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.errorType()).isEqualTo(type);
        assertThat(error.errorCode()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo("HTTP " + status + " from " + harness.host() + ": " + upstreamMessage);
        assertThat(error.partialText()).isEmpty();
        assertThat(error.getMessage()).doesNotContain(ModelHarness.API_KEY);
        assertThat(harness.deltas).isEmpty();
    }

    @Test
    void htmlPageBecomesReadableMessage() {
        harness.server.enqueueFixture(502, "openai/error_502_cloudflare.html", Map.of());

        ModelException error = failure(harness.model(ModelHarness.withRetries(harness.settings(), 0)));

        assertThat(error.getMessage())
                .isEqualTo("HTTP 502 from " + harness.host() + ": Bad Gateway (HTML error page).");
        assertThat(error.getMessage()).doesNotContain("<", ">", "cloudflare");
    }

    @Test
    void cloudflareTitleKeepsOnlyTheError() {
        harness.server.enqueueError(502, "<!DOCTYPE html><html><head><title>api.example.com | 502: Bad gateway"
                + "</title></head><body>" + "x".repeat(5000) + "</body></html>", Map.of());

        ModelException error = failure(harness.model(ModelHarness.withRetries(harness.settings(), 0)));

        assertThat(error.getMessage())
                .isEqualTo("HTTP 502 from " + harness.host() + ": Bad gateway (HTML error page).");
    }

    @Test
    void longPlainBodyIsCut() {
        harness.server.enqueueError(503, "upstream overloaded " + "y".repeat(2000), Map.of());

        ModelException error = failure(harness.model(ModelHarness.withRetries(harness.settings(), 0)));

        String prefix = "HTTP 503 from " + harness.host() + ": ";
        assertThat(error.kind()).isEqualTo(ModelErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(error.getMessage()).startsWith(prefix + "upstream overloaded yyy");
        assertThat(error.getMessage()).hasSize(prefix.length() + ErrorBody.MAX_MESSAGE_CHARS + 1);
        assertThat(error.getMessage()).endsWith("….");
    }

    @Test
    void paymentRequiredIsQuota() {
        harness.server.enqueueError(402, "{\"error\":{\"message\":\"Insufficient balance\",\"type\":\"billing\"}}",
                Map.of());

        ModelException error = failure(harness.model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.QUOTA_EXHAUSTED);
        assertThat(harness.server.requestCount()).isEqualTo(1);
    }

    @Test
    void forbiddenIsInvalidKey() {
        harness.server.enqueueError(403, "{\"error\":{\"message\":\"Country not supported\"}}", Map.of());

        assertThat(failure(harness.model()).kind()).isEqualTo(ModelErrorKind.INVALID_KEY);
    }

    @Test
    void unprocessableIsBadRequest() {
        harness.server.enqueueError(422, "{\"detail\":\"temperature must be at most 2\"}", Map.of());

        ModelException error = failure(harness.model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.BAD_REQUEST);
        assertThat(error.getMessage())
                .isEqualTo("HTTP 422 from " + harness.host() + ": temperature must be at most 2.");
        assertThat(harness.server.requestCount()).isEqualTo(1);
    }

    @Test
    void notFoundPageIsWrongBaseUrl() {
        harness.server.enqueueError(404, "<html><head><title>404 Not Found</title></head></html>", Map.of());

        ModelException error = failure(harness.model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.BAD_REQUEST);
        assertThat(error.getMessage()).isEqualTo("HTTP 404 from " + harness.host() + ": Not Found (HTML error page)."
                + " Check the base URL (OPENAI_BASE_URL); it usually ends in /v1.");
    }

    @Test
    void unknownPathIsWrongBaseUrl() {
        var settings = ModelHarness.withRetries(harness.settings(), 0);
        var wrongPath = ModelHarness.settings("http://127.0.0.1:" + harness.server.port() + "/api",
                ModelHarness.API_KEY, 0, settings.firstTokenTimeout(), settings.idleTimeout(), null);

        ModelException error = failure(harness.model(wrongPath));

        assertThat(error.kind()).isEqualTo(ModelErrorKind.BAD_REQUEST);
        assertThat(error.errorCode()).isEqualTo("unknown_url");
        assertThat(error.getMessage()).endsWith("Check the base URL (OPENAI_BASE_URL); it usually ends in /v1.");
    }

    @Test
    void errorMidwayIsBrokenWithPartialText() {
        harness.server.enqueueFixture("openai/stream_error_midway.sse");

        ModelException error = failure(harness.model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.STREAM_BROKEN);
        assertThat(error.partialText()).isEqualTo("Partial answer");
        assertThat(error.httpStatus()).isEqualTo(200);
        assertThat(error.errorType()).isEqualTo("server_error");
        assertThat(error.errorCode()).isNull();
        assertThat(error.getMessage()).isEqualTo("The stream from " + harness.host() + " reported an error after 14"
                + " characters of answer text: The server had an error while processing your request. Sorry about"
                + " that! (type: server_error).");
        assertThat(harness.deltas).containsExactly("Partial", " answer");
        assertThat(harness.server.requestCount()).isEqualTo(1);
    }

    @Test
    void errorEventBeforeTextMapsToKind() {
        harness.server.enqueueStream(OpenAiStreams.event("{\"error\":{\"message\":\"Rate limit reached\","
                + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));

        ModelException error = failure(harness.model(ModelHarness.withRetries(harness.settings(), 0)));

        assertThat(error.kind()).isEqualTo(ModelErrorKind.RATE_LIMITED);
        assertThat(error.httpStatus()).isEqualTo(200);
        assertThat(error.errorCode()).isEqualTo("rate_limit_exceeded");
        assertThat(error.partialText()).isEmpty();
        assertThat(error.getMessage()).isEqualTo("The stream from " + harness.host() + " reported an error before any"
                + " answer text: Rate limit reached (type: requests, code: rate_limit_exceeded).");
    }

    @Test
    void namedErrorEventIsAnError() {
        harness.server.enqueueStream("event: error\ndata: upstream channel closed\n\n");

        ModelException error = failure(harness.model(ModelHarness.withRetries(harness.settings(), 0)));

        assertThat(error.kind()).isEqualTo(ModelErrorKind.STREAM_BROKEN);
        assertThat(error.getMessage()).endsWith("before any answer text: upstream channel closed.");
    }

    @Test
    void jsonErrorWithStatus200IsAnError() {
        harness.server.enqueueError(200, "{\"error\":{\"message\":\"You exceeded your current quota\","
                + "\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}", Map.of());

        ModelException error = failure(harness.model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.QUOTA_EXHAUSTED);
        assertThat(harness.server.requestCount()).isEqualTo(1);
    }

    @Test
    void htmlPageWithStatus200IsWrongBaseUrl() {
        harness.server.enqueueError(200, "<html><head><title>Relay dashboard</title></head></html>", Map.of());

        ModelException error = failure(harness.model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.BAD_REQUEST);
        assertThat(error.getMessage()).isEqualTo("HTTP 200 from " + harness.host() + " is an HTML page, not an event"
                + " stream: Relay dashboard (HTML error page). Check the base URL (OPENAI_BASE_URL); it usually"
                + " ends in /v1.");
    }

    @Test
    void chunkThatIsNotJsonIsBroken() {
        harness.server.enqueueStream(OpenAiStreams.event(Chunks.text("Hi")) + "data: {oops\n\n");

        ModelException error = failure(harness.model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.STREAM_BROKEN);
        assertThat(error.partialText()).isEqualTo("Hi");
        assertThat(error.getMessage()).isEqualTo("The response from " + harness.host()
                + " has a stream event that is not JSON: {oops");
    }

    @Test
    void keyEchoedByRelayIsRedacted() {
        harness.server.enqueueError(401, "{\"error\":{\"message\":\"Invalid token: " + ModelHarness.API_KEY
                + "\",\"type\":\"new_api_error\"}}", Map.of());

        ModelException error = failure(harness.model());

        assertThat(error.getMessage()).doesNotContain(ModelHarness.API_KEY);
        assertThat(error.getMessage()).contains("Invalid token: ***");
    }

    @Test
    void keyIsAbsentFromEveryFailureMessage() throws Exception {
        harness.server.enqueueFixture(400, "openai/error_400_context_length.json", Map.of());
        harness.server.enqueueFixture(401, "openai/error_401_invalid_key.json", Map.of());
        harness.server.enqueueFixture(404, "openai/error_404_model.json", Map.of());
        harness.server.enqueueFixture(429, "openai/error_429_insufficient_quota.json", Map.of());
        harness.server.enqueueFixture(429, "openai/error_429_rate_limit_tokens.json", Map.of());
        harness.server.enqueueFixture(500, "openai/error_500_relay_nonstandard.json", Map.of());
        harness.server.enqueueFixture(502, "openai/error_502_cloudflare.html", Map.of());
        harness.server.enqueueFixture("openai/stream_error_midway.sse");
        harness.server.enqueueDisconnect(OpenAiStreams.event(Chunks.text("Half")));
        harness.server.enqueueStream(OpenAiStreams.event(Chunks.text("Cut")));
        OpenAiChatModel model = harness.model(ModelHarness.withRetries(harness.settings(), 0));
        OpenAiChatModel unreachable = harness.model(ModelHarness.settings(
                "http://127.0.0.1:" + ModelHarness.closedPort() + "/v1", ModelHarness.API_KEY, 0,
                harness.settings().firstTokenTimeout(), harness.settings().idleTimeout(), null));

        List<ModelException> errors = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            errors.add(failure(model));
        }
        errors.add(failure(unreachable));

        assertThat(errors).hasSize(11).doesNotContainNull();
        for (ModelException error : errors) {
            assertThat(error.getMessage()).as(error.kind().name()).doesNotContain(ModelHarness.API_KEY);
            assertThat(error.toString()).as(error.kind().name()).doesNotContain(ModelHarness.API_KEY);
        }
        assertThat(harness.server.requests()).allSatisfy(request ->
                assertThat(request.header("Authorization")).isEqualTo("Bearer " + ModelHarness.API_KEY));
    }

    private ModelException failure(OpenAiChatModel model) {
        return catchThrowableOfType(ModelException.class, () -> harness.ask(model, "hi"));
    }
}
