package io.chatbridge.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} (the registry in the Prometheus text format 0.0.4) and
 * {@code GET /healthz} over plain HTTP, with the JDK's {@link HttpServer} and one virtual thread
 * per request. Other paths get 404 and other methods 405.
 *
 * <p>The endpoint has no authentication and no TLS, so bind it to loopback or a private network.
 * Thread-safe; {@link #close()} stops it.
 */
final class MetricsServer implements AutoCloseable {

    /** The content type of the Prometheus text format that {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    /** How long {@link #close()} lets a scrape in progress finish. */
    private static final int STOP_DELAY_SECONDS = 1;

    /**
     * The {@code /healthz} response.
     *
     * @param healthy true for 200, false for 503
     * @param text the response body, one fact per line
     */
    record Health(boolean healthy, String text) {
        Health {
            Objects.requireNonNull(text, "text");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Health> health;

    private MetricsServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry,
            Supplier<Health> health) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
        this.health = health;
    }

    /**
     * Binds the address and starts serving.
     *
     * @param address where to listen, or port 0 for a free port, which {@link #address()} returns
     * @param health called for each {@code /healthz} request, so it must be cheap and thread-safe
     * @throws IOException when the address cannot be bound, such as a port already in use
     */
    static MetricsServer start(InetSocketAddress address, PrometheusMeterRegistry registry, Supplier<Health> health)
            throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("chatbridge-metrics-", 0).factory());
        server.setExecutor(executor);
        MetricsServer metrics = new MetricsServer(server, executor, registry, health);
        server.createContext("/", metrics::handle);
        server.start();
        return metrics;
    }

    /** Returns the bound address, with the port that was chosen when port 0 was asked for. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                respond(exchange);
            } catch (RuntimeException e) {
                log.error("Metrics request {} {} failed", exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), e);
                // Once the status line is out, closing the exchange is the only way left to end it.
                if (exchange.getResponseCode() == -1) {
                    send(exchange, 500, PLAIN_TEXT, "internal error, see the bot's log\n");
                }
            }
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, PLAIN_TEXT, "method not allowed, use GET\n");
            return;
        }
        switch (exchange.getRequestURI().getPath()) {
            case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
            case "/healthz" -> {
                Health now = health.get();
                send(exchange, now.healthy() ? 200 : 503, PLAIN_TEXT, now.text());
            }
            default -> send(exchange, 404, PLAIN_TEXT, "not found, the paths are /metrics and /healthz\n");
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening, lets a scrape in progress finish for up to a second, then ends the request threads. */
    @Override
    public void close() {
        server.stop(STOP_DELAY_SECONDS);
        executor.close();
    }
}
