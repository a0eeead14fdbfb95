package io.chatbridge.model;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One audio file to transcribe.
 *
 * @param audio the file's bytes, in a format the endpoint takes (flac, m4a, mp3, mp4, mpeg, mpga,
 *     ogg, wav or webm)
 * @param fileName the file name sent with the upload; the endpoint reads the format from its
 *     extension, such as {@code voice.ogg}
 * @param mediaType the upload's media type, such as {@code audio/ogg}
 * @param model the transcription model, such as {@code gpt-4o-mini-transcribe} or {@code whisper-1}
 * @param audioDuration the playing time when known, used to estimate usage when the endpoint
 *     reports none; null when unknown
 */
public record TranscriptionRequest(
        byte[] audio, String fileName, String mediaType, String model, @Nullable Duration audioDuration) {

    public TranscriptionRequest {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(model, "model");
    }
}
