package io.chatbridge.model;

import io.chatbridge.testing.ManualClock;
import io.chatbridge.config.OpenAiSettings;
import io.chatbridge.config.ProxySpec;
import io.chatbridge.testing.FakeOpenAiServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A fake OpenAI server, a test clock, a recording sleeper and a shared HTTP client, with settings
 * that tests adjust one field at a time.
 */
final class ModelHarness implements AutoCloseable {

    /** A placeholder key; tests check that it never shows up in a message. */
    static final String API_KEY = "sk-test-PLACEHOLDER-KEY-0123456789";

    final FakeOpenAiServer server = new FakeOpenAiServer();
    final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T12:00:00Z"));
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final OkHttpClient client = HttpClients.create(Duration.ofSeconds(5), Duration.ofSeconds(5), null);
    final List<String> deltas = new ArrayList<>();

    /** Settings for the fake server: 2 retries, 10 s first-token and idle timeouts. */
    OpenAiSettings settings() {
        return settings(server.baseUrl(), API_KEY, 2, Duration.ofSeconds(10), Duration.ofSeconds(10), null);
    }

    static OpenAiSettings settings(String baseUrl, String apiKey, int maxRetries, Duration firstTokenTimeout,
            Duration idleTimeout, @Nullable ProxySpec proxy) {
        return new OpenAiSettings(apiKey, baseUrl, "gpt-4o-mini", 0.7, 256, 8000, 128_000,
                Duration.ofSeconds(2), firstTokenTimeout, idleTimeout, maxRetries, proxy);
    }

    static OpenAiSettings withRetries(OpenAiSettings s, int maxRetries) {
        return new OpenAiSettings(s.apiKey(), s.baseUrl(), s.model(), s.temperature(), s.maxOutputTokens(),
                s.contextTokens(), s.contextWindow(), s.connectTimeout(), s.firstTokenTimeout(), s.idleTimeout(),
                maxRetries, s.proxy());
    }

    static OpenAiSettings withModel(OpenAiSettings s, String model) {
        return new OpenAiSettings(s.apiKey(), s.baseUrl(), model, s.temperature(), s.maxOutputTokens(),
                s.contextTokens(), s.contextWindow(), s.connectTimeout(), s.firstTokenTimeout(), s.idleTimeout(),
                s.maxRetries(), s.proxy());
    }

    /** Returns a model whose backoff has no jitter, so waits are exact. */
    OpenAiChatModel model(OpenAiSettings settings) {
        return new OpenAiChatModel(settings, client, clock, sleeper, OpenAiChatModel.QUARTER_OF_CODE_POINTS, () -> 0.0);
    }

    OpenAiChatModel model() {
        return model(settings());
    }

    /** Streams a one-message request, collecting deltas in {@link #deltas}. */
    ChatCompletion ask(OpenAiChatModel model, String question) throws ModelException, InterruptedException {
        return model.stream(request(question), deltas::add);
    }

    static ChatRequest request(String question) {
        return new ChatRequest("gpt-4o-mini", List.of(ChatMessage.text(Role.USER, question)), 0.7, 256);
    }

    /** Returns a port on 127.0.0.1 that nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Returns the host label that messages use for the fake server. */
    String host() {
        return "127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
