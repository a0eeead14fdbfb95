package io.chatbridge.config;

/** Hides secret values in text meant for logs. */
final class Secrets {

    private Secrets() {}

    /** Returns {@code <redacted>} for a set secret and {@code <empty>} for an unset one. */
    static String redacted(String secret) {
        return secret.isEmpty() ? "<empty>" : "<redacted>";
    }
}
