package io.chatbridge.engine;

import io.chatbridge.media.MediaDownloader;
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

    /**
     * Takes one inbound message with the sink for replies and the platform's downloader for its
     * attachments. Adapters whose platform has files call this one. The default ignores the
     * downloader, for handlers that never read attachments; a handler that wraps another must
     * override it and pass the downloader on.
     *
     * @return a future that completes when the message has been fully handled
     */
    default CompletableFuture<Void> accept(InboundMessage message, ReplySink sink, MediaDownloader media) {
        return accept(message, sink);
    }
}
