package io.chatbridge.model;

import java.util.function.Consumer;

/**
 * A chat completions endpoint that streams its answer.
 *
 * <p>Implementations are thread-safe; calls block the calling (virtual) thread until the stream
 * ends, and report text deltas on that same thread as they arrive.
 */
public interface ChatModel {

    /**
     * Sends a request and streams the answer.
     *
     * @param request the prompt and sampling settings
     * @param onDelta receives each piece of answer text in order, on the calling thread
     * @return the complete answer with its usage
     * @throws ModelException when the call fails after any retries the implementation makes; its
     *     {@link ModelException#partialText()} holds text already passed to {@code onDelta}
     * @throws InterruptedException when the calling thread is interrupted
     */
    ChatCompletion stream(ChatRequest request, Consumer<String> onDelta)
            throws ModelException, InterruptedException;
}
