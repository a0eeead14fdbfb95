package io.chatbridge.conversation;

import java.util.Locale;

/** Which members of a chat share one conversation context. */
public enum Scope {
    /** Everyone in the chat shares one context. */
    CHANNEL,
    /** Each member has a context of their own in that chat. */
    USER,
    /** Each thread or forum topic is its own context; messages outside threads share the chat's. */
    THREAD;

    /** Parses a configuration value such as {@code channel}, ignoring case. */
    public static Scope parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** Returns the configuration spelling, such as {@code channel}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
