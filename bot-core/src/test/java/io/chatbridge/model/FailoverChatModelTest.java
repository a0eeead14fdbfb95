package io.chatbridge.model;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import io.chatbridge.config.OpenAiSettings;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.Fixtures;
import io.chatbridge.testing.LogCapture;
import io.chatbridge.testing.OpenAiStreams;
import io.chatbridge.testing.ReliabilityReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two real model clients against two fake servers, "relay" first and "official" second. */
class FailoverChatModelTest {

    private static final String RELAY_KEY = "sk-test-RELAY-placeholder-0001";
    private static final String OFFICIAL_KEY = "sk-test-OFFICIAL-placeholder-0002";
    private static final ReliabilityReport report = ReliabilityReport.forClass(FailoverChatModelTest.class);
    private static final BreakerSettings BREAKERS = new BreakerSettings(50, 4, 4, Duration.ofSeconds(30), 1);

    private final FakeOpenAiServer relay = new FakeOpenAiServer();
    private final FakeOpenAiServer official = new FakeOpenAiServer();
    private final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final OkHttpClient http = HttpClients.create(Duration.ofSeconds(5), Duration.ofSeconds(5), null);
    private final List<String> deltas = new ArrayList<>();
    private final LogCapture logs = LogCapture.of(FailoverChatModel.class.getPackageName());

    @AfterEach
    void close() {
        logs.close();
        relay.close();
        official.close();
        http.dispatcher().executorService().shutdown();
    }

    private OpenAiChatModel client(FakeOpenAiServer server, String key) {
        OpenAiSettings settings = ModelHarness.settings(server.baseUrl(), key, 0, Duration.ofSeconds(10),
                Duration.ofSeconds(10), null);
        return new OpenAiChatModel(settings, http, clock, sleeper, OpenAiChatModel.QUARTER_OF_CODE_POINTS, () -> 0.0);
    }

    private FailoverChatModel model(Set<ModelErrorKind> relayAlsoFailsOverOn) {
        return new FailoverChatModel(List.of(
                new FailoverChatModel.Upstream("relay", client(relay, RELAY_KEY), null, relayAlsoFailsOverOn),
                new FailoverChatModel.Upstream("official", client(official, OFFICIAL_KEY), null, Set.of())),
                BREAKERS, clock);
    }

    private FailoverChatModel model() {
        return model(Set.of());
    }

    private ChatCompletion ask(FailoverChatModel model) throws Exception {
        return model.stream(ModelHarness.request("hi"), deltas::add);
    }

    private ModelException failure(FailoverChatModel model) {
        return catchThrowableOfType(ModelException.class, () -> ask(model));
    }

    @Test
    void serverErrorFailsOverToNextUpstream() throws Exception {
        relay.enqueueError(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}", Map.of());

        ChatCompletion completion = ask(model());

        assertThat(completion.text()).isEqualTo(FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(String.join("", deltas)).isEqualTo(FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(relay.requestCount()).isEqualTo(1);
        assertThat(official.requestCount()).isEqualTo(1);
        assertThat(official.requests().getFirst().header("Authorization"))
                .isEqualTo("Bearer " + OFFICIAL_KEY);
        assertThat(logs.lines(Level.WARN)).extracting(LogCapture.Line::message)
                .anySatisfy(line -> assertThat(line).startsWith("Upstream relay failed (UPSTREAM_UNAVAILABLE, HTTP 503)")
                        .endsWith("Trying upstream official"));
        report.record("Model upstreams", "first upstream answered HTTP 503", 1,
                "failed over to the second upstream, which answered; a WARN named the first and the failure", 1, 1, 0);
    }

    @Test
    void htmlErrorPageFailsOver() throws Exception {
        relay.enqueueFixture(502, "openai/error_502_cloudflare.html", Map.of());

        assertThat(ask(model()).text()).isEqualTo(FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(official.requestCount()).isEqualTo(1);
        report.record("Model upstreams", "first upstream answered a 502 HTML error page (Cloudflare)", 1,
                "failed over to the second upstream, which answered", 1, 1, 0);
    }

    @Test
    void rateLimitFailsOver() throws Exception {
        relay.enqueueFixture(429, "openai/error_429_rate_limit_tokens.json", Fixtures.headers("openai/headers_429.txt"));

        assertThat(ask(model()).text()).isEqualTo(FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(official.requestCount()).isEqualTo(1);
        report.record("Model upstreams", "first upstream answered 429 rate limit", 1,
                "failed over to the second upstream, which answered", 1, 1, 0);
    }

    @Test
    void unreachableUpstreamFailsOver() throws Exception {
        OpenAiSettings closed = ModelHarness.settings("http://127.0.0.1:" + ModelHarness.closedPort() + "/v1",
                RELAY_KEY, 0, Duration.ofSeconds(10), Duration.ofSeconds(10), null);
        FailoverChatModel model = new FailoverChatModel(List.of(
                new FailoverChatModel.Upstream("relay", new OpenAiChatModel(closed, http, clock, sleeper), null, Set.of()),
                new FailoverChatModel.Upstream("official", client(official, OFFICIAL_KEY), null, Set.of())),
                BREAKERS, clock);

        assertThat(ask(model).text()).isEqualTo(FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(official.requestCount()).isEqualTo(1);
        report.record("Model upstreams", "first upstream unreachable (connection refused)", 1,
                "failed over to the second upstream, which answered", 1, 1, 0);
    }

    @Test
    void invalidKeyIsNotFailedOver() {
        relay.enqueueFixture(401, "openai/error_401_invalid_key.json", Map.of());

        FailoverChatModel model = model();

        ModelException error = failure(model);

        assertThat(error.kind()).isEqualTo(ModelErrorKind.INVALID_KEY);
        assertThat(official.requestCount()).isZero();
        assertThat(logs.lines(Level.WARN)).extracting(LogCapture.Line::message)
                .anySatisfy(line -> assertThat(line).startsWith("Upstream relay rejected the call (INVALID_KEY, HTTP 401)")
                        .contains("Not failing over: the key was rejected")
                        .endsWith("add failover_on: [auth] to this upstream if the next one uses another key"));
        for (int i = 0; i < 4; i++) {
            relay.enqueueFixture(401, "openai/error_401_invalid_key.json", Map.of());
            failure(model);
        }
        assertThat(model.circuit("relay")).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void quotaFailsOverWhenConfigured() throws Exception {
        relay.enqueueFixture(429, "openai/error_429_insufficient_quota.json", Map.of());

        assertThat(ask(model(Set.of(ModelErrorKind.QUOTA_EXHAUSTED))).text()).isEqualTo(FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(official.requestCount()).isEqualTo(1);
    }

    @Test
    void quotaIsNotFailedOverByDefault() {
        relay.enqueueFixture(429, "openai/error_429_insufficient_quota.json", Map.of());

        assertThat(failure(model()).kind()).isEqualTo(ModelErrorKind.QUOTA_EXHAUSTED);
        assertThat(official.requestCount()).isZero();
    }

    @Test
    void rejectedRequestIsNotFailedOver() {
        relay.enqueueFixture(400, "openai/error_400_context_length.json", Map.of());

        ModelException error = failure(model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.CONTEXT_LENGTH_EXCEEDED);
        assertThat(official.requestCount()).isZero();
        assertThat(logs.containing("Not failing over: the request itself was rejected")).hasSize(1);
    }

    @Test
    void shownTextIsNeverFailedOver() {
        String[] events = OpenAiStreams.text("Half an answer", 5, 5).split("\n\n");
        relay.enqueueDisconnect(events[0] + "\n\n" + events[1] + "\n\n");

        ModelException error = failure(model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.STREAM_BROKEN);
        assertThat(error.partialText()).isNotEmpty();
        assertThat(String.join("", deltas)).isEqualTo(error.partialText());
        assertThat(official.requestCount()).isZero();
        assertThat(logs.containing("Not failing over, because the member would see the answer start again")).hasSize(1);
        report.record("Model upstreams", "first upstream broke after part of the answer was streamed", 1,
                "no failover, so the member never sees the answer start twice; the partial answer is kept and marked"
                        + " interrupted by the engine", 1, 1, 0);
    }

    @Test
    void upstreamModelReplacesChatModel() throws Exception {
        FailoverChatModel model = new FailoverChatModel(List.of(
                new FailoverChatModel.Upstream("relay", client(relay, RELAY_KEY), "openai/gpt-4o-mini", Set.of())),
                BREAKERS, clock);

        ask(model);

        assertThat(relay.requests().getFirst().jsonBody().path("model").asText()).isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void breakerOpensAndCallsSkipTheUpstream() throws Exception {
        FailoverChatModel model = model();
        for (int i = 0; i < 4; i++) {
            relay.enqueueError(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}", Map.of());
            ask(model);
        }
        assertThat(model.circuit("relay")).isEqualTo(CircuitState.OPEN);

        ask(model);

        assertThat(relay.requestCount()).isEqualTo(4);
        assertThat(official.requestCount()).isEqualTo(5);
        assertThat(logs.containing("Upstream relay failed too often; calls skip it for 30 s before a probe")).hasSize(1);
        report.record("Model upstreams", "first upstream answered HTTP 500 to 4 calls in a row", 4,
                "each call failed over; then the circuit opened and the 5th call went straight to the second upstream",
                5, 5, 0);
    }

    @Test
    void openBreakerProbesAfterWaitAndCloses() throws Exception {
        FailoverChatModel model = model();
        for (int i = 0; i < 4; i++) {
            relay.enqueueError(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}", Map.of());
            ask(model);
        }
        clock.advance(Duration.ofSeconds(29));
        ask(model);
        assertThat(relay.requestCount()).isEqualTo(4);

        clock.advance(Duration.ofSeconds(2));
        ask(model);

        assertThat(relay.requestCount()).isEqualTo(5);
        assertThat(model.circuit("relay")).isEqualTo(CircuitState.CLOSED);
        assertThat(official.requestCount()).isEqualTo(5);
        report.record("Model upstreams", "first upstream recovered while its circuit was open", 1,
                "calls skipped it until the 30 s wait ended (clock driven), then one probe answered and closed the"
                        + " circuit", 6, 6, 0);
    }

    @Test
    void failedProbeOpensTheBreakerAgain() throws Exception {
        FailoverChatModel model = model();
        for (int i = 0; i < 5; i++) {
            relay.enqueueError(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}", Map.of());
        }
        for (int i = 0; i < 4; i++) {
            ask(model);
        }
        clock.advance(Duration.ofSeconds(31));

        ask(model);

        assertThat(relay.requestCount()).isEqualTo(5);
        assertThat(model.circuit("relay")).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void allBreakersOpenFailsFastWithRetryAfter() throws Exception {
        FailoverChatModel model = model();
        for (int i = 0; i < 4; i++) {
            relay.enqueueError(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}", Map.of());
            official.enqueueError(503, "<html><body>Service Unavailable</body></html>", Map.of());
            failure(model);
        }
        clock.advance(Duration.ofSeconds(10));

        ModelException error = failure(model);

        assertThat(error.kind()).isEqualTo(ModelErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(error.getMessage()).isEqualTo("No upstream was called: the circuit breakers of relay, official are"
                + " open after repeated failures; the next probe is due in 20 s. See the earlier warnings for each"
                + " upstream's failures.");
        assertThat(relay.requestCount()).isEqualTo(4);
        assertThat(official.requestCount()).isEqualTo(4);
        report.record("Model upstreams", "both upstreams failing (500 and 503 HTML)", 8,
                "after both circuits opened, the next call failed at once with a retry-after instead of waiting on"
                        + " dead upstreams; the engine turns that into the \"AI service unavailable\" notice", 5, 0, 5);
    }

    @Test
    void everyUpstreamFailingNamesEachWithoutKeys() {
        relay.enqueueError(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}", Map.of());
        official.enqueueFixture(429, "openai/error_429_rate_limit_tokens.json", Fixtures.headers("openai/headers_429.txt"));

        ModelException error = failure(model());

        assertThat(error.kind()).isEqualTo(ModelErrorKind.RATE_LIMITED);
        assertThat(error.retryAfter()).isEqualTo(Duration.ofMillis(210));
        assertThat(error.getMessage()).startsWith("No upstream answered. relay: HTTP 500 from 127.0.0.1:" + relay.port())
                .contains(" | official: HTTP 429 from 127.0.0.1:" + official.port())
                .doesNotContain(RELAY_KEY)
                .doesNotContain(OFFICIAL_KEY);
        assertThat(logs.text()).doesNotContain(RELAY_KEY).doesNotContain(OFFICIAL_KEY);
    }

    @Test
    void singleUpstreamThrowsItsOwnError() {
        relay.enqueueError(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}", Map.of());
        FailoverChatModel model = new FailoverChatModel(List.of(
                new FailoverChatModel.Upstream("relay", client(relay, RELAY_KEY), null, Set.of())), BREAKERS, clock);

        ModelException error = failure(model);

        assertThat(error.getMessage()).startsWith("HTTP 500 from 127.0.0.1:" + relay.port() + ": boom");
    }

    @Test
    void checkAllReportsEveryUpstream() throws Exception {
        relay.enqueueFixture(401, "openai/error_401_invalid_key.json", Map.of());

        List<UpstreamCheck> checks = model().checkAll();

        assertThat(checks).extracting(UpstreamCheck::name).containsExactly("relay", "official");
        assertThat(checks.get(0).result().failure()).isEqualTo(ModelErrorKind.INVALID_KEY);
        assertThat(checks.get(0).result().detail()).doesNotContain(RELAY_KEY);
        assertThat(checks.get(1).result().ok()).isTrue();
        assertThat(checks.get(1).result().detail()).isEqualTo("Model gpt-4o-mini at 127.0.0.1 answered in 0 ms.");
        assertThat(checks).extracting(UpstreamCheck::circuit).containsOnly(CircuitState.CLOSED);
    }
}
