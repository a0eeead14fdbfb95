package io.chatbridge.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a streamed chat completions call: sends the request, reads the event stream on
 * the calling thread, reports text deltas, and turns every failure into a {@link ModelException}.
 *
 * <p>The first-token timeout is OkHttp's call timeout, set on this call only and cancelled when
 * the first text arrives; from then on only the client's read timeout (the idle timeout) applies.
 * Used once, by one thread.
 */
final class StreamCall {

    /** Client, clock and settings shared by every attempt against one upstream. */
    record Setup(
            OkHttpClient client,
            Clock clock,
            ObjectMapper json,
            ModelFailures failures,
            Duration connectTimeout,
            Duration firstTokenTimeout,
            Duration idleTimeout) {}

    /** How much of an error body is read for its message; the rest is never shown. */
    private static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final Setup setup;
    private final Request request;
    private final String model;
    private final StreamAccumulator state = new StreamAccumulator();
    private boolean firstTokenDeadlineMet;

    /** @param model the requested model name, shown in the hint of a model-not-found error */
    StreamCall(Setup setup, Request request, String model) {
        this.setup = setup;
        this.request = request;
        this.model = model;
    }

    /**
     * Sends the request and streams the answer to {@code onDelta}.
     *
     * @return the finished stream's state
     * @throws ModelException when the call fails; {@link #partialText()} then holds what was reported
     * @throws InterruptedException when the calling thread is interrupted
     */
    StreamAccumulator run(Consumer<String> onDelta) throws ModelException, InterruptedException {
        Call call = setup.client().newCall(request);
        ConnectionWatch watch = new ConnectionWatch();
        call.addEventListener(watch);
        call.timeout().timeout(setup.firstTokenTimeout().toNanos(), TimeUnit.NANOSECONDS);

        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw beforeResponse(e, call, watch);
        }

        try (response) {
            if (!response.isSuccessful()) {
                throw httpError(response);
            }
            readBody(call, response, onDelta);
        } catch (IOException e) {
            throw duringResponse(e, call);
        }
        return state;
    }

    /** Returns the answer text reported to {@code onDelta} so far. */
    String partialText() {
        return state.text();
    }

    private void readBody(Call call, Response response, Consumer<String> onDelta)
            throws IOException, ModelException, InterruptedException {
        ResponseBody body = response.body();
        String mediaType = mediaTypeOf(body.contentType());
        if (mediaType.equals("application/json") && startsWithJsonObject(body.source())) {
            readCompletion(call, body.string(), onDelta);
        } else if (mediaType.contains("html")) {
            String page = response.peekBody(MAX_ERROR_BODY_BYTES).string();
            throw setup.failures().htmlInsteadOfStream(
                    ErrorBody.parse(mediaType, page, response.message(), setup.json()));
        } else {
            // Any other media type, or none, is read as a stream, so that a relay which labels
            // its stream wrongly still works.
            readEvents(call, body, onDelta);
        }
    }

    /** Returns whether the first non-whitespace byte is an opening brace, without consuming it. */
    private static boolean startsWithJsonObject(BufferedSource source) throws IOException {
        BufferedSource peek = source.peek();
        while (peek.request(1)) {
            byte next = peek.readByte();
            if (next != ' ' && next != '\n' && next != '\r' && next != '\t') {
                return next == '{';
            }
        }
        return false;
    }

    private void readEvents(Call call, ResponseBody body, Consumer<String> onDelta)
            throws IOException, ModelException, InterruptedException {
        SseReader reader = new SseReader(body.source());
        for (SseReader.Event event = reader.next(); event != null; event = reader.next()) {
            throwIfInterrupted(call);
            String data = event.data().strip();
            if (data.equals("[DONE]")) {
                state.markDone();
                return;
            }
            if (data.isEmpty()) {
                continue;
            }

            JsonNode chunk = parseJson(data);
            JsonNode error = errorOf(event.name(), chunk, data);
            if (error != null) {
                throw setup.failures().streamError(ErrorBody.fromErrorNode(error), state.text(), model);
            }
            if (chunk == null) {
                throw setup.failures().unreadable("a stream event that is not JSON", data, state.text());
            }
            deliver(call, state.applyChunk(chunk, setup.clock().instant()), onDelta);
        }

        if (state.finishReason() == null) {
            throw setup.failures().endedEarly(state.text());
        }
    }

    /** Reads a whole {@code chat.completion} body, for relays that ignore {@code stream: true}. */
    private void readCompletion(Call call, String body, Consumer<String> onDelta) throws ModelException {
        JsonNode root = parseJson(body);
        JsonNode error = root == null ? null : root.get("error");
        if (error != null && !error.isNull()) {
            throw setup.failures().streamError(ErrorBody.fromErrorNode(error), "", model);
        }
        if (root == null || !root.path("choices").isArray()) {
            throw setup.failures().unreadable("a JSON body that is neither a completion nor an error", body, "");
        }
        deliver(call, state.applyCompletion(root, setup.clock().instant()), onDelta);
    }

    /**
     * Returns the error object of an event: the {@code error} field of a JSON chunk, or, for an
     * event named {@code error}, the whole payload. Returns null for an ordinary chunk.
     */
    private static @Nullable JsonNode errorOf(String eventName, @Nullable JsonNode chunk, String data) {
        JsonNode error = chunk == null ? null : chunk.get("error");
        if (error != null && !error.isNull()) {
            return error;
        }
        if (!eventName.equals("error")) {
            return null;
        }
        return chunk != null && chunk.isObject() ? chunk : TextNode.valueOf(data);
    }

    private void deliver(Call call, String delta, Consumer<String> onDelta) {
        if (delta.isEmpty()) {
            return;
        }
        if (!firstTokenDeadlineMet) {
            // The first-token deadline is met, so the call timeout must not fire later in the stream.
            call.timeout().cancel();
            firstTokenDeadlineMet = true;
        }
        onDelta.accept(delta);
    }

    private ModelException httpError(Response response) {
        ResponseBody body = response.body();
        String text;
        try {
            text = response.peekBody(MAX_ERROR_BODY_BYTES).string();
        } catch (IOException e) {
            // The status alone still classifies the failure; the body would only add detail.
            text = "";
        }
        ErrorBody error = ErrorBody.parse(mediaTypeOf(body.contentType()), text, response.message(), setup.json());
        return setup.failures().httpError(response.code(), error, response.headers(), setup.clock().instant(), model);
    }

    private ModelException beforeResponse(IOException e, Call call, ConnectionWatch watch)
            throws InterruptedException {
        throwIfInterrupted(call);
        if (call.isCanceled()) {
            return setup.failures().firstTokenTimeout(setup.firstTokenTimeout(), "");
        }
        if (e instanceof SocketTimeoutException && watch.connected()) {
            return setup.failures().idleTimeout(setup.idleTimeout(), "", false, e);
        }
        return setup.failures().connectFailure(e, watch.connected(), setup.connectTimeout());
    }

    private ModelException duringResponse(IOException e, Call call) throws InterruptedException {
        throwIfInterrupted(call);
        // Only the call timeout cancels the call, and it is disarmed once text has arrived.
        if (call.isCanceled()) {
            return setup.failures().firstTokenTimeout(setup.firstTokenTimeout(), state.text());
        }
        if (e instanceof SocketTimeoutException) {
            return setup.failures().idleTimeout(setup.idleTimeout(), state.text(), true, e);
        }
        return setup.failures().readFailure(e, state.text());
    }

    /**
     * Throws when the thread was interrupted. On a virtual thread an interrupt ends a blocked socket
     * read with an IOException, which must not pass for a network failure. On a platform thread the
     * read goes on, so the interrupt is noticed at the next event or at the idle timeout.
     */
    private static void throwIfInterrupted(Call call) throws InterruptedException {
        if (Thread.interrupted()) {
            call.cancel();
            throw new InterruptedException("Interrupted while waiting for the model's answer");
        }
    }

    private @Nullable JsonNode parseJson(String text) {
        try {
            return setup.json().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String mediaTypeOf(@Nullable MediaType type) {
        return type == null ? "" : (type.type() + "/" + type.subtype()).toLowerCase(Locale.ROOT);
    }

    /** Records whether a connection was established, to tell a connect failure from a silent server. */
    private static final class ConnectionWatch extends EventListener {

        private volatile boolean connected;

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            connected = true;
        }

        boolean connected() {
            return connected;
        }
    }
}
