package io.chatbridge.engine;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A file attached to an inbound message, not yet downloaded.
 *
 * @param kind what the platform says the file is
 * @param reference the platform's handle for downloading it (a Telegram file id, a Discord URL)
 * @param mimeType the declared media type, or null when the platform gives none
 * @param fileName the original file name, or null
 * @param sizeBytes the declared size, or -1 when unknown
 */
public record Attachment(
        Kind kind,
        String reference,
        @Nullable String mimeType,
        @Nullable String fileName,
        long sizeBytes) {

    /** The kinds of attachment that the engine tells apart. */
    public enum Kind { IMAGE, VOICE, AUDIO, VIDEO, ANIMATION, DOCUMENT, STICKER }

    public Attachment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
    }
}
