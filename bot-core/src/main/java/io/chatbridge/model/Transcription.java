package io.chatbridge.model;

import java.util.Objects;

/**
 * A finished transcription.
 *
 * @param text the transcript, stripped; empty when the audio has no speech
 * @param usage tokens as the endpoint reported them, or an estimate marked
 *     {@link Usage#estimated()}; see {@link TranscriptionClient} for how it is estimated
 * @param upstream the host that served the call
 */
public record Transcription(String text, Usage usage, String upstream) {

    public Transcription {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(upstream, "upstream");
    }
}
