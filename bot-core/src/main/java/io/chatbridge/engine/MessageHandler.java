package io.chatbridge.engine;

import io.chatbridge.reply.ReplySink;
import java.util.concurrent.CompletableFuture;

/**
 * Receives inbound messages from a platform adapter. The engine, {@link ChatEngine}, implements
 * it in production; adapters depend on this interface so that they can be tested without the
 * engine.
 *
 * <p>Implementations must be thread-safe and must not block in {@link #accept}: adapters call it
 * on the platform library's event thread.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Takes one inbound message and the sink that replies to it go to.
     *
     * @return a future that completes when the message has been fully handled (answered, ignored
     *     or refused)
     */
    CompletableFuture<Void> accept(InboundMessage message, ReplySink sink);
}
