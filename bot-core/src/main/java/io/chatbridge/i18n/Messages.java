package io.chatbridge.i18n;

/**
 * Bot messages to chat members in each {@link Language}, from the {@code messages} resource
 * bundles. Thread-safe.
 */
public final class Messages {

    /** Loads the bundles; fails when a language lacks a key. */
    public Messages() {
        throw new UnsupportedOperationException("TODO: helper");
    }

    /** Formats a message with {@link java.text.MessageFormat} arguments in a language. */
    public String format(Language language, MessageKey key, Object... arguments) {
        throw new UnsupportedOperationException("TODO: helper");
    }
}
