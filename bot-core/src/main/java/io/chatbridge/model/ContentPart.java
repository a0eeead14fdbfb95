package io.chatbridge.model;

import java.util.Objects;

/** One part of a message's content: text or an image. */
public sealed interface ContentPart {

    /** Plain text. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An image, sent as an {@code image_url} part.
     *
     * @param url a {@code data:} URL or an https URL
     * @param detail {@code low}, {@code high} or {@code auto}
     * @param tokens what the image costs in prompt tokens at that detail
     */
    record Image(String url, String detail, int tokens) implements ContentPart {
        public Image {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
