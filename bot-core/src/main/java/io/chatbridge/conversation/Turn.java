package io.chatbridge.conversation;

import io.chatbridge.model.ChatMessage;
import io.chatbridge.model.ContentPart;
import io.chatbridge.model.Role;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * Returns the turn as a request message: the text, then each image. An empty text is left
     * out when there are images, so a photo without a caption becomes a message of images only.
     */
    public ChatMessage toMessage() {
        List<ContentPart> parts = new ArrayList<>(images.size() + 1);
        if (!text.isEmpty() || images.isEmpty()) {
            parts.add(new ContentPart.Text(text));
        }
        parts.addAll(images);
        return new ChatMessage(role, parts);
    }
}
