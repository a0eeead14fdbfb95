package io.chatbridge.model;

import java.util.Objects;

/**
 * The outcome of checking one upstream of a {@link FailoverChatModel}, for the {@code check}
 * command.
 *
 * @param name the upstream's configured name
 * @param result whether it answered, with the host, model and latency, or the failure
 * @param circuit the upstream's circuit breaker state when the check ran; the check itself is not
 *     counted by the breaker
 */
public record UpstreamCheck(String name, ModelCheck result, CircuitState circuit) {

    public UpstreamCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(circuit, "circuit");
    }
}
