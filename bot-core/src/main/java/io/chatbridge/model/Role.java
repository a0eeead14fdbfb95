package io.chatbridge.model;

import java.util.Locale;

/** The author of a chat message as the chat completions API names it. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT;

    /** Returns the wire name, such as {@code assistant}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
