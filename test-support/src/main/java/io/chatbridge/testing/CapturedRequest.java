package io.chatbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as a fake server received it.
 *
 * @param method the HTTP method, such as {@code POST}
 * @param path the request path without the query, such as {@code /v1/chat/completions}
 * @param headers every header, names compared case-insensitively
 * @param body the request body as UTF-8 text, empty when there was none
 * @param json the body parsed as JSON, or null when it is empty or not JSON; the node is shared,
 *     so callers must not modify it
 */
public record CapturedRequest(
        String method,
        String path,
        Map<String, List<String>> headers,
        String body,
        @Nullable JsonNode json) {

    public CapturedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** Returns the first value of a header, matching its name case-insensitively, or null when absent. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /**
     * Returns the parsed JSON body.
     *
     * @throws IllegalStateException when the body was empty or not JSON
     */
    public JsonNode jsonBody() {
        if (json == null) {
            throw new IllegalStateException(method + " " + path + " had no JSON body; its body was: "
                    + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
        }
        return json;
    }
}
