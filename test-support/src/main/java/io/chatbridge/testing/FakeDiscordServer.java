package io.chatbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local Discord for tests: the REST API and the gateway WebSocket on one port of 127.0.0.1,
 * replaying the shared fixtures so that the real JDA library can log in, receive events and
 * reply to them.
 *
 * <p>REST: {@code GET users/@me}, {@code GET gateway} and {@code gateway/bot}, channel message
 * {@code POST}/{@code PATCH}/{@code DELETE}, threads started on messages, typing, interaction callbacks, interaction webhooks
 * ({@code @original} and follow-ups) and {@code PUT applications/{id}/commands}. Every request is
 * recorded with its JSON body; anything else gets Discord's 404 body. Gateway: sends HELLO, answers
 * IDENTIFY with READY and GUILD_CREATE (the test server of the fixtures), acknowledges heartbeats
 * and pushes whatever {@link #dispatch} is given.
 *
 * <p>Thread-safe. Closing stops the server and drops open sockets.
 */
public final class FakeDiscordServer implements AutoCloseable {

    /** The bot's user id, which is also its application id, in every fixture. */
    public static final String BOT_USER_ID = "1300000000000000001";
    /** A placeholder bot token; the fake accepts any token. */
    public static final String BOT_TOKEN = "placeholder-discord-bot-token";
    /** The guild of the fixtures. */
    public static final String GUILD_ID = "1300000000000000100";
    /** The guild text channel {@code #general}. */
    public static final String GENERAL_CHANNEL_ID = "1300000000000000200";
    /** The direct-message channel of {@code message_dm.json}. */
    public static final String DM_CHANNEL_ID = "1300000000000000300";
    /** The thread {@code support-ticket} below {@code #general}. */
    public static final String THREAD_ID = "1300000000000000400";

    private static final String API_PREFIX = "api/v10";
    private static final String GATEWAY_PATH = "gateway-ws";

    private final ObjectMapper json = new ObjectMapper();
    private final FakeSnowflakes snowflakes = new FakeSnowflakes();
    private final MockWebServer server = new MockWebServer();
    private final FakeDiscordGateway gateway = new FakeDiscordGateway();
    private final FakeDiscordRest rest = new FakeDiscordRest(snowflakes, this::gatewayUrl, GUILD_ID);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition recorded = lock.newCondition();
    private final List<RecordedDiscordRequest> requests = new ArrayList<>();
    private final Map<String, Attachment> attachments = new java.util.concurrent.ConcurrentHashMap<>();

    /** A file served below {@code /attachments/}, as Discord's CDN serves attachments. */
    private record Attachment(byte[] content, String contentType) {}

    private FakeDiscordServer() {
    }

    /**
     * Starts a server on a free port of 127.0.0.1.
     *
     * @throws IOException when no port can be bound
     */
    public static FakeDiscordServer start() throws IOException {
        FakeDiscordServer fake = new FakeDiscordServer();
        fake.server.setDispatcher(fake.new Routes());
        fake.server.start(InetAddress.getByName("127.0.0.1"), 0);
        fake.gateway.resumeUrl(fake.gatewayUrl());
        return fake;
    }

    /** Returns the REST base URL to give JDA's {@code RestConfig}, ending in {@code /}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/" + API_PREFIX + "/";
    }

    /** Returns the gateway URL to give JDA's {@code SessionController}, without a query. */
    public String gatewayUrl() {
        return "ws://127.0.0.1:" + server.getPort() + "/" + GATEWAY_PATH;
    }

    /** Returns a fresh copy of a fixture from {@code shared/fixtures/discord}, such as {@code message_dm.json}. */
    public JsonNode fixture(String fileName) {
        return Fixtures.json("discord/" + fileName);
    }

    /**
     * Pushes a gateway fixture (a whole {@code op: 0} frame) as a dispatch with the next sequence
     * number.
     *
     * @return the event data as sent
     */
    public JsonNode dispatchFixture(String fileName) {
        JsonNode frame = fixture(fileName);
        return dispatch(frame.path("t").asText(), frame.path("d"));
    }

    /**
     * Pushes a dispatch event on the current gateway session. {@code INTERACTION_CREATE} data gets
     * a snowflake id made from the current time, because JDA rejects interactions older than 15
     * minutes. It also gets a {@code guild} object when it names a guild without one, and its
     * token is registered so that callbacks and webhook calls for it succeed.
     *
     * @return the event data as sent
     * @throws IllegalStateException when no client has identified yet
     */
    public JsonNode dispatch(String eventType, JsonNode data) {
        JsonNode sent = data.deepCopy();
        if (eventType.equals("INTERACTION_CREATE")) {
            prepareInteraction((ObjectNode) sent);
        }
        gateway.dispatch(eventType, sent);
        return sent;
    }

    private void prepareInteraction(ObjectNode interaction) {
        interaction.put("id", snowflakes.next());
        String guildId = interaction.path("guild_id").asText("");
        if (!guildId.isEmpty() && !interaction.has("guild")) {
            ObjectNode guild = interaction.putObject("guild");
            guild.put("id", guildId);
            guild.put("locale", interaction.path("guild_locale").asText("en-US"));
            guild.putArray("features");
        }
        rest.registerInteraction(interaction.path("token").asText(), interaction.path("channel_id").asText());
    }

    /** Makes the gateway close the socket with this code, such as 4014, on every later IDENTIFY. */
    public void closeGatewayOnIdentify(int closeCode, String reason) {
        gateway.closeOnIdentify(closeCode, reason);
    }

    /** Waits until a client has sent IDENTIFY {@code count} times in all; returns false on timeout. */
    public boolean awaitIdentify(int count, Duration timeout) throws InterruptedException {
        return gateway.awaitIdentifies(count, timeout);
    }

    /** Returns every IDENTIFY payload received, oldest first. */
    public List<JsonNode> identifyPayloads() {
        return gateway.identifyPayloads();
    }

    /** Waits until {@code count} heartbeats in all were acknowledged; returns false on timeout. */
    public boolean awaitHeartbeatAcks(int count, Duration timeout) throws InterruptedException {
        return gateway.awaitHeartbeatAcks(count, timeout);
    }

    /**
     * Answers the next {@code count} requests with this method and a path matching the regular
     * expression with HTTP 429, Discord's rate-limit body from {@code rest_error_429.json} and the
     * headers Discord's own (not Cloudflare's) 429s carry: {@code Via}, {@code Retry-After} and
     * {@code X-RateLimit-*}.
     *
     * @param pathRegex matched against the path below the API base, such as
     *     {@code channels/\d+/messages}
     */
    public void rateLimitNext(String method, String pathRegex, int count) {
        JsonNode body = fixture("rest_error_429.json");
        double retryAfterSeconds = body.path("retry_after").asDouble();
        long resetEpochSeconds = Instant.now().getEpochSecond() + (long) Math.ceil(retryAfterSeconds);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Via", "1.1 google");
        headers.put("Retry-After", Long.toString((long) Math.ceil(retryAfterSeconds)));
        headers.put("X-RateLimit-Limit", "5");
        headers.put("X-RateLimit-Remaining", "0");
        headers.put("X-RateLimit-Reset", Long.toString(resetEpochSeconds));
        headers.put("X-RateLimit-Reset-After", String.format(java.util.Locale.ROOT, "%.3f", retryAfterSeconds));
        headers.put("X-RateLimit-Bucket", "fake-" + Integer.toHexString(pathRegex.hashCode()));
        headers.put("X-RateLimit-Scope", "user");
        rest.injectFailure(method, pathRegex, count, new FakeDiscordRest.Reply(429, headers, body.toString()));
    }

    /**
     * Answers the next {@code count} requests with this method and a path matching the regular
     * expression with an error status and Discord's error body {@code {"message": ..., "code": ...}}.
     */
    public void failNext(String method, String pathRegex, int count, int status, int discordCode, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("message", message);
        body.put("code", discordCode);
        rest.injectFailure(method, pathRegex, count,
                new FakeDiscordRest.Reply(status, Map.of("Via", "1.1 google"), body.toString()));
    }

    /**
     * Serves a file at {@code http://127.0.0.1:<port>/attachments/<path>}, the URL shape of the
     * attachment fixtures once {@code PORT} is replaced by {@link #port()}.
     *
     * @param path the path below {@code attachments/}, such as {@code 1300000000000000200/1300000000000002001/photo.png}
     */
    public void addAttachment(String path, byte[] content, String contentType) {
        attachments.put(path, new Attachment(content.clone(), contentType));
    }

    /** Returns the port of the REST API, the gateway and the attachment files. */
    public int port() {
        return server.getPort();
    }

    /** Returns every REST request received so far, oldest first. */
    public List<RecordedDiscordRequest> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** Returns the requests received so far with this method and a path matching the regular expression. */
    public List<RecordedDiscordRequest> requests(String method, String pathRegex) {
        return requests().stream().filter(request -> request.is(method, pathRegex)).toList();
    }

    /**
     * Waits for the first request (already received or arriving later) that matches.
     *
     * @throws TimeoutException when none arrives in time; the message lists what did arrive
     */
    public RecordedDiscordRequest awaitRequest(Predicate<RecordedDiscordRequest> condition, Duration timeout)
            throws InterruptedException, TimeoutException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (RecordedDiscordRequest request : requests) {
                    if (condition.test(request)) {
                        return request;
                    }
                }
                if (remaining <= 0) {
                    throw new TimeoutException("No matching request within " + timeout + "; received: " + requests);
                }
                remaining = recorded.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the first request with this method and a path matching the regular expression. */
    public RecordedDiscordRequest awaitRequest(String method, String pathRegex, Duration timeout)
            throws InterruptedException, TimeoutException {
        return awaitRequest(request -> request.is(method, pathRegex), timeout);
    }

    /**
     * Returns the current text of the messages the bot has in a channel (sent, edited, not deleted),
     * oldest first. Interaction responses count as messages of the interaction's channel.
     */
    public List<String> channelMessages(String channelId) {
        lock.lock();
        try {
            return rest.channelMessages(channelId);
        } finally {
            lock.unlock();
        }
    }

    /** Returns the threads the bot started on messages ({@code POST channels/{id}/messages/{id}/threads}), oldest first. */
    public List<JsonNode> startedThreads() {
        return rest.threads();
    }

    /** Returns the application commands as last registered, a JSON array. */
    public JsonNode registeredCommands() {
        return rest.commands();
    }

    @Override
    public void close() {
        gateway.close();
        server.close();
    }

    private void record(RecordedRequest request, List<String> path, JsonNode body, int status) {
        lock.lock();
        try {
            String query = request.getUrl().encodedQuery();
            requests.add(new RecordedDiscordRequest(requests.size() + 1, request.getMethod(),
                    String.join("/", path), query == null ? "" : query, body, status, Instant.now()));
            recorded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private JsonNode parseBody(RecordedRequest request) {
        String contentType = request.getHeaders().get("Content-Type");
        if (request.getBody() == null || contentType == null || !contentType.startsWith("application/json")) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(request.getBody().utf8());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** Sends each request to the gateway or the REST routes. */
    private final class Routes extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            List<String> segments = request.getUrl().pathSegments();
            if (segments.size() == 1 && segments.get(0).equals(GATEWAY_PATH)) {
                return new MockResponse.Builder().webSocketUpgrade(gateway).build();
            }

            if (!segments.isEmpty() && segments.get(0).equals("attachments")) {
                return attachment(String.join("/", segments.subList(1, segments.size())));
            }
            List<String> path = belowApiPrefix(segments);
            JsonNode body = parseBody(request);
            // Handled and recorded under one lock, so a test that sees the new message state also
            // sees the request that made it.
            FakeDiscordRest.Reply reply;
            lock.lock();
            try {
                reply = rest.handle(request.getMethod(), path, body);
                record(request, path, body, reply.status());
            } finally {
                lock.unlock();
            }

            MockResponse.Builder response = new MockResponse.Builder().code(reply.status());
            reply.headers().forEach(response::setHeader);
            if (!reply.body().isEmpty()) {
                response.setHeader("Content-Type", "application/json").body(reply.body());
            }
            return response.build();
        }

        private MockResponse attachment(String path) {
            Attachment file = attachments.get(path);
            if (file == null) {
                return new MockResponse.Builder().code(404).body("Not Found").build();
            }
            return new MockResponse.Builder().code(200).setHeader("Content-Type", file.contentType())
                    .body(new okio.Buffer().write(file.content())).build();
        }

        private List<String> belowApiPrefix(List<String> segments) {
            List<String> prefix = List.of(API_PREFIX.split("/"));
            if (segments.size() >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix)) {
                return segments.subList(prefix.size(), segments.size());
            }
            return segments;
        }
    }
}
