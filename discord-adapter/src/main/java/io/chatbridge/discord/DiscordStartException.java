package io.chatbridge.discord;

/** A failed start of the Discord adapter. {@link #reason()} gives the cause and the message gives the fix. */
public final class DiscordStartException extends Exception {

    /** The cause of a failed start. */
    public enum Reason {
        /** Discord rejected the bot token ({@code GET users/@me} returned 401). */
        INVALID_TOKEN,
        /** The gateway closed with 4014 because a privileged intent is not enabled for the bot. */
        DISALLOWED_INTENTS,
        /** The gateway closed the session for another reason that JDA does not retry. */
        GATEWAY_CLOSED,
        /** The REST API or the gateway could not be reached. */
        UNREACHABLE,
        /** The gateway session was not ready within the start timeout. */
        TIMED_OUT
    }

    private final Reason reason;

    public DiscordStartException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DiscordStartException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Returns the cause of the failed start. */
    public Reason reason() {
        return reason;
    }
}
