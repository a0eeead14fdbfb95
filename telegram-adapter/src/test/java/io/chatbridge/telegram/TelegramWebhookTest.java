package io.chatbridge.telegram;

import static io.chatbridge.telegram.TelegramHarness.PRIVATE_CHAT;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.config.TelegramWebhookSettings;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.FakeTelegramServer;
import io.chatbridge.testing.Fixtures;
import io.chatbridge.testing.LogCapture;
import io.chatbridge.testing.ReliabilityReport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook mode: the real adapter serves its endpoint on loopback and the test posts updates to it. */
class TelegramWebhookTest {

    private static final ReliabilityReport report = ReliabilityReport.forClass(TelegramWebhookTest.class);
    private static final String SECRET = "test-webhook-secret_0123456789";
    private static final String PATH = "/telegram/hook";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LogCapture logs = LogCapture.of("io.chatbridge");
    private TelegramHarness bot;

    @BeforeEach
    void start() throws Exception {
        var settings = new TelegramWebhookSettings(URI.create("https://bot.example.com" + PATH),
                new InetSocketAddress("127.0.0.1", 0), SECRET);
        bot = new TelegramHarness(dataDir, Map.of(), settings);
    }

    @AfterEach
    void stop() {
        bot.close();
        http.close();
        logs.close();
    }

    private HttpResponse<String> post(String path, String secret, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI endpoint(String path) {
        InetSocketAddress address = bot.adapter().webhookAddress();
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    @Test
    void startRegistersWebhookWithoutPolling() {
        JsonNode registered = bot.telegram.calls("setWebhook").getFirst().parameters();

        assertThat(bot.telegram.calls("setWebhook")).hasSize(1);
        assertThat(registered.path("url").asText()).isEqualTo("https://bot.example.com" + PATH);
        assertThat(registered.path("secret_token").asText()).isEqualTo(SECRET);
        assertThat(registered.path("allowed_updates").asText()).isEqualTo("[\"message\"]");
        assertThat(bot.telegram.calls("getUpdates")).isEmpty();
        assertThat(bot.telegram.calls("deleteWebhook")).isEmpty();
    }

    @Test
    void updateWithSecretIsAnswered() throws Exception {
        HttpResponse<String> response = post(PATH, SECRET, Fixtures.read("telegram/private_text.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        bot.awaitTexts(PRIVATE_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
    }

    @Test
    void wrongOrMissingSecretIsRejectedUnread() throws Exception {
        String update = Fixtures.read("telegram/private_text.json");

        assertThat(post(PATH, null, update).statusCode()).isEqualTo(401);
        assertThat(post(PATH, SECRET + "x", update).statusCode()).isEqualTo(401);
        assertThat(post(PATH, SECRET.substring(0, SECRET.length() - 1), update).statusCode()).isEqualTo(401);
        assertThat(post(PATH, SECRET.replace('0', '1'), update).statusCode()).isEqualTo(401);
        assertThat(post("/other", "", update).statusCode()).isEqualTo(401);
        assertThat(post(PATH, SECRET, update.replace("\"message_id\": 11", "\"message_id\": 12")).statusCode())
                .isEqualTo(200);

        bot.awaitTexts(PRIVATE_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        assertThat(bot.openAi.requestCount()).isEqualTo(1);
        assertThat(bot.telegram.calls("sendMessage")).hasSize(1);
        assertThat(logs.lines(Level.WARN)).extracting(LogCapture.Line::message).containsExactly(
                "Rejected 1 webhook request(s) without the right X-Telegram-Bot-Api-Secret-Token header, the latest"
                        + " from 127.0.0.1. Requests from Telegram carry it; others are scans or a misconfigured proxy");
        assertThat(logs.text()).doesNotContain(SECRET);
        report.record("Telegram webhook", "POSTs with a missing, longer, shorter or different secret", 5,
                "answered 401 without reading them; the genuine update after them was answered", 1, 1, 0);
    }

    @Test
    void otherPathMethodAndHugeBodyAreRejected() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(endpoint(PATH)).header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .GET().build();

        assertThat(post("/other", SECRET, "{}").statusCode()).isEqualTo(404);
        assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(post(PATH, SECRET, "{\"update_id\":1,\"x\":\"" + "a".repeat(1 << 20) + "\"}").statusCode())
                .isEqualTo(413);
        assertThat(bot.openAi.requestCount()).isZero();
    }

    @Test
    void unreadableUpdateIsAcknowledgedAndLoggedOnce() throws Exception {
        String unreadable = "{\"update_id\":900000077,\"message\":{\"message_id\":\"eleven\",\"chat\":{\"id\":1}}}";

        assertThat(post(PATH, SECRET, unreadable).statusCode()).isEqualTo(200);
        assertThat(post(PATH, SECRET, "not json").statusCode()).isEqualTo(200);

        assertThat(logs.containing("900000077")).extracting(LogCapture.Line::message).containsExactly(
                "Skipping Telegram update 900000077: it does not match the Bot API's Update schema"
                        + " (message.message_id: InvalidFormatException)");
        assertThat(logs.containing("900000077")).extracting(LogCapture.Line::level).containsExactly(Level.WARN);
    }

    @Test
    void repeatedDeliveryIsAnsweredOnce() throws Exception {
        String update = Fixtures.read("telegram/private_text.json");

        post(PATH, SECRET, update);
        bot.awaitTexts(PRIVATE_CHAT, 1, FakeOpenAiServer.DEFAULT_ANSWER);
        post(PATH, SECRET, update);
        post(PATH, SECRET, update.replace("\"message_id\": 11", "\"message_id\": 13"));
        bot.awaitTexts(PRIVATE_CHAT, 2, FakeOpenAiServer.DEFAULT_ANSWER);

        assertThat(bot.openAi.requestCount()).isEqualTo(2);
        report.record("Telegram webhook", "the same update POSTed again", 1,
                "skipped by the store's duplicate check; the next message was answered", 2, 2, 0);
    }

    @Test
    void rejectedSetWebhookFailsStart() throws Exception {
        try (var telegram = new FakeTelegramServer(TelegramHarness.TOKEN, Fixtures.read("telegram/getme.json"))) {
            telegram.failNext("setWebhook", 1, 400,
                    "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: bad webhook: HTTPS url must be"
                            + " provided for webhook\"}");
            var settings = new io.chatbridge.config.TelegramSettings(TelegramHarness.TOKEN, telegram.baseUrl(), null,
                    java.util.Set.of());
            var webhook = new TelegramWebhookSettings(URI.create("https://bot.example.com" + PATH),
                    new InetSocketAddress("127.0.0.1", 0), SECRET);
            var adapter = new TelegramAdapter(settings, webhook, (message, sink) -> null);

            TelegramStartException error = org.assertj.core.api.Assertions.catchThrowableOfType(
                    TelegramStartException.class, adapter::start);

            assertThat(error.getMessage()).isEqualTo("Telegram setWebhook failed: setWebhook failed with 400: Bad"
                    + " Request: bad webhook: HTTPS url must be provided for webhook. Check TELEGRAM_WEBHOOK_URL:"
                    + " Telegram needs a public https URL");
            assertThat(adapter.webhookAddress()).isNull();
        }
    }
}
