package io.chatbridge.media;

import io.chatbridge.model.ModelException;
import io.chatbridge.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call to the transcription endpoint, reported so that the engine can record it in the usage
 * ledger like a chat completion.
 *
 * @param startedAt when the request was sent
 * @param model the transcription model
 * @param upstream the host that served it, or empty when the call failed before a response
 * @param usage the reported or estimated tokens; zero when the call failed
 * @param totalTime how long the call took
 * @param failure the error when the call failed, else null
 */
public record TranscriptionCall(
        Instant startedAt,
        String model,
        String upstream,
        Usage usage,
        Duration totalTime,
        @Nullable ModelException failure) {

    public TranscriptionCall {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(totalTime, "totalTime");
    }
}
