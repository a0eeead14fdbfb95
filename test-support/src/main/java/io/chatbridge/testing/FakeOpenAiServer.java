package io.chatbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP server on 127.0.0.1 that plays the OpenAI chat completions API.
 *
 * <p>Every request is recorded in arrival order (see {@link #requests()} and
 * {@link #awaitRequest(Duration)}). Each request, whatever its path, takes the next scripted
 * reply from the queue filled by the {@code enqueue...} methods. When the queue is empty, the
 * default responder replies: a {@code POST /v1/chat/completions} gets the text chosen by
 * {@link #answerWith(Function)} (default {@value #DEFAULT_ANSWER}), streamed when the request has
 * {@code "stream": true} and as a {@code chat.completion} body otherwise, with usage estimated as
 * one token per four code points, rounded up. Any other path gets a 404 error with code
 * {@code unknown_url}.
 *
 * <p>{@code POST /v1/audio/transcriptions} is served apart: its multipart uploads are recorded in
 * {@link #transcriptions()}, not in {@link #requests()}, and answered from their own script
 * ({@link #enqueueTranscript}, {@link #enqueueTranscriptionError}), or else with
 * {@value #DEFAULT_TRANSCRIPT} and token usage as {@code gpt-4o-mini-transcribe} reports it.
 *
 * <p>Streams are written one event at a time and flushed after each, so a client sees them as
 * separate chunks. The server is thread-safe; requests are served concurrently on virtual threads.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    static {
        LoopbackHttp.disableNagle();
    }

    /** The answer text of the default responder until {@link #answerWith(Function)} changes it. */
    public static final String DEFAULT_ANSWER = "This is a test!";

    /** The transcript of an upload that finds the transcription script empty. */
    public static final String DEFAULT_TRANSCRIPT = "This is a test transcript.";

    /** The maximum pause between two events of a paced stream, so that tests stay short. */
    private static final Duration MAX_GAP = Duration.ofSeconds(10);
    /** The maximum stall or silence, so that a forgotten reply cannot hold a test for long. */
    private static final Duration MAX_HOLD = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(FakeOpenAiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETIONS_PATH = "/v1/chat/completions";
    private static final String TRANSCRIPTIONS_PATH = "/v1/audio/transcriptions";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<ScriptedReply> script = new ConcurrentLinkedQueue<>();
    private final List<CapturedRequest> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<CapturedRequest> unclaimed = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<JsonNode, String> answerer = request -> DEFAULT_ANSWER;
    private final ConcurrentLinkedQueue<ScriptedReply> transcriptScript = new ConcurrentLinkedQueue<>();
    private final List<TranscriptionUpload> transcriptions = new CopyOnWriteArrayList<>();

    /**
     * Starts a server on a free port of 127.0.0.1.
     *
     * @throws UncheckedIOException when no port can be bound
     */
    public FakeOpenAiServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the fake OpenAI server to 127.0.0.1", e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Returns the base URL to configure a client with, such as {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Returns the port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Queues a 200 response that streams the given SSE text ({@code data:} lines) event by event. */
    public void enqueueStream(String sseBody) {
        script.add(exchange -> ScriptedReply.writeStream(exchange, sseBody));
    }

    /**
     * Queues a 200 {@code text/event-stream} response with these exact bytes, written in pieces of
     * at most {@code pieceBytes} with a flush after each, for streams with bytes that no Java
     * string can carry, such as invalid UTF-8.
     */
    public void enqueueStreamBytes(byte[] body, int pieceBytes) {
        if (pieceBytes < 1) {
            throw new IllegalArgumentException("pieceBytes must be at least 1, was " + pieceBytes);
        }
        byte[] copy = body.clone();
        script.add(exchange -> {
            ScriptedReply.startStream(exchange);
            for (int start = 0; start < copy.length; start += pieceBytes) {
                exchange.getResponseBody().write(copy, start, Math.min(pieceBytes, copy.length - start));
                exchange.getResponseBody().flush();
            }
        });
    }

    /**
     * Queues a 200 response that streams the given SSE text, waiting {@code gap} before each event
     * after the first, to test timeouts against a slow but steady stream.
     *
     * @param gap the pause between two events, at most 10 s so that a test stays short
     */
    public void enqueueStream(String sseBody, Duration gap) {
        if (gap.isNegative() || gap.compareTo(MAX_GAP) > 0) {
            throw new IllegalArgumentException("gap must be between 0 and " + MAX_GAP + ", was " + gap);
        }
        script.add(exchange -> {
            ScriptedReply.startStream(exchange);
            List<String> events = ScriptedReply.events(sseBody);
            for (int i = 0; i < events.size(); i++) {
                if (i > 0 && awaitClosing(gap)) {
                    return;
                }
                ScriptedReply.write(exchange, events.get(i));
            }
        });
    }

    /**
     * Queues a 200 response with a fixture file: a {@code .sse} file is streamed event by event,
     * any other file is sent whole with a media type chosen by its extension.
     *
     * @param fixture a path inside the fixture folder, such as {@code openai/stream_relay_no_space.sse}
     * @throws IllegalArgumentException when the fixture does not exist
     */
    public void enqueueFixture(String fixture) {
        String body = Fixtures.read(fixture);
        if ("text/event-stream".equals(Fixtures.contentTypeOf(fixture))) {
            enqueueStream(body);
        } else {
            enqueueFixture(200, fixture, Map.of());
        }
    }

    /**
     * Queues a response whose body is a fixture file, such as an error body.
     *
     * @param status the HTTP status
     * @param fixture a path inside the fixture folder, such as {@code openai/error_401_invalid_key.json}
     * @param headers extra response headers; a {@code content-type} here replaces the one chosen by
     *     the file extension
     * @throws IllegalArgumentException when the fixture does not exist
     */
    public void enqueueFixture(int status, String fixture, Map<String, String> headers) {
        String contentType = Fixtures.contentTypeOf(fixture);
        byte[] body = Fixtures.bytes(fixture);
        script.add(exchange -> ScriptedReply.writeWhole(exchange, status, contentType, body, headers));
    }

    /**
     * Queues a response with a status and body, such as an error.
     *
     * @param headers extra response headers; without a {@code content-type} among them, the type is
     *     JSON for a body starting with <code>{</code>, HTML for one starting with {@code <}, plain
     *     text otherwise
     */
    public void enqueueError(int status, String body, Map<String, String> headers) {
        String trimmed = body.stripLeading();
        String contentType = trimmed.startsWith("{") ? "application/json"
                : trimmed.startsWith("<") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        script.add(exchange -> ScriptedReply.writeWhole(exchange, status, contentType, bytes, headers));
    }

    /** Queues a correct stream of {@code answer} in small chunks, ending with this usage and {@code [DONE]}. */
    public void enqueueStreamOfText(String answer, int promptTokens, int completionTokens) {
        enqueueStream(OpenAiStreams.text(answer, promptTokens, completionTokens));
    }

    /**
     * Queues a 200 stream that sends {@code partialSse} and then nothing, holding the connection open
     * for {@code holdFor} (or until {@link #close()}) before ending the response. Use it to test
     * first-token and idle timeouts.
     *
     * @param partialSse events to send before stalling, possibly empty
     * @param holdFor how long to stall, positive and at most 60 s
     */
    public void enqueueStall(String partialSse, Duration holdFor) {
        requireHold(holdFor);
        script.add(exchange -> {
            ScriptedReply.startStream(exchange);
            ScriptedReply.writeEvents(exchange, partialSse);
            awaitClosing(holdFor);
            exchange.close();
        });
    }

    /**
     * Queues a reply that reads the request and then sends nothing, not even the status line, for
     * {@code holdFor} (or until {@link #close()}), after which it closes the connection. Use it to
     * test the wait for response headers.
     *
     * @param holdFor how long to stay silent, positive and at most 60 s
     */
    public void enqueueSilence(Duration holdFor) {
        requireHold(holdFor);
        script.add(exchange -> {
            awaitClosing(holdFor);
            throw new DroppedConnection();
        });
    }

    /**
     * Queues a 200 stream that sends {@code partialSse} and then drops the connection without ending
     * the chunked body, as a proxy that crashes mid-response would. The client sees an unexpected end of stream.
     */
    public void enqueueDisconnect(String partialSse) {
        script.add(exchange -> {
            ScriptedReply.startStream(exchange);
            ScriptedReply.writeEvents(exchange, partialSse);
            // The JDK server closes the socket without the final empty chunk when a handler throws.
            throw new DroppedConnection();
        });
    }

    /**
     * Sets how the default responder chooses its answer: a function from the request's JSON body to
     * the answer text. It applies to requests that find the script queue empty.
     */
    public void answerWith(Function<JsonNode, String> answerForRequest) {
        this.answerer = Objects.requireNonNull(answerForRequest, "answerForRequest");
    }

    /**
     * Queues the answer to the next transcription upload: {@code {"text": transcript}} with token
     * usage of 10 input tokens and one output token per four characters.
     */
    public void enqueueTranscript(String transcript) {
        transcriptScript.add(exchange -> writeTranscript(exchange, transcript));
    }

    /** Queues an error answer, such as a 400 for undecodable audio, for the next transcription upload. */
    public void enqueueTranscriptionError(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        transcriptScript.add(exchange -> ScriptedReply.writeWhole(exchange, status, "application/json", bytes, Map.of()));
    }

    /** Returns every transcription upload received so far, in arrival order. */
    public List<TranscriptionUpload> transcriptions() {
        return List.copyOf(transcriptions);
    }

    /** Returns every request received so far, in arrival order. */
    public List<CapturedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Returns how many requests have arrived. */
    public int requestCount() {
        return requests.size();
    }

    /** Returns how many scripted replies have not been used yet. */
    public int pendingReplies() {
        return script.size();
    }

    /**
     * Returns the oldest request not yet returned by this method, waiting for it if none is there.
     *
     * @throws AssertionError when no such request arrives within {@code timeout}
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public CapturedRequest awaitRequest(Duration timeout) throws InterruptedException {
        CapturedRequest request = unclaimed.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (request == null) {
            throw new AssertionError("No request reached the fake OpenAI server within " + timeout
                    + "; " + requests.size() + " arrived in total");
        }
        return request;
    }

    /** Stops the server, releases stalled responses and closes every connection. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals(TRANSCRIPTIONS_PATH)) {
            handleTranscription(exchange);
            return;
        }
        CapturedRequest request = capture(exchange);
        requests.add(request);
        unclaimed.add(request);

        ScriptedReply reply = script.poll();
        try {
            if (reply != null) {
                reply.send(exchange);
            } else {
                answerByDefault(exchange, request);
            }
        } catch (IOException e) {
            // The client went away (a timeout or cancel under test); nothing is left to answer.
            log.debug("Fake OpenAI server could not finish {} {}: {}", request.method(), request.path(), e.toString());
        }
        // Not in a finally block: a DroppedConnection must leave the body unterminated.
        exchange.close();
    }

    private void handleTranscription(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            List<MultipartForm.Part> parts = MultipartForm.parse(contentType, body);
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            MultipartForm.Part file = null;
            for (MultipartForm.Part part : parts) {
                if (part.name().equals("file")) {
                    file = part;
                } else {
                    fields.put(part.name(), part.text());
                }
            }
            transcriptions.add(new TranscriptionUpload(file == null ? null : file.fileName(),
                    file == null ? null : file.contentType(), file == null ? new byte[0] : file.body(), fields,
                    exchange.getRequestHeaders().getFirst("Authorization")));

            ScriptedReply reply = transcriptScript.poll();
            if (reply != null) {
                reply.send(exchange);
            } else if (file == null) {
                String error = errorBody("Missing required parameter: 'file'.", "invalid_request_error", null);
                ScriptedReply.writeWhole(exchange, 400, "application/json", utf8(error), Map.of());
            } else {
                writeTranscript(exchange, DEFAULT_TRANSCRIPT);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Fake OpenAI server could not answer a transcription upload: {}", e.toString());
        }
    }

    private static void writeTranscript(HttpExchange exchange, String transcript) throws IOException {
        var body = JSON.createObjectNode();
        body.put("text", transcript);
        var usage = body.putObject("usage");
        usage.put("type", "tokens");
        usage.put("input_tokens", 10);
        usage.putObject("input_token_details").put("text_tokens", 0).put("audio_tokens", 10);
        usage.put("output_tokens", estimateTokens(transcript));
        usage.put("total_tokens", 10 + estimateTokens(transcript));
        ScriptedReply.writeWhole(exchange, 200, "application/json", utf8(body.toString()), Map.of());
    }

    private static CapturedRequest capture(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode json = null;
        if (!body.isBlank()) {
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                log.debug("Fake OpenAI server received a body that is not JSON: {}", e.getMessage());
            }
        }
        return new CapturedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body, json);
    }

    private void answerByDefault(HttpExchange exchange, CapturedRequest request) throws IOException {
        if (!request.method().equals("POST") || !request.path().equals(COMPLETIONS_PATH)) {
            String error = errorBody("Unknown request URL: " + request.method() + " " + request.path()
                    + ". Please check the URL for typos.", "invalid_request_error", "unknown_url");
            ScriptedReply.writeWhole(exchange, 404, "application/json", utf8(error), Map.of());
            return;
        }
        JsonNode json = request.json();
        if (json == null) {
            String error = errorBody("The request body is not valid JSON.", "invalid_request_error", null);
            ScriptedReply.writeWhole(exchange, 400, "application/json", utf8(error), Map.of());
            return;
        }

        String answer = answerer.apply(json);
        int promptTokens = estimateTokens(promptText(json));
        int completionTokens = estimateTokens(answer);
        if (json.path("stream").asBoolean(false)) {
            ScriptedReply.writeStream(exchange, OpenAiStreams.text(answer, promptTokens, completionTokens));
        } else {
            byte[] body = utf8(OpenAiStreams.completion(answer, promptTokens, completionTokens));
            ScriptedReply.writeWhole(exchange, 200, "application/json", body, Map.of());
        }
    }

    private static String promptText(JsonNode request) {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                text.append(content.asText());
            }
            for (JsonNode part : content) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    /** Estimates tokens as one per four code points, rounded up, at least one. */
    private static int estimateTokens(String text) {
        return Math.max(1, (text.codePointCount(0, text.length()) + 3) / 4);
    }

    private static String errorBody(String message, String type, @Nullable String code) {
        var body = JSON.createObjectNode();
        var error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return body.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Waits for {@code holdFor} or until the server closes; returns whether it is closing. */
    private boolean awaitClosing(Duration holdFor) {
        try {
            return closing.await(holdFor.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void requireHold(Duration holdFor) {
        if (holdFor.isNegative() || holdFor.isZero() || holdFor.compareTo(MAX_HOLD) > 0) {
            throw new IllegalArgumentException("holdFor must be positive and at most " + MAX_HOLD
                    + ", was " + holdFor);
        }
    }

    /** Thrown inside a handler so that the JDK server drops the connection mid-body. */
    private static final class DroppedConnection extends RuntimeException {
        DroppedConnection() {
            super("scripted connection drop", null, false, false);
        }
    }
}
