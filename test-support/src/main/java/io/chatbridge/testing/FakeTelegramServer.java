package io.chatbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A local Telegram Bot API server on 127.0.0.1 for tests, driven by the real TelegramBots library.
 *
 * <p>It serves {@code getMe}, {@code deleteWebhook}, {@code setWebhook}, long-polled
 * {@code getUpdates}, {@code sendMessage}, {@code editMessageText}, {@code sendChatAction},
 * {@code getFile} and file downloads, keeps the text of every message the bot sent so tests can
 * read what a member would see, and answers an edit that changes nothing with Telegram's "message
 * is not modified" error. Failures and dropped connections can be scripted per method. Method
 * names are matched without regard to case, because TelegramBots sends some in lower case.
 * Parameters are read from the query, JSON, form and multipart bodies.
 */
public final class FakeTelegramServer implements AutoCloseable {

    static {
        LoopbackHttp.disableNagle();
    }

    /** One Bot API call as the server received it. */
    public record Call(String method, JsonNode parameters) {}

    /** A message the bot sent, with its current text. */
    public record SentMessage(long chatId, int messageId, String text, String parseMode, JsonNode lastRequest) {}

    /** A scripted failure; status {@value #DROP} drops the connection without any response. */
    private record ScriptedFailure(int status, String body, Predicate<JsonNode> when) {}

    private static final int DROP = 0;

    /**
     * Writes non-ASCII characters as {@code \\u} escapes, which JSON allows, so that a text with an
     * unpaired surrogate reaches the client as the escape Telegram would send instead of {@code ?}.
     */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final Duration MAX_POLL = Duration.ofSeconds(2);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String token;
    private final String getMeBody;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> downloads = new CopyOnWriteArrayList<>();
    private final Deque<ObjectNode> updates = new ArrayDeque<>();
    private final Map<String, Deque<ScriptedFailure>> failures = new ConcurrentHashMap<>();
    private final Map<Long, Map<Integer, SentMessage>> messages = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> filePaths = new ConcurrentHashMap<>();
    private final AtomicLong nextUpdateId = new AtomicLong(900_000_001);
    private final AtomicLong nextMessageId = new AtomicLong(5_000);
    private final List<java.util.function.Consumer<SentMessage>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Starts a server on a free port of 127.0.0.1.
     *
     * @param token the only bot token it accepts; other tokens get 401 Unauthorized
     * @param getMeBody the whole {@code getMe} response body, such as the fixture's
     */
    public FakeTelegramServer(String token, String getMeBody) throws IOException {
        this.token = token;
        this.getMeBody = getMeBody;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Returns the base URL to give as {@code TELEGRAM_API_URL}, such as {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Queues an update for {@code getUpdates}. Its {@code update_id} is replaced by the next one in
     * sequence, since the library drops ids it has seen.
     *
     * @return the {@code update_id} given to the update
     */
    public long pushUpdate(String updateJson) {
        try {
            ObjectNode update = (ObjectNode) JSON.readTree(updateJson);
            long id = nextUpdateId.getAndIncrement();
            update.put("update_id", id);
            synchronized (updates) {
                updates.add(update);
                updates.notifyAll();
            }
            return id;
        } catch (IOException e) {
            throw new IllegalArgumentException("update is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the next {@code times} calls of a method fail with the given status and body (for
     * example a fixture's flood-control answer).
     */
    public void failNext(String method, int times, int status, String body) {
        failNextWhen(method, times, status, body, parameters -> true);
    }

    /** Like {@link #failNext} but only for calls whose parameters match. */
    public void failNextWhen(String method, int times, int status, String body, Predicate<JsonNode> when) {
        Deque<ScriptedFailure> queue = failures.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(new ScriptedFailure(status, body, when));
            }
        }
    }

    /** Calls {@code listener} with every message the bot sends or edits, right after the server stores it. */
    public void addMessageListener(java.util.function.Consumer<SentMessage> listener) {
        listeners.add(listener);
    }

    private void notifyListeners(SentMessage message) {
        for (java.util.function.Consumer<SentMessage> listener : listeners) {
            listener.accept(message);
        }
    }

    /**
     * Makes the next {@code times} calls of a method end with the connection closed before any
     * response, as a network drop or a crashing proxy would.
     */
    public void dropNext(String method, int times) {
        failNext(method, times, DROP, "");
    }

    /** Serves a file at {@code getFile} for the given file id, with the file path {@code files/<fileId>}. */
    public void addFile(String fileId, byte[] content) {
        addFile(fileId, "files/" + fileId, content);
    }

    /**
     * Serves a file at {@code getFile} for the given file id under a chosen file path, such as
     * {@code voice/file_12.oga} as Telegram names voice notes.
     */
    public void addFile(String fileId, String filePath, byte[] content) {
        files.put(fileId, content.clone());
        filePaths.put(fileId, filePath);
    }

    /** Returns the file paths downloaded so far ({@code GET /file/bot<token>/<path>}), oldest first. */
    public List<String> downloads() {
        return List.copyOf(downloads);
    }

    /** Returns every call received so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Returns the calls of one method, matched without regard to case. */
    public List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equalsIgnoreCase(method)).toList();
    }

    /** Returns the messages the bot sent to a chat, oldest first, with their current text. */
    public List<SentMessage> messages(long chatId) {
        Map<Integer, SentMessage> chat = messages.getOrDefault(chatId, Map.of());
        synchronized (chat) {
            return List.copyOf(chat.values());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String filePrefix = "/file/bot" + token + "/";
            if (path.startsWith(filePrefix)) {
                serveFile(exchange, path.substring(filePrefix.length()));
                return;
            }
            String prefix = "/bot" + token + "/";
            if (!path.startsWith(prefix)) {
                respond(exchange, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                return;
            }
            String method = path.substring(prefix.length());
            JsonNode parameters = readParameters(exchange);
            calls.add(new Call(method, parameters));

            ScriptedFailure failure = takeFailure(method, parameters);
            if (failure != null && failure.status() == DROP) {
                throw new DroppedConnection();
            }
            if (failure != null) {
                respond(exchange, failure.status(), failure.body());
                return;
            }
            dispatch(exchange, method.toLowerCase(Locale.ROOT), parameters);
        } catch (DroppedConnection e) {
            // The JDK server closes the socket without a response when a handler throws.
            throw e;
        } catch (RuntimeException e) {
            respond(exchange, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"fake server: " + e + "\"}");
        }
    }

    private void dispatch(HttpExchange exchange, String method, JsonNode parameters) throws IOException {
        switch (method) {
            case "getme" -> respond(exchange, 200, getMeBody);
            case "deletewebhook", "setwebhook", "sendchataction", "setmycommands", "close", "logout" ->
                    ok(exchange, JSON.getNodeFactory().booleanNode(true));
            case "getupdates" -> ok(exchange, pollUpdates(parameters));
            case "sendmessage" -> sendMessage(exchange, parameters);
            case "editmessagetext" -> editMessage(exchange, parameters);
            case "getfile" -> getFile(exchange, parameters);
            default -> respond(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method "
                    + method + " is not served by the fake\"}");
        }
    }

    private ArrayNode pollUpdates(JsonNode parameters) {
        long offset = parameters.path("offset").asLong(0);
        long waitMillis = Math.min(parameters.path("timeout").asLong(0) * 1000, MAX_POLL.toMillis());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        ArrayNode result = JSON.createArrayNode();
        synchronized (updates) {
            updates.removeIf(update -> update.path("update_id").asLong() < offset);
            while (updates.isEmpty() && !closed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(updates, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            updates.forEach(result::add);
        }
        return result;
    }

    private void sendMessage(HttpExchange exchange, JsonNode parameters) throws IOException {
        long chatId = parameters.path("chat_id").asLong();
        String text = parameters.path("text").asText("");
        if (text.isEmpty()) {
            respond(exchange, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message text is empty\"}");
            return;
        }
        if (text.length() > 4096) {
            respond(exchange, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is too long\"}");
            return;
        }
        int messageId = (int) nextMessageId.getAndIncrement();
        SentMessage sent = new SentMessage(chatId, messageId, text, parameters.path("parse_mode").asText(""), parameters);
        Map<Integer, SentMessage> chat = messages.computeIfAbsent(chatId, id -> new LinkedHashMap<>());
        synchronized (chat) {
            chat.put(messageId, sent);
        }
        notifyListeners(sent);
        ok(exchange, messageJson(chatId, messageId, text, parameters));
    }

    private void editMessage(HttpExchange exchange, JsonNode parameters) throws IOException {
        long chatId = parameters.path("chat_id").asLong();
        int messageId = parameters.path("message_id").asInt();
        String text = parameters.path("text").asText("");
        Map<Integer, SentMessage> chat = messages.getOrDefault(chatId, new LinkedHashMap<>());
        synchronized (chat) {
            SentMessage previous = chat.get(messageId);
            if (previous == null) {
                respond(exchange, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message to edit not found\"}");
                return;
            }
            if (text.length() > 4096) {
                respond(exchange, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: MESSAGE_TOO_LONG\"}");
                return;
            }
            String parseMode = parameters.path("parse_mode").asText("");
            if (previous.text().equals(text) && previous.parseMode().equals(parseMode)) {
                respond(exchange, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is not"
                        + " modified: specified new message content and reply markup are exactly the same as a current"
                        + " content and reply markup of the message\"}");
                return;
            }
            SentMessage edited = new SentMessage(chatId, messageId, text, parseMode, parameters);
            chat.put(messageId, edited);
            notifyListeners(edited);
        }
        ok(exchange, messageJson(chatId, messageId, text, parameters));
    }

    private void getFile(HttpExchange exchange, JsonNode parameters) throws IOException {
        String fileId = parameters.path("file_id").asText();
        byte[] content = files.get(fileId);
        if (content == null) {
            respond(exchange, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: invalid file_id\"}");
            return;
        }
        ObjectNode file = JSON.createObjectNode();
        file.put("file_id", fileId);
        file.put("file_unique_id", "u" + fileId.hashCode());
        file.put("file_size", content.length);
        file.put("file_path", filePaths.getOrDefault(fileId, "files/" + fileId));
        ok(exchange, file);
    }

    private void serveFile(HttpExchange exchange, String filePath) throws IOException {
        downloads.add(filePath);
        String fileId = filePaths.entrySet().stream()
                .filter(entry -> entry.getValue().equals(filePath))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("");
        byte[] content = files.get(fileId);
        if (content == null) {
            respond(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, content.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(content);
        }
    }

    private ObjectNode messageJson(long chatId, int messageId, String text, JsonNode parameters) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", messageId);
        message.put("date", 1764800100);
        ObjectNode from = message.putObject("from");
        from.put("id", 7000000001L);
        from.put("is_bot", true);
        from.put("first_name", "ChatBridge");
        from.put("username", "chatbridge_test_bot");
        ObjectNode chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", chatId < 0 ? "supergroup" : "private");
        if (parameters.hasNonNull("message_thread_id")) {
            message.put("message_thread_id", parameters.path("message_thread_id").asInt());
            message.put("is_topic_message", true);
        }
        message.put("text", text);
        return message;
    }

    private ScriptedFailure takeFailure(String method, JsonNode parameters) {
        Deque<ScriptedFailure> queue = failures.get(method.toLowerCase(Locale.ROOT));
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            ScriptedFailure next = queue.peek();
            if (next != null && next.when().test(parameters)) {
                return queue.poll();
            }
            return null;
        }
    }

    private static JsonNode readParameters(HttpExchange exchange) throws IOException {
        ObjectNode parameters = JSON.createObjectNode();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            parseForm(query, parameters);
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (body.length == 0) {
            return parameters;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            parseForm(text, parameters);
            return parameters;
        }
        if (contentType != null && contentType.startsWith("multipart/form-data")) {
            parseMultipart(text, contentType, parameters);
            return parameters;
        }
        JsonNode json = JSON.readTree(text);
        if (json instanceof ObjectNode object) {
            parameters.setAll(object);
        }
        return parameters;
    }

    private static void parseForm(String form, ObjectNode into) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                into.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
    }

    /** Reads the text parts of a multipart body, as TelegramBots sends {@code setWebhook}. */
    private static void parseMultipart(String body, String contentType, ObjectNode into) {
        int at = contentType.indexOf("boundary=");
        if (at < 0) {
            return;
        }
        String boundary = "--" + contentType.substring(at + "boundary=".length()).replace("\"", "").strip();
        for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            int nameAt = part.indexOf("name=\"");
            if (headersEnd < 0 || nameAt < 0 || nameAt > headersEnd) {
                continue;
            }
            String name = part.substring(nameAt + "name=\"".length(), part.indexOf('"', nameAt + "name=\"".length()));
            String value = part.substring(headersEnd + 4);
            into.put(name, value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
        }
    }

    private static void ok(HttpExchange exchange, JsonNode result) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("ok", true);
        body.set("result", result);
        respond(exchange, 200, JSON.writeValueAsString(body));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (updates) {
            updates.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    /** Thrown inside a handler so that the JDK server closes the connection without a response. */
    private static final class DroppedConnection extends RuntimeException {
        DroppedConnection() {
            super("scripted connection drop", null, false, false);
        }
    }

    /** Returns the updates still waiting to be fetched. */
    public int pendingUpdates() {
        synchronized (updates) {
            return updates.size();
        }
    }

    /** Returns all the texts the bot sent to a chat, oldest first, as a member would read them now. */
    public List<String> texts(long chatId) {
        List<String> texts = new ArrayList<>();
        for (SentMessage message : messages(chatId)) {
            texts.add(message.text());
        }
        return texts;
    }
}
