package io.chatbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.config.ListenAddress;
import io.chatbridge.config.MetricsSettings;
import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.engine.Platform;
import io.chatbridge.metrics.BotMetrics;
import io.chatbridge.metrics.InboundDecision;
import io.chatbridge.metrics.JvmMetrics;
import io.chatbridge.model.Usage;
import io.chatbridge.usage.CallOutcome;
import io.chatbridge.usage.ModelCall;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metrics endpoint on an ephemeral loopback port, read with the JDK's HTTP client. */
class MetricsServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<MetricsServer.Health> health =
            new AtomicReference<>(new MetricsServer.Health(true, "ok\n"));
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        registry.close();
        http.close();
    }

    private void start() throws IOException {
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry, health::get);
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        return request(server.address().getPort(), method, path);
    }

    private HttpResponse<String> request(int port, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(TIMEOUT)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static ModelCall answeredCall() {
        return new ModelCall(Instant.parse("2026-12-04T10:00:00Z"),
                new ConversationKey(Platform.TELEGRAM, "100000001", null, null), "100000001", "gpt-4o-mini",
                "api.openai.com", new Usage(13, 0, 5, false), Duration.ofMillis(300), Duration.ofMillis(1200),
                CallOutcome.ANSWERED, null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        BotMetrics metrics = BotMetrics.create(registry);
        metrics.inbound(Platform.TELEGRAM, InboundDecision.ANSWERED);
        metrics.modelCall(answeredCall(), 4_950_000);
        start();

        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        try {
            HttpResponse<String> response = request("GET", "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsServer.PROMETHEUS_TEXT);
            assertThat(response.body().lines().toList()).contains(
                    "chatbridge_inbound_messages_total{decision=\"answered\",platform=\"telegram\",reason=\"none\"} 1.0",
                    "chatbridge_model_calls_total{error=\"none\",model=\"gpt-4o-mini\",outcome=\"answered\"} 1.0",
                    "chatbridge_model_tokens_total{model=\"gpt-4o-mini\",type=\"prompt\"} 13.0",
                    "chatbridge_model_tokens_total{model=\"gpt-4o-mini\",type=\"completion\"} 5.0",
                    "chatbridge_model_cost_usd_total{model=\"gpt-4o-mini\"} 4.95E-6",
                    "# TYPE chatbridge_model_call_duration_seconds histogram",
                    "chatbridge_model_call_duration_seconds_bucket{model=\"gpt-4o-mini\",outcome=\"answered\",le=\"1.0\"} 0",
                    "chatbridge_model_call_duration_seconds_bucket{model=\"gpt-4o-mini\",outcome=\"answered\",le=\"2.0\"} 1",
                    "chatbridge_model_first_token_seconds_count{model=\"gpt-4o-mini\"} 1");
            assertThat(response.body()).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads ",
                    "process_cpu_usage ", "process_uptime_seconds ");
        } finally {
            jvm.close();
        }
    }

    @Test
    void healthzReportsTheHealthAndItsStatus() throws Exception {
        start();
        health.set(new MetricsServer.Health(true, "ok\nadapters: telegram\n"));

        HttpResponse<String> healthy = request("GET", "/healthz");
        health.set(new MetricsServer.Health(false, "stopping\n"));
        HttpResponse<String> stopping = request("GET", "/healthz");

        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).isEqualTo("ok\nadapters: telegram\n");
        assertThat(stopping.statusCode()).isEqualTo(503);
        assertThat(stopping.body()).isEqualTo("stopping\n");
    }

    @Test
    void otherPathsAndMethodsAreRejected() throws Exception {
        start();

        HttpResponse<String> unknown = request("GET", "/metricsx");
        HttpResponse<String> post = request("POST", "/metrics");
        HttpResponse<String> head = request("HEAD", "/healthz");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("not found, the paths are /metrics and /healthz\n");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void monitoringReportsStartingRunningAndStopping() throws Exception {
        int port = freePort();
        try (Monitoring monitoring = Monitoring.start(new MetricsSettings(new ListenAddress("127.0.0.1", port)))) {
            HttpResponse<String> starting = request(port, "GET", "/healthz");
            monitoring.running(List.of("telegram", "discord"));
            HttpResponse<String> running = request(port, "GET", "/healthz");
            monitoring.stopping();
            HttpResponse<String> stopping = request(port, "GET", "/healthz");

            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).isEqualTo("starting\n");
            assertThat(running.statusCode()).isEqualTo(200);
            assertThat(running.body()).isEqualTo("ok\nadapters: telegram, discord\n");
            assertThat(stopping.statusCode()).isEqualTo(503);
            assertThat(stopping.body()).isEqualTo("stopping\n");
        }
    }

    @Test
    void monitoringOffServesNothing() throws Exception {
        try (Monitoring monitoring = Monitoring.start(MetricsSettings.OFF)) {
            assertThat(monitoring.metrics().registry()).isInstanceOf(CompositeMeterRegistry.class);
        }
    }

    @Test
    void portInUseNamesTheKeyAndTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Monitoring.start(new MetricsSettings(new ListenAddress("127.0.0.1", port))))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Could not serve metrics on 127.0.0.1:" + port + " (metrics.listen): ")
                    .hasMessageEndingWith("; choose a free port, or leave metrics.listen empty to turn the endpoint off");
        }
    }
}
