package io.chatbridge.model;

/**
 * A speech-to-text endpoint. Implementations are thread-safe; a call blocks the calling (virtual)
 * thread until the transcript arrives.
 */
@FunctionalInterface
public interface Transcriber {

    /**
     * Transcribes one audio file.
     *
     * @return the transcript, possibly empty when the audio has no speech, with its usage
     * @throws ModelException when the endpoint fails or rejects the audio
     * @throws InterruptedException when the calling thread is interrupted
     */
    Transcription transcribe(TranscriptionRequest request) throws ModelException, InterruptedException;
}
