package io.chatbridge.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chatbridge.config.TelegramWebhookSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The local HTTP endpoint of webhook mode: accepts Telegram's POSTs of one update each on the
 * webhook URL's path and hands every readable update to a consumer.
 *
 * <p>Every request must carry the secret in {@code X-Telegram-Bot-Api-Secret-Token}; the header is
 * compared in constant time, and a request without it or with another value gets 401 whatever its
 * path, and its body is not read. With the secret, other paths get 404, other methods 405, and
 * bodies over {@value #MAX_BODY_BYTES} bytes 413.
 * An update that does not read as a Bot API update is logged once with its id and answered 200,
 * because any other status makes Telegram deliver it again and again.
 *
 * <p>The consumer runs on the request's virtual thread and must not block for long, because
 * Telegram waits for the response before it sends the next update of the chat. Thread-safe.
 */
final class TelegramWebhookServer implements AutoCloseable {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    /** Telegram's updates are far smaller, because a message text has at most 4096 characters. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhookServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rejected requests are logged at WARN the first time and then once per this many, to keep scans from flooding the log. */
    private static final long WARN_EVERY = 100;

    private final String path;
    private final byte[] secret;
    private final Consumer<Update> updates;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * Binds the listen address and starts serving.
     *
     * @throws IOException when the address cannot be bound, such as a port in use
     */
    TelegramWebhookServer(TelegramWebhookSettings settings, Consumer<Update> updates) throws IOException {
        this.path = settings.path();
        this.secret = settings.secret().getBytes(StandardCharsets.UTF_8);
        this.updates = Objects.requireNonNull(updates, "updates");
        this.server = HttpServer.create(settings.listen(), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Returns the bound address, with the real port when port 0 was asked for. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // The secret comes first, so that a request without it learns nothing, not even the path.
            if (!hasSecret(exchange.getRequestHeaders().getFirst(SECRET_HEADER))) {
                reject(exchange);
                return;
            }
            if (!exchange.getRequestURI().getRawPath().equals(path)) {
                respond(exchange, 404);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405);
                return;
            }
            byte[] body = readCapped(exchange.getRequestBody());
            if (body == null) {
                log.warn("Rejected a webhook request of more than {} bytes; Telegram updates are far smaller",
                        MAX_BODY_BYTES);
                respond(exchange, 413);
                return;
            }
            accept(body);
            respond(exchange, 200);
        } catch (RuntimeException e) {
            // One failing update must not take the endpoint down; 500 makes Telegram deliver it again.
            log.error("Could not handle a Telegram webhook request", e);
            respond(exchange, 500);
        }
    }

    private boolean hasSecret(@Nullable String header) {
        if (header == null) {
            return false;
        }
        // MessageDigest.isEqual takes the same time wherever the first difference is.
        return MessageDigest.isEqual(secret, header.getBytes(StandardCharsets.UTF_8));
    }

    private void reject(HttpExchange exchange) throws IOException {
        long count = rejected.incrementAndGet();
        if (count == 1 || count % WARN_EVERY == 0) {
            log.warn("Rejected {} webhook request(s) without the right {} header, the latest from {}. Requests"
                    + " from Telegram carry it; others are scans or a misconfigured proxy", count, SECRET_HEADER,
                    exchange.getRemoteAddress().getAddress().getHostAddress());
        }
        respond(exchange, 401);
    }

    private void accept(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            log.warn("Ignored a webhook request whose body is not JSON ({} bytes)", body.length);
            return;
        }
        if (json == null) {
            log.warn("Ignored a webhook request with an empty body");
            return;
        }
        switch (UpdateParser.parse(json)) {
            case UpdateParser.Result.Valid valid -> updates.accept(valid.update());
            case UpdateParser.Result.Malformed malformed -> log.warn("Skipping Telegram update {}: it does not match"
                    + " the Bot API's Update schema ({})", malformed.updateId(), malformed.problem());
            case UpdateParser.Result.WithoutId withoutId -> log.warn("Ignored a webhook request: {}", withoutId.problem());
        }
    }

    /** Returns the body, or null when it is longer than {@link #MAX_BODY_BYTES}. */
    private static byte @Nullable [] readCapped(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    /** Stops accepting requests, giving those in progress up to one second. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
