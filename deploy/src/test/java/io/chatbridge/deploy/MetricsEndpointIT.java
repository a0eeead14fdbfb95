package io.chatbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.testing.Await;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.FakeTelegramServer;
import io.chatbridge.testing.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar with {@code CHATBRIDGE_METRICS_LISTEN} set, scraped while it answers a Telegram chat. */
class MetricsEndpointIT {

    private static final String TOKEN = "123456:TEST_token_for_metrics_test";
    private static final String KEY = "sk-test-metrics-placeholder";
    private static final long PRIVATE_CHAT = 100000001L;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    private FakeTelegramServer telegram;
    private FakeOpenAiServer openAi;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startFakes() throws Exception {
        telegram = new FakeTelegramServer(TOKEN, Fixtures.read("telegram/getme.json"));
        openAi = new FakeOpenAiServer();
    }

    @AfterEach
    void stopFakes() {
        telegram.close();
        openAi.close();
        http.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // Not listening yet: the jar is still starting.
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while scraping", e);
        }
    }

    private String scrape(int port) {
        HttpResponse<String> response = get(port, "/metrics");
        return response == null || response.statusCode() != 200 ? "" : response.body();
    }

    @Test
    void scrapeShowsTheAnsweredCallAndItsTokens() throws Exception {
        openAi.enqueueFixture("openai/stream_say_test_with_usage.sse");
        int port = freePort();
        Map<String, String> env = Map.of(
                "OPENAI_API_KEY", KEY,
                "OPENAI_BASE_URL", openAi.baseUrl(),
                "TELEGRAM_BOT_TOKEN", TOKEN,
                "TELEGRAM_API_URL", telegram.baseUrl(),
                "CHATBRIDGE_DATA_DIR", workDir.resolve("data").toString(),
                "CHATBRIDGE_METRICS_LISTEN", "127.0.0.1:" + port);

        try (BotProcess bot = BotProcess.start(workDir, env, "run")) {
            HttpResponse<String> health = Await.value(WAIT, "a healthy /healthz", () -> get(port, "/healthz"),
                    response -> response != null && response.statusCode() == 200);
            telegram.pushUpdate(Fixtures.read("telegram/private_text.json"));
            Await.value(WAIT, "the answer", () -> telegram.texts(PRIVATE_CHAT),
                    texts -> texts.equals(List.of("This is a test!")));
            // The call is counted before the final edit, but the first send may show the whole answer.
            String metrics = Await.value(WAIT, "the counted call", () -> scrape(port),
                    body -> body.contains("chatbridge_model_calls_total{"));

            assertThat(health.body()).isEqualTo("ok\nadapters: telegram\n");
            assertThat(metrics.lines().toList()).contains(
                    "chatbridge_inbound_messages_total{decision=\"answered\",platform=\"telegram\",reason=\"none\"} 1.0",
                    "chatbridge_model_calls_total{error=\"none\",model=\"gpt-4o-mini\",outcome=\"answered\"} 1.0",
                    "chatbridge_model_tokens_total{model=\"gpt-4o-mini\",type=\"prompt\"} 13.0",
                    "chatbridge_model_tokens_total{model=\"gpt-4o-mini\",type=\"completion\"} 5.0",
                    "chatbridge_model_first_token_seconds_count{model=\"gpt-4o-mini\"} 1",
                    "chatbridge_model_call_duration_seconds_count{model=\"gpt-4o-mini\",outcome=\"answered\"} 1",
                    "chatbridge_conversation_cache_requests_total{result=\"miss\"} 1.0");
            assertThat(metrics).contains("chatbridge_model_cost_usd_total{model=\"gpt-4o-mini\"} ",
                    "jvm_memory_used_bytes{", "process_uptime_seconds ")
                    .doesNotContain(Long.toString(PRIVATE_CHAT)).doesNotContain(KEY);

            assertThat(bot.stop(WAIT)).isIn(0, 143);
            assertThat(bot.output()).contains("Serving metrics at http://127.0.0.1:" + port + "/metrics")
                    .doesNotContain(TOKEN).doesNotContain(KEY);
        }
    }
}
