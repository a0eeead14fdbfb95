package io.chatbridge.conversation;

import io.chatbridge.model.ContentPart;
import io.chatbridge.model.Role;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation's history.
 *
 * @param role {@link Role#USER} or {@link Role#ASSISTANT}
 * @param text the text
 * @param images images sent with a user turn, oldest dropped first when trimming
 * @param tokens prompt tokens this turn costs, text and images together
 * @param createdAt when the turn was recorded
 * @param status whether the turn is whole
 */
public record Turn(
        Role role, String text, List<ContentPart.Image> images, int tokens, Instant createdAt, TurnStatus status) {

    public Turn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        images = List.copyOf(images);
    }
}
