package io.chatbridge.reply;

import java.util.Objects;

/** A message the bot has sent, identified by the platform's message id. */
public record SentMessage(String id) {
    public SentMessage {
        Objects.requireNonNull(id, "id");
    }
}
