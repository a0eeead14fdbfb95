package io.chatbridge.engine;

/** A chat platform that ChatBridge relays. The lower-case name is used in storage and configuration. */
public enum Platform {
    TELEGRAM,
    DISCORD,
    /** The operator's terminal chat (`chatbridge chat`). */
    CONSOLE;

    /** Returns the lower-case identifier used in configuration keys and the store, such as {@code telegram}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
