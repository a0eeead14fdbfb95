package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.config.OpenAiSettings;
import io.chatbridge.config.ProxySpec;
import java.net.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiChatModelCheckTest {

    private final ModelHarness harness = new ModelHarness();

    @AfterEach
    void closeHarness() {
        harness.close();
    }

    @Test
    void checkPassesWithModelHostAndLatency() throws Exception {
        ModelCheck check = harness.model().check();

        assertThat(check.ok()).isTrue();
        assertThat(check.failure()).isNull();
        assertThat(check.detail()).isEqualTo("Model gpt-4o-mini at 127.0.0.1 answered in 0 ms.");
        assertThat(check.latency()).isEqualTo(Duration.ZERO);
    }

    @Test
    void checkSendsOneTinyPing() throws Exception {
        harness.model().check();

        JsonNode body = harness.server.awaitRequest(Duration.ofSeconds(5)).jsonBody();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1);
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("messages").size()).isEqualTo(1);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo("ping");
    }

    @Test
    void checkReportsRejectedKey() throws Exception {
        harness.server.enqueueFixture(401, "openai/error_401_invalid_key.json", Map.of());

        ModelCheck check = harness.model().check();

        assertThat(check.ok()).isFalse();
        assertThat(check.failure()).isEqualTo(ModelErrorKind.INVALID_KEY);
        assertThat(check.detail()).isEqualTo("HTTP 401 from " + harness.host() + ": Incorrect API key provided:"
                + " sk-proj-****************************abcd. You can find your API key at"
                + " https://platform.openai.com/account/api-keys. (type: invalid_request_error, code: invalid_api_key)."
                + " Check the API key (OPENAI_API_KEY).");
        assertThat(check.detail()).doesNotContain(ModelHarness.API_KEY);
    }

    @Test
    void checkReportsUnknownModel() throws Exception {
        harness.server.enqueueFixture(404, "openai/error_404_model.json", Map.of());

        ModelCheck check = harness.model(ModelHarness.withModel(harness.settings(), "gpt-4o-mini-typo")).check();

        assertThat(check.failure()).isEqualTo(ModelErrorKind.MODEL_NOT_FOUND);
        assertThat(check.detail()).endsWith("Check the model name (OPENAI_MODEL), which is 'gpt-4o-mini-typo'.");
        assertThat(harness.server.awaitRequest(Duration.ofSeconds(5)).jsonBody().path("model").asText())
                .isEqualTo("gpt-4o-mini-typo");
    }

    @Test
    void checkReportsUnreachableBaseUrl() throws Exception {
        int port = ModelHarness.closedPort();
        OpenAiSettings settings = ModelHarness.settings("http://127.0.0.1:" + port + "/v1", ModelHarness.API_KEY, 2,
                Duration.ofSeconds(10), Duration.ofSeconds(10), null);

        ModelCheck check = harness.model(settings).check();

        assertThat(check.failure()).isEqualTo(ModelErrorKind.NETWORK);
        assertThat(check.detail()).startsWith("Cannot connect to 127.0.0.1:" + port + ": ");
        assertThat(harness.sleeper.waits()).isEmpty();
    }

    @Test
    void checkReportsRefusedProxy() throws Exception {
        int port = ModelHarness.closedPort();
        OpenAiSettings settings = ModelHarness.settings(harness.server.baseUrl(), ModelHarness.API_KEY, 0,
                Duration.ofSeconds(10), Duration.ofSeconds(10), new ProxySpec(Proxy.Type.SOCKS, "127.0.0.1", port));

        ModelCheck check = harness.model(settings).check();

        assertThat(check.failure()).isEqualTo(ModelErrorKind.NETWORK);
        assertThat(check.detail()).startsWith("Cannot connect to " + harness.host()
                + " through proxy socks5://127.0.0.1:" + port + ": ");
        assertThat(check.detail()).endsWith("Check the proxy setting and that the proxy is running.");
    }

    @Test
    void checkMakesNoRetries() throws Exception {
        harness.server.enqueueFixture(502, "openai/error_502_cloudflare.html", Map.of());

        ModelCheck check = harness.model().check();

        assertThat(check.failure()).isEqualTo(ModelErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(check.detail()).isEqualTo("HTTP 502 from " + harness.host() + ": Bad Gateway (HTML error page).");
        assertThat(harness.server.requestCount()).isEqualTo(1);
    }
}
