package io.chatbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One REST request that {@link FakeDiscordServer} received.
 *
 * @param sequence the position among all requests the server received, starting at 1
 * @param method the HTTP method, such as {@code POST}
 * @param path the path below the API base URL, without query, such as
 *     {@code channels/1300000000000000200/messages}
 * @param query the raw query string, or an empty string
 * @param body the JSON body, or a {@code MissingNode} when the request had none or it was not
 *     JSON
 * @param status the HTTP status the server responded with
 * @param receivedAt when the server read the request
 */
public record RecordedDiscordRequest(
        long sequence,
        String method,
        String path,
        String query,
        JsonNode body,
        int status,
        Instant receivedAt) {

    public RecordedDiscordRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** Returns whether this request has the given method and its path matches the regular expression. */
    public boolean is(String expectedMethod, String pathRegex) {
        return method.equals(expectedMethod) && path.matches(pathRegex);
    }

    /** Returns the {@code content} field of the JSON body, or null when there is none. */
    public String content() {
        JsonNode content = body.get("content");
        return content == null || content.isNull() ? null : content.asText();
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + method + " " + path + (query.isEmpty() ? "" : "?" + query)
                + " -> " + status + (body.isMissingNode() ? "" : " " + body);
    }
}
