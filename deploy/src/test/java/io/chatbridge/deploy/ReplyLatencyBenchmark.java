package io.chatbridge.deploy;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the packaged jar against the local fakes with a model that answers at once: time to
 * start, resident memory while idle, and the time from a Telegram update to the final text of
 * its answer, one chat at a time and many chats at once.
 *
 * <p>Not part of the test suite (its name matches no test pattern). Run it with
 * {@code scripts/bench.sh}; it prints a Markdown table to standard output and to
 * {@code deploy/target/benchmark.md}. Bounded: a fixed number of messages, each waited for at
 * most 30 s.
 *
 * <p>With {@code -Dbench.metrics=true} the jar also serves {@code /metrics} on a free loopback
 * port, scraped once after the warm-up, so the idle memory includes the metrics.
 */
class ReplyLatencyBenchmark {

    private static final String TOKEN = "123456:TEST_token_for_benchmark";
    private static final int SEQUENTIAL = Integer.getInteger("bench.sequential", 200);
    private static final int CONCURRENT_CHATS = Integer.getInteger("bench.concurrent", 50);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final boolean METRICS = Boolean.getBoolean("bench.metrics");

    @TempDir
    Path workDir;

    // When each chat first showed any text, and the first-text latencies of the sequential run.
    private final Map<Long, Long> firstTextAt = new ConcurrentHashMap<>();
    private final List<Long> firstTexts = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void measure() throws Exception {
        List<String> report = new ArrayList<>();
        report.add("| JVM options | start to first poll (ms) | idle RSS (MiB) | update to first text, p50 / p99 (ms) | update to final answer, sequential p50 / p90 / p99 (ms) | "
                + CONCURRENT_CHATS + " chats at once, p50 / p99 (ms) |");
        report.add("|---|---|---|---|---|---|");
        report.add(run(List.of()));
        report.add(run(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1")));
        report.add(run(List.of("-XX:+UseSerialGC", "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m",
                "-Xss512k")));

        String table = String.join("\n", report);
        System.out.println(table);
        Files.writeString(Path.of("target/benchmark.md"), table + "\n");
    }

    private String run(List<String> jvmOptions) throws Exception {
        try (FakeTelegramServer telegram = new FakeTelegramServer(TOKEN, Fixtures.read("telegram/getme.json"));
                FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            Map<Long, CountDownLatch> answered = new ConcurrentHashMap<>();
            firstTextAt.clear();
            telegram.addMessageListener(message -> {
                firstTextAt.putIfAbsent(message.chatId(), System.nanoTime());
                if (message.text().equals(FakeOpenAiServer.DEFAULT_ANSWER)) {
                    CountDownLatch latch = answered.get(message.chatId());
                    if (latch != null) {
                        latch.countDown();
                    }
                }
            });

            Path dir = Files.createTempDirectory(workDir, "run");
            Map<String, String> env = env(telegram, openAi, dir);
            int metricsPort = METRICS ? freePort() : 0;
            if (METRICS) {
                env.put("CHATBRIDGE_METRICS_LISTEN", "127.0.0.1:" + metricsPort);
            }
            long launched = System.nanoTime();
            try (BotProcess bot = BotProcess.startWithJvmOptions(dir, env, jvmOptions, "run")) {
                io.chatbridge.testing.Await.until(WAIT, "the first getUpdates", () -> !telegram.calls("getUpdates").isEmpty());
                long startMillis = (System.nanoTime() - launched) / 1_000_000;

                List<Long> warmup = sequential(telegram, answered, 50, 1_000_000L);
                if (METRICS) {
                    scrape(metricsPort);
                }
                Thread.sleep(3000); // let the JIT and GC settle before reading the idle footprint
                long rssMiB = residentMiB(bot.pid());
                firstTexts.clear();
                List<Long> sequential = sequential(telegram, answered, SEQUENTIAL, 2_000_000L);
                List<Long> first = List.copyOf(firstTexts);
                List<Long> concurrent = concurrent(telegram, answered, CONCURRENT_CHATS, 3_000_000L);
                bot.stop(WAIT);

                String options = (jvmOptions.isEmpty() ? "defaults" : String.join(" ", jvmOptions))
                        + (METRICS ? ", metrics on" : "");
                return "| " + options + " | " + startMillis + " | " + rssMiB + " | " + percentile(first, 50) + " / "
                        + percentile(first, 99) + " | " + percentile(sequential, 50) + " / "
                        + percentile(sequential, 90) + " / " + percentile(sequential, 99) + " | "
                        + percentile(concurrent, 50) + " / " + percentile(concurrent, 99) + " |"
                        + (warmup.isEmpty() ? "" : "");
            }
        }
    }

    private static Map<String, String> env(FakeTelegramServer telegram, FakeOpenAiServer openAi, Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "sk-test-benchmark-placeholder");
        env.put("OPENAI_BASE_URL", openAi.baseUrl());
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("TELEGRAM_API_URL", telegram.baseUrl());
        env.put("CHATBRIDGE_DATA_DIR", dir.resolve("data").toString());
        env.put("CHATBRIDGE_LOG_LEVEL", "WARN");
        return env;
    }

    // Each message comes from its own private chat, so every answer is a new conversation.
    private List<Long> sequential(FakeTelegramServer telegram, Map<Long, CountDownLatch> answered, int count,
            long firstChat) throws InterruptedException {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long chat = firstChat + i;
            CountDownLatch latch = new CountDownLatch(1);
            answered.put(chat, latch);
            long sent = System.nanoTime();
            telegram.pushUpdate(privateUpdate(chat));
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no answer in chat " + chat);
            }
            millis.add((System.nanoTime() - sent) / 1_000_000);
            firstTexts.add((firstTextAt.get(chat) - sent) / 1_000_000);
        }
        return millis;
    }

    private static List<Long> concurrent(FakeTelegramServer telegram, Map<Long, CountDownLatch> answered, int chats,
            long firstChat) throws InterruptedException {
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        List<Thread> waiters = new ArrayList<>();
        long sent = System.nanoTime();
        for (int i = 0; i < chats; i++) {
            long chat = firstChat + i;
            CountDownLatch latch = new CountDownLatch(1);
            answered.put(chat, latch);
            telegram.pushUpdate(privateUpdate(chat));
            waiters.add(Thread.ofVirtual().start(() -> {
                try {
                    if (latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        millis.add((System.nanoTime() - sent) / 1_000_000);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread waiter : waiters) {
            waiter.join(WAIT);
        }
        if (millis.size() != chats) {
            throw new AssertionError("only " + millis.size() + " of " + chats + " chats were answered");
        }
        return millis;
    }

    private static String privateUpdate(long chat) {
        return Fixtures.read("telegram/private_text.json").replace("100000001", String.valueOf(chat));
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void scrape(int port) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(WAIT)
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /metrics returned " + response.statusCode());
            }
        }
    }

    private static long residentMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IOException("no VmRSS line for process " + pid);
    }
}
