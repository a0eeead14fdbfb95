package io.chatbridge.reply;

import java.time.Duration;

/**
 * A send or edit that the platform rejected. Subclasses name the cases the streamer handles
 * differently; anything else is a plain {@code SinkException}.
 */
public class SinkException extends Exception {

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }

    public SinkException(String message) {
        super(message);
    }

    /** The platform asked to wait before the next call (Telegram flood control, Discord 429). */
    public static final class RateLimited extends SinkException {
        private final Duration retryAfter;

        public RateLimited(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        /** Returns how long the platform asked to wait. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The platform could not parse the markup (Telegram: "can't parse entities"). */
    public static final class FormattingRejected extends SinkException {
        public FormattingRejected(String message) {
            super(message);
        }
    }

    /** An edit did not change the message (Telegram: "message is not modified"); harmless. */
    public static final class NotModified extends SinkException {
        public NotModified(String message) {
            super(message);
        }
    }
}
