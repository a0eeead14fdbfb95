package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatbridge.config.OpenAiSettings;
import io.chatbridge.config.ProxySpec;
import io.chatbridge.testing.CapturedRequest;
import io.chatbridge.testing.OpenAiStreams;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts, refused connections and proxies, against real sockets on 127.0.0.1. */
class OpenAiChatModelNetworkTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(10);
    /** How long a test may take at most, many times the short timeouts it waits for. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final ModelHarness harness = new ModelHarness();

    @AfterEach
    void closeHarness() {
        harness.close();
    }

    @Test
    void stalledStreamTimesOutAfterIdleTimeout() {
        harness.server.enqueueStall(OpenAiStreams.event(Chunks.text("Partial")), Duration.ofSeconds(30));
        OpenAiSettings settings = ModelHarness.settings(harness.server.baseUrl(), ModelHarness.API_KEY, 2, LONG,
                SHORT, null);

        long started = System.nanoTime();
        ModelException error = failure(harness.model(settings));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(error.kind()).isEqualTo(ModelErrorKind.TIMEOUT);
        assertThat(error.partialText()).isEqualTo("Partial");
        assertThat(error.getMessage()).isEqualTo("Timed out: no data from " + harness.host()
                + " for 300 ms while streaming the answer (idle timeout).");
        assertThat(took).isLessThan(BOUND);
        // Text was shown, so the timeout is final even though TIMEOUT is retryable.
        assertThat(harness.server.requestCount()).isEqualTo(1);
    }

    @Test
    void silentStreamTimesOutAfterFirstTokenTimeout() {
        String roleOnly = "{\"id\":\"c1\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}";
        harness.server.enqueueStall(OpenAiStreams.event(roleOnly), Duration.ofSeconds(30));
        harness.server.enqueueStall(OpenAiStreams.event(roleOnly), Duration.ofSeconds(30));
        OpenAiSettings settings = ModelHarness.settings(harness.server.baseUrl(), ModelHarness.API_KEY, 1, SHORT,
                LONG, null);

        long started = System.nanoTime();
        ModelException error = failure(harness.model(settings));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(error.kind()).isEqualTo(ModelErrorKind.TIMEOUT);
        assertThat(error.partialText()).isEmpty();
        assertThat(error.getMessage()).isEqualTo("Timed out: no answer text from " + harness.host()
                + " within 300 ms of sending the request (first-token timeout).");
        assertThat(took).isLessThan(BOUND);
        assertThat(harness.server.requestCount()).isEqualTo(2);
        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void slowSteadyStreamOutlivesFirstTokenTimeout() throws Exception {
        // Six events 150 ms apart take 750 ms, well past the 300 ms first-token timeout.
        harness.server.enqueueStream(OpenAiStreams.text("abcdefghijkl", 3, 3), Duration.ofMillis(150));
        OpenAiSettings settings = ModelHarness.settings(harness.server.baseUrl(), ModelHarness.API_KEY, 0, SHORT,
                LONG, null);

        ChatCompletion completion = harness.ask(harness.model(settings), "hi");

        assertThat(completion.text()).isEqualTo("abcdefghijkl");
        assertThat(completion.usage()).isEqualTo(new Usage(3, 0, 3, false));
    }

    @Test
    void missingResponseHeadersTimeOut() {
        harness.server.enqueueSilence(Duration.ofSeconds(30));
        OpenAiSettings settings = ModelHarness.settings(harness.server.baseUrl(), ModelHarness.API_KEY, 0, LONG,
                SHORT, null);

        ModelException error = failure(harness.model(settings));

        assertThat(error.kind()).isEqualTo(ModelErrorKind.TIMEOUT);
        assertThat(error.getMessage()).isEqualTo("Timed out: no response from " + harness.host()
                + " within 300 ms of sending the request (idle timeout).");
    }

    @Test
    void missingResponseHeadersHitFirstTokenTimeout() {
        harness.server.enqueueSilence(Duration.ofSeconds(30));
        OpenAiSettings settings = ModelHarness.settings(harness.server.baseUrl(), ModelHarness.API_KEY, 0, SHORT,
                LONG, null);

        long started = System.nanoTime();
        ModelException error = failure(harness.model(settings));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(error.kind()).isEqualTo(ModelErrorKind.TIMEOUT);
        assertThat(error.getMessage()).isEqualTo("Timed out: no answer text from " + harness.host()
                + " within 300 ms of sending the request (first-token timeout).");
        assertThat(took).isLessThan(BOUND);
    }

    @Test
    void refusedConnectionIsNetworkNamingHost() throws Exception {
        int port = ModelHarness.closedPort();
        OpenAiSettings settings = ModelHarness.settings("http://127.0.0.1:" + port + "/v1", ModelHarness.API_KEY, 2,
                LONG, LONG, null);

        ModelException error = failure(harness.model(settings));

        assertThat(error.kind()).isEqualTo(ModelErrorKind.NETWORK);
        assertThat(error.httpStatus()).isZero();
        assertThat(error.getMessage()).startsWith("Cannot connect to 127.0.0.1:" + port + ": ");
        assertThat(error.getMessage()).endsWith(
                ". Check the base URL (OPENAI_BASE_URL) and that the server is reachable.");
        assertThat(error.getMessage()).doesNotContain(ModelHarness.API_KEY);
        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void unknownHostIsNetworkNamingHost() {
        OkHttpClient noDns = harness.client.newBuilder()
                .dns(hostname -> {
                    throw new UnknownHostException("no address for " + hostname);
                })
                .build();
        OpenAiSettings settings = ModelHarness.settings("https://api.example.invalid/v1", ModelHarness.API_KEY, 0,
                LONG, LONG, null);
        OpenAiChatModel model = new OpenAiChatModel(settings, noDns, harness.clock, harness.sleeper);

        ModelException error = catchThrowableOfType(ModelException.class, () -> harness.ask(model, "hi"));

        assertThat(error.kind()).isEqualTo(ModelErrorKind.NETWORK);
        assertThat(error.getMessage()).isEqualTo("Cannot connect to api.example.invalid: UnknownHostException:"
                + " no address for api.example.invalid. Check the base URL (OPENAI_BASE_URL) and that the server"
                + " is reachable.");
    }

    @Test
    void refusedProxyIsNetworkNamingProxy() throws Exception {
        int port = ModelHarness.closedPort();
        ProxySpec proxy = new ProxySpec(Proxy.Type.HTTP, "127.0.0.1", port);
        OpenAiSettings settings = ModelHarness.settings(harness.server.baseUrl(), ModelHarness.API_KEY, 0, LONG, LONG,
                proxy);

        ModelException error = failure(harness.model(settings));

        assertThat(error.kind()).isEqualTo(ModelErrorKind.NETWORK);
        assertThat(error.getMessage()).startsWith("Cannot connect to " + harness.host()
                + " through proxy http://127.0.0.1:" + port + ": ");
        assertThat(error.getMessage()).endsWith(". Check the proxy setting and that the proxy is running.");
        assertThat(harness.server.requestCount()).isZero();
    }

    @Test
    void httpProxyCarriesTheRequest() throws Exception {
        // The fake server plays the proxy: an HTTP proxy receives the absolute URL, so the target
        // host is never resolved here.
        ProxySpec proxy = new ProxySpec(Proxy.Type.HTTP, "127.0.0.1", harness.server.port());
        OpenAiSettings settings = ModelHarness.settings("http://api.example.invalid/v1", ModelHarness.API_KEY, 0,
                LONG, LONG, proxy);

        ChatCompletion completion = harness.ask(harness.model(settings), "hi");

        CapturedRequest sent = harness.server.awaitRequest(BOUND);
        assertThat(completion.text()).isEqualTo("This is a test!");
        assertThat(completion.upstream()).isEqualTo("api.example.invalid");
        assertThat(sent.header("Host")).isEqualTo("api.example.invalid");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void interruptEndsCallOnVirtualThread() throws Exception {
        harness.server.enqueueStall(OpenAiStreams.event(Chunks.text("Waiting")), Duration.ofSeconds(30));
        OpenAiChatModel model = harness.model();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CountDownLatch firstDelta = new CountDownLatch(1);

        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                model.stream(ModelHarness.request("hi"), delta -> firstDelta.countDown());
                outcome.complete(null);
            } catch (Exception e) {
                outcome.complete(e);
            }
        });
        assertThat(firstDelta.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        caller.interrupt();

        assertThat(outcome.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(harness.server.requestCount()).isEqualTo(1);
    }

    @Test
    void lostConnectionBeforeTextIsRetried() throws Exception {
        harness.server.enqueueDisconnect("");
        harness.server.enqueueStreamOfText("Recovered.", 1, 1);

        ChatCompletion completion = harness.ask(harness.model(), "hi");

        assertThat(completion.text()).isEqualTo("Recovered.");
        assertThat(harness.server.requestCount()).isEqualTo(2);
    }

    private ModelException failure(OpenAiChatModel model) {
        return catchThrowableOfType(ModelException.class, () -> harness.ask(model, "hi"));
    }
}
