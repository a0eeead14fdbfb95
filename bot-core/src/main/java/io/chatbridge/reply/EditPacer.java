package io.chatbridge.reply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces sends and edits per chat, shared by every answer streaming into that chat, so that
 * several answers at once in one group stay within the platform's limit. Thread-safe.
 */
public final class EditPacer {

    public EditPacer(Clock clock) {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Returns the earliest time the next send or edit in a chat may go out. */
    public Instant nextAllowed(String chatRef) {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Records a send or edit in a chat now, so the next waits at least {@code interval}. */
    public void record(String chatRef, Duration interval) {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Pushes the next allowed time in a chat back by a platform's retry-after. */
    public void backOff(String chatRef, Duration retryAfter) {
        throw new UnsupportedOperationException("TODO: helper");
    }
}
