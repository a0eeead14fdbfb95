package io.chatbridge.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One scripted answer of {@link FakeOpenAiServer} to one request, with the writers it uses. */
@FunctionalInterface
interface ScriptedReply {

    void send(HttpExchange exchange) throws IOException;

    static void writeWhole(HttpExchange exchange, int status, @Nullable String contentType, byte[] body,
            Map<String, String> headers) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("content-type", contentType);
        }
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        // The JDK server takes -1 as "no body" and 0 as "chunked".
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    static void writeStream(HttpExchange exchange, String sseBody) throws IOException {
        startStream(exchange);
        writeEvents(exchange, sseBody);
    }

    static void startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
    }

    /** Writes the events one by one, each with its blank separator line, flushing after each. */
    static void writeEvents(HttpExchange exchange, String sseBody) throws IOException {
        for (String event : events(sseBody)) {
            write(exchange, event);
        }
    }

    static void write(HttpExchange exchange, String text) throws IOException {
        exchange.getResponseBody().write(text.getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
    }

    /** Splits SSE text after each blank line, keeping the separators. */
    static List<String> events(String sseBody) {
        List<String> events = new ArrayList<>();
        int start = 0;
        while (start < sseBody.length()) {
            int separator = sseBody.indexOf("\n\n", start);
            int end = separator < 0 ? sseBody.length() : separator + 2;
            events.add(sseBody.substring(start, end));
            start = end;
        }
        return events;
    }
}
