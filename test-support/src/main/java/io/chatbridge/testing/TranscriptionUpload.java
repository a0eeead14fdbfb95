package io.chatbridge.testing;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code POST /v1/audio/transcriptions} upload as {@link FakeOpenAiServer} received it.
 *
 * @param fileName the {@code filename} of the {@code file} part, or null when it had none
 * @param contentType the {@code Content-Type} of the {@code file} part, or null
 * @param audio the uploaded bytes
 * @param fields the other form fields, such as {@code model}, by name
 * @param authorization the request's {@code Authorization} header, or null
 */
public record TranscriptionUpload(
        @Nullable String fileName,
        @Nullable String contentType,
        byte[] audio,
        Map<String, String> fields,
        @Nullable String authorization) {

    public TranscriptionUpload {
        Objects.requireNonNull(audio, "audio");
        fields = Map.copyOf(fields);
    }

    /** Returns the {@code model} field, or null when absent. */
    public @Nullable String model() {
        return fields.get("model");
    }
}
