package io.chatbridge.model;

import java.util.List;
import java.util.Objects;

/**
 * One message of a chat completions request.
 *
 * @param role who wrote it
 * @param parts its content, text and images in order
 */
public record ChatMessage(Role role, List<ContentPart> parts) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(parts);
    }

    /** Returns a message whose content is one piece of text. */
    public static ChatMessage text(Role role, String text) {
        return new ChatMessage(role, List.of(new ContentPart.Text(text)));
    }

    /** Returns the concatenated text parts, without images. */
    public String textContent() {
        StringBuilder text = new StringBuilder();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text(String value)) {
                text.append(value);
            }
        }
        return text.toString();
    }
}
