package io.chatbridge.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Collects what the chunks of one streamed answer carry: the text so far, the finish reason, the
 * usage and whether {@code [DONE]} arrived.
 *
 * <p>Only choice 0 is read, because requests never ask for more than one. Chunks whose delta has
 * no content, a null content or only a role add nothing. Not thread-safe: one call fills it.
 */
final class StreamAccumulator {

    private final StringBuilder text = new StringBuilder();
    private @Nullable String finishReason;
    private @Nullable Usage usage;
    private @Nullable Instant firstTextAt;
    private boolean done;

    /**
     * Applies one {@code chat.completion.chunk} and returns its new answer text, empty when it has none.
     *
     * @param now when the chunk arrived, recorded for the first text
     */
    String applyChunk(JsonNode chunk, Instant now) {
        Usage chunkUsage = parseUsage(chunk.get("usage"));
        if (chunkUsage != null) {
            usage = chunkUsage;
        }

        String delta = "";
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode content = choice.path("delta").path("content");
            if (content.isTextual()) {
                delta = content.asText();
            }
            JsonNode finish = choice.get("finish_reason");
            if (finish != null && finish.isTextual()) {
                finishReason = finish.asText();
            }
        }
        return appendText(delta, now);
    }

    /**
     * Applies a non-streamed {@code chat.completion} body, as relays send that ignore
     * {@code stream: true}, and returns its answer text.
     */
    String applyCompletion(JsonNode completion, Instant now) {
        Usage completionUsage = parseUsage(completion.get("usage"));
        if (completionUsage != null) {
            usage = completionUsage;
        }
        JsonNode choice = completion.path("choices").path(0);
        JsonNode finish = choice.get("finish_reason");
        finishReason = finish != null && finish.isTextual() ? finish.asText() : "stop";
        done = true;
        return appendText(choice.path("message").path("content").asText(""), now);
    }

    /** Records that {@code [DONE]} arrived. */
    void markDone() {
        done = true;
    }

    boolean done() {
        return done;
    }

    String text() {
        return text.toString();
    }

    @Nullable String finishReason() {
        return finishReason;
    }

    @Nullable Usage usage() {
        return usage;
    }

    @Nullable Instant firstTextAt() {
        return firstTextAt;
    }

    private String appendText(String delta, Instant now) {
        if (delta.isEmpty()) {
            return "";
        }
        if (firstTextAt == null) {
            firstTextAt = now;
        }
        text.append(delta);
        return delta;
    }

    /** Reads a {@code usage} object; returns null for a missing or null one. */
    static @Nullable Usage parseUsage(@Nullable JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        return new Usage(
                usage.path("prompt_tokens").asInt(0),
                usage.path("prompt_tokens_details").path("cached_tokens").asInt(0),
                usage.path("completion_tokens").asInt(0),
                false);
    }
}
