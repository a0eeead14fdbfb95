package io.chatbridge.media;

import io.chatbridge.model.ContentPart;
import java.util.List;
import java.util.Objects;

/**
 * What a message's attachments add to the member's turn.
 *
 * @param images images and video frames, as {@code image_url} parts with their token costs
 * @param text transcripts and document text for the prompt, labelled with what they came from,
 *     blocks separated by blank lines; empty when there are none
 * @param heard transcripts to show the member, one per voice note, audio file or video with speech
 * @param truncated documents that did not fit the token allowance whole
 */
public record MediaInput(
        List<ContentPart.Image> images, String text, List<String> heard, List<TruncatedDocument> truncated) {

    /** The input of a message without attachments. */
    public static final MediaInput NONE = new MediaInput(List.of(), "", List.of(), List.of());

    public MediaInput {
        images = List.copyOf(images);
        Objects.requireNonNull(text, "text");
        heard = List.copyOf(heard);
        truncated = List.copyOf(truncated);
    }

    /** Returns whether the attachments added nothing to the prompt. */
    public boolean isEmpty() {
        return images.isEmpty() && text.isBlank();
    }

    /** Returns what the image parts cost in prompt tokens together. */
    public int imageTokens() {
        int total = 0;
        for (ContentPart.Image image : images) {
            total += image.tokens();
        }
        return total;
    }

    /**
     * A document of which only the start was added.
     *
     * @param name the file name, or {@code document} when the platform gave none
     * @param percentRead how much of it was added, 0 to 99
     */
    public record TruncatedDocument(String name, int percentRead) {
        public TruncatedDocument {
            Objects.requireNonNull(name, "name");
        }
    }
}
