package io.chatbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.config.TelegramWebhookSettings;
import io.chatbridge.discord.DiscordAdapter;
import io.chatbridge.discord.DiscordTokenCheck;
import io.chatbridge.telegram.TelegramAdapter;
import io.chatbridge.testing.Await;
import io.chatbridge.testing.FakeDiscordServer;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.FakeTelegramServer;
import io.chatbridge.testing.Fixtures;
import io.chatbridge.testing.LogCapture;
import io.chatbridge.testing.OpenAiStreams;
import io.chatbridge.testing.ReliabilityReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the {@code check} command and a running bot through failures (a rejected key, a rejected
 * bot token, 401s, unreachable endpoints, broken streams, bad webhook requests) and searches
 * everything they produced for the secrets: standard output and error, every log line at every
 * level, exception messages and what members were sent.
 */
class SecretLeakTest {

    static final String OPENAI_KEY = "sk-test-LEAKCHECK-openai-key-0123456789";
    static final String TELEGRAM_TOKEN = "987654321:LEAKCHECK_telegram-token_0123456789";
    static final String DISCORD_TOKEN = "LEAKCHECK.discord-token.0123456789abcdef";
    static final String WEBHOOK_SECRET = "LEAKCHECK-webhook-secret_0123456789";
    private static final List<String> SECRETS = List.of(OPENAI_KEY, TELEGRAM_TOKEN, DISCORD_TOKEN, WEBHOOK_SECRET);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> shown = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private LogCapture logs;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new Tee(out, originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, originalErr), true, StandardCharsets.UTF_8));
        logs = LogCapture.all();
    }

    @AfterEach
    void restore() throws Exception {
        for (AutoCloseable resource : open.reversed()) {
            resource.close();
        }
        logs.close();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void checkCommandFailuresShowNoSecret() throws Exception {
        FakeOpenAiServer openAi = track(new FakeOpenAiServer());
        FakeTelegramServer telegram = track(new FakeTelegramServer("111:other-token-the-fake-accepts",
                Fixtures.read("telegram/getme.json")));
        FakeDiscordServer discord = track(FakeDiscordServer.start());
        openAi.enqueueError(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + OPENAI_KEY
                + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", Map.of());
        discord.failNext("GET", "users/@me", 1, 401, 0, "401: Unauthorized");

        int rejected = check(config(openAi.baseUrl(), telegram.baseUrl(), discord.apiUrl(), discord.gatewayUrl()));
        int closedPort = closedPort();
        String nowhere = "http://127.0.0.1:" + closedPort;
        int unreachable = check(config(nowhere + "/v1", nowhere, nowhere + "/api/v10/", "ws://127.0.0.1:" + closedPort));

        assertThat(rejected).isEqualTo(1);
        assertThat(unreachable).isEqualTo(1);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("FAIL  model: HTTP 401 from 127.0.0.1:" + openAi.port())
                .contains("FAIL  telegram: getMe failed")
                .contains("FAIL  discord:")
                .contains("FAIL  model: Cannot connect to 127.0.0.1:" + closedPort);
        assertNoSecret();
    }

    @Test
    void runningBotThroughFailuresShowsNoSecret() throws Exception {
        FakeOpenAiServer openAi = track(new FakeOpenAiServer());
        FakeTelegramServer telegram = track(new FakeTelegramServer(TELEGRAM_TOKEN, Fixtures.read("telegram/getme.json")));
        FakeDiscordServer discord = track(FakeDiscordServer.start());
        BotConfig config = ConfigLoader.load(config(openAi.baseUrl(), telegram.baseUrl(), discord.apiUrl(),
                discord.gatewayUrl()), Map.of());
        openAi.enqueueError(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + OPENAI_KEY
                + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", Map.of());
        openAi.enqueueFixture(502, "openai/error_502_cloudflare.html", Map.of());
        openAi.enqueueDisconnect(OpenAiStreams.unfinished("Half of it"));
        openAi.enqueueError(500, "relay failed for key " + OPENAI_KEY, Map.of());
        telegram.failNext("getUpdates", 1, 502, "<html>Bad Gateway for /bot" + TELEGRAM_TOKEN + "/getUpdates</html>");
        telegram.dropNext("getUpdates", 1);
        telegram.failNextWhen("sendMessage", 1, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request:"
                + " token " + TELEGRAM_TOKEN + " rejected\"}", parameters -> true);

        BotRuntime runtime = track(BotRuntime.start(config));
        TelegramAdapter polling = track(new TelegramAdapter(config.telegram(), runtime.engine()));
        polling.start();
        for (int message = 1; message <= 5; message++) {
            telegram.pushUpdate(Fixtures.read("telegram/private_text.json")
                    .replace("\"message_id\": 11", "\"message_id\": " + message)
                    .replace("100000001", String.valueOf(100000000 + message)));
        }
        List<String> replies = new ArrayList<>();
        for (int message = 1; message <= 5; message++) {
            long chat = 100000000 + message;
            replies.add(Await.value(Duration.ofSeconds(20), "a reply in chat " + chat, () -> telegram.texts(chat),
                    texts -> !texts.isEmpty()).getFirst());
        }
        shown.addAll(replies);
        // Answers stream, so the first text seen may be only their beginning.
        long answered = replies.stream().filter(text -> FakeOpenAiServer.DEFAULT_ANSWER.startsWith(text)
                || text.startsWith("Half")).count();
        assertThat(answered).isEqualTo(2);
        shown.add(String.valueOf(catchThrowable(() -> DiscordTokenCheck.verify(
                withDiscordApi(config, "http://127.0.0.1:" + closedPort() + "/api/v10/"), Duration.ofSeconds(5)))
                .getMessage()));
        discord.failNext("GET", "users/@me", 1, 401, 0, "401: Unauthorized");
        shown.add(String.valueOf(catchThrowable(() -> new DiscordAdapter(config.discord(), runtime.engine())
                .start(Duration.ofSeconds(10))).getMessage()));
        rejectedWebhookRequests(config, runtime);

        assertThat(shown).hasSizeGreaterThanOrEqualTo(7);
        assertNoSecret();
        ReliabilityReport.forClass(SecretLeakTest.class).record("Secrets",
                "the check command and a running bot with a rejected key and token, 401s, unreachable endpoints, a relay"
                        + " and a Bot API echoing the key and token, broken streams, webhook calls with wrong secrets",
                17, "no key, token or webhook secret in standard output or error, in any log line at any level, in"
                        + " exception messages or in what members were sent", 5, 2, 3);
    }

    private void rejectedWebhookRequests(BotConfig config, BotRuntime runtime) throws Exception {
        var webhook = new TelegramWebhookSettings(URI.create("https://bot.example.com/hook"),
                new InetSocketAddress("127.0.0.1", 0), WEBHOOK_SECRET);
        FakeTelegramServer telegram = track(new FakeTelegramServer(TELEGRAM_TOKEN, Fixtures.read("telegram/getme.json")));
        var settings = new io.chatbridge.config.TelegramSettings(TELEGRAM_TOKEN, telegram.baseUrl(), null,
                java.util.Set.of());
        TelegramAdapter adapter = track(new TelegramAdapter(settings, webhook, runtime.engine()));
        adapter.start();
        String setWebhook = telegram.calls("setWebhook").getFirst().parameters().path("secret_token").asText();
        assertThat(setWebhook).isEqualTo(WEBHOOK_SECRET);
        int port = adapter.webhookAddress().getPort();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String secret : List.of("wrong", WEBHOOK_SECRET.substring(1))) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hook"))
                        .header("X-Telegram-Bot-Api-Secret-Token", secret)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(401);
            }
        }
        assertThat(config.telegram().token()).isEqualTo(TELEGRAM_TOKEN);
    }

    private void assertNoSecret() {
        String everything = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)
                + logs.text() + String.join("\n", shown);
        assertThat(logs.lines()).isNotEmpty();
        for (String secret : SECRETS) {
            assertThat(everything).as("output searched for a secret").doesNotContain(secret);
        }
        // The token's secret half alone is a leak too; the bot id before the colon is public.
        assertThat(everything).doesNotContain(TELEGRAM_TOKEN.substring(TELEGRAM_TOKEN.indexOf(':') + 1));
    }

    private int check(Path config) {
        return new CommandLine(new Main()).execute("check", "--config", config.toString());
    }

    private Path config(String openAiUrl, String telegramUrl, String discordApi, String discordGateway)
            throws IOException {
        Path file = Files.createTempFile(dir, "chatbridge", ".yaml");
        Files.writeString(file, """
                openai:
                  api_key: %s
                  base_url: %s
                  max_retries: 0
                  idle_timeout: 2s
                telegram:
                  token: %s
                  api_url: %s
                discord:
                  token: %s
                  api_url: %s
                  gateway_url: %s
                data_dir: %s
                """.formatted(OPENAI_KEY, openAiUrl, TELEGRAM_TOKEN, telegramUrl, DISCORD_TOKEN, discordApi,
                discordGateway, dir.resolve("data")));
        return file;
    }

    private static io.chatbridge.config.DiscordSettings withDiscordApi(BotConfig config, String apiUrl) {
        var discord = config.discord();
        return new io.chatbridge.config.DiscordSettings(discord.token(), apiUrl, discord.gatewayUrl(), null,
                discord.answerAllChannels(), discord.threadPerQuestionChannels());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }

    /** Writes to a buffer and to the original stream, so output still shows in the report. */
    private static final class Tee extends java.io.OutputStream {
        private final ByteArrayOutputStream buffer;
        private final PrintStream original;

        Tee(ByteArrayOutputStream buffer, PrintStream original) {
            this.buffer = buffer;
            this.original = original;
        }

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
            original.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            buffer.write(bytes, offset, length);
            original.write(bytes, offset, length);
        }
    }
}
