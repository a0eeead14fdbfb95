package io.chatbridge.model;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link OpenAiChatModel#check()}: whether the configured endpoint responded, and
 * a line for the operator.
 *
 * @param ok whether the endpoint streamed an answer
 * @param detail on success the model, host and latency; on failure the error message, which names
 *     the host, the status and what to check, never the API key
 * @param failure the kind of failure, or null when {@code ok}
 * @param latency time from sending the request to the end of the answer or the failure
 */
public record ModelCheck(boolean ok, String detail, @Nullable ModelErrorKind failure, Duration latency) {

    public ModelCheck {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(latency, "latency");
        if (ok != (failure == null)) {
            throw new IllegalArgumentException("failure must be null exactly when ok is true, was ok=" + ok
                    + " and failure=" + failure);
        }
    }
}
