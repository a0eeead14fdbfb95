package io.chatbridge.engine;

import io.chatbridge.reply.ReplySink;
import java.util.concurrent.CompletableFuture;

/**
 * The platform-neutral conversation engine. Adapters hand it every inbound message together with
 * the sink that answers go to; it decides whether and how to answer.
 *
 * <p>Thread-safe. {@link #accept} returns at once; work runs on virtual threads, one turn at a
 * time per conversation, in arrival order.
 */
public final class ChatEngine {

    /**
     * Takes an inbound message.
     *
     * @return a future that completes when the message has been fully handled (answered, ignored
     *     or refused); it never completes exceptionally, failures are logged and told to the member
     */
    public CompletableFuture<Void> accept(InboundMessage message, ReplySink sink) {
        throw new UnsupportedOperationException("TODO");
    }
}
