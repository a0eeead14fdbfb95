package io.chatbridge.reply;

import java.time.Duration;

/**
 * Where one answer goes: the adapter's binding of a chat (and thread) to the platform's send and
 * edit calls. The engine creates a {@link ReplyStreamer} over it; adapters decide nothing.
 *
 * <p>Sends and edits of one answer come from one thread at a time; {@link #showTyping()} may run
 * on another thread at the same moment, so implementations keep it independent of sends.
 */
public interface ReplySink {

    /** Returns how this platform renders Markdown and its length limit. */
    ReplyFormat format();

    /**
     * Returns the shortest time between two edits or sends in this chat that keeps within the
     * platform's rate limits, such as one second in a Telegram private chat and three in a group.
     */
    Duration minEditInterval();

    /** Sends a new message to the chat (in the thread, replying to the member's message where apt). */
    SentMessage send(OutboundText text) throws SinkException;

    /** Replaces the text of a message this sink sent. */
    void edit(SentMessage message, OutboundText text) throws SinkException;

    /**
     * Shows the platform's typing indicator. Failures are ignored by callers, so implementations
     * may throw.
     */
    void showTyping() throws SinkException;

    /** Returns how long one typing indicator lasts on this platform (Telegram: 5 seconds). */
    default Duration typingDuration() {
        return Duration.ofSeconds(5);
    }
}
