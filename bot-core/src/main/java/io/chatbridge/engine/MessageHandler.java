package io.chatbridge.engine;

import io.chatbridge.reply.ReplySink;
import java.util.concurrent.CompletableFuture;

/** Takes inbound messages from an adapter; {@link ChatEngine} is the real one. */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Takes an inbound message and the sink its answer goes to.
     *
     * @return a future that completes when the message has been handled
     */
    CompletableFuture<Void> accept(InboundMessage message, ReplySink sink);
}
