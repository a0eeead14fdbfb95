package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void openAiShapeKeepsTypeAndCode() {
        ErrorBody body = ErrorBody.parse("application/json", Fixtures.read("openai/error_404_model.json"), "", JSON);

        assertThat(body).isEqualTo(new ErrorBody(
                "The model `gpt-4o-mini-typo` does not exist or you do not have access to it.",
                "invalid_request_error", "model_not_found", true, false));
    }

    @Test
    void relayShapeDropsNumericCode() {
        ErrorBody body = ErrorBody.parse("application/json",
                Fixtures.read("openai/error_500_relay_nonstandard.json"), "", JSON);

        assertThat(body).isEqualTo(new ErrorBody("524 status code (no body)", null, null, false, false));
    }

    @Test
    void errorAsStringIsTheMessage() {
        ErrorBody body = ErrorBody.parse(null, "{\"error\":\"no channel for model\"}", "", JSON);

        assertThat(body).isEqualTo(new ErrorBody("no channel for model", null, null, true, false));
    }

    @Test
    void htmlKeepsOnlyTheTitle() {
        ErrorBody body = ErrorBody.parse("text/html", Fixtures.read("openai/error_502_cloudflare.html"), "", JSON);

        assertThat(body.message()).isEqualTo("Bad Gateway (HTML error page)");
        assertThat(body.htmlPage()).isTrue();
    }

    @Test
    void htmlWithoutTitleUsesHeadingThenReason() {
        assertThat(ErrorBody.parse("text/html", "<body><h1>Gateway &amp; Timeout</h1></body>", "", JSON).message())
                .isEqualTo("Gateway & Timeout (HTML error page)");
        assertThat(ErrorBody.parse("text/html", "<body>oops</body>", "Bad Gateway", JSON).message())
                .isEqualTo("Bad Gateway (HTML error page)");
    }

    @Test
    void emptyBodyUsesReasonPhrase() {
        assertThat(ErrorBody.parse(null, "  ", "Service Unavailable", JSON).message()).isEqualTo("Service Unavailable");
        assertThat(ErrorBody.parse(null, "", "", JSON).message()).isEqualTo("empty response body");
    }

    @Test
    void brokenJsonIsPlainText() {
        assertThat(ErrorBody.parse("application/json", "{\"error\": ", "", JSON).message()).isEqualTo("{\"error\":");
    }

    @Test
    void capKeepsSurrogatePairsWhole() {
        String text = "a".repeat(ErrorBody.MAX_MESSAGE_CHARS - 2) + "😊😊😊";

        String capped = ErrorBody.cap(text);

        assertThat(capped).isEqualTo("a".repeat(ErrorBody.MAX_MESSAGE_CHARS - 2) + "…");
    }
}
