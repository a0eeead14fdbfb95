package io.chatbridge.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of a completed model call.
 *
 * @param text the full answer text
 * @param usage token counts, from the API or estimated
 * @param finishReason the API's finish reason, such as {@code stop} or {@code length}
 * @param timeToFirstToken time from sending the request to the first text delta
 * @param totalTime time from sending the request to the end of the stream
 * @param upstream the base URL host that served the call
 */
public record ChatCompletion(
        String text,
        Usage usage,
        String finishReason,
        Duration timeToFirstToken,
        Duration totalTime,
        String upstream) {

    public ChatCompletion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finishReason, "finishReason");
    }
}
