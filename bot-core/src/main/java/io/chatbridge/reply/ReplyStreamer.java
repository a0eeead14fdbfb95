package io.chatbridge.reply;

/**
 * Streams one answer into a chat through a {@link ReplySink}: the first text appears as soon as
 * it arrives, later text by paced edits, and a new message starts before the platform's length
 * limit. Used by one thread at a time.
 */
public final class ReplyStreamer {

    /**
     * Creates a streamer for one answer.
     *
     * @param sink the chat to write to
     * @param pacer the shared per-chat pacing of sends and edits
     * @param chatRef the chat's key for the pacer, {@code platform:chatId}
     * @param clock the time source for pacing
     * @param sleeper waits out pacing and flood control before the final delivery
     */
    public ReplyStreamer(ReplySink sink, EditPacer pacer, String chatRef, java.time.Clock clock,
            io.chatbridge.time.Sleeper sleeper) {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Adds answer text as the model produces it; sends or edits when the pacer allows. */
    public void append(String delta) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /**
     * Delivers the complete text, waiting out rate limits, and returns once every part is shown.
     *
     * @param suffix text appended after the answer, such as an interruption notice, or empty
     */
    public void finish(String suffix) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Returns whether any part of the answer has been shown to the member. */
    public boolean started() {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Returns the answer text received so far. */
    public String text() {
        throw new UnsupportedOperationException("TODO: helper");
    }
}
