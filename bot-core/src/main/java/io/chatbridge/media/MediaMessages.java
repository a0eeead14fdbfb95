package io.chatbridge.media;

import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.i18n.Messages;
import java.util.Objects;

/**
 * Formats the messages that members get about their attachments, in their language, from the media
 * bundles.
 * Thread-safe.
 */
public final class MediaMessages {

    private static final double BYTES_PER_MEGABYTE = 1024.0 * 1024.0;

    private final Messages messages;

    public MediaMessages(Messages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /** Returns the message that explains why an attachment could not be used. */
    public String failure(Language language, MediaException failure) {
        return switch (failure.reason()) {
            case TOO_LARGE -> messages.format(language, MessageKey.MEDIA_TOO_LARGE,
                    failure.actual() < 0 ? -1 : megabytes(failure.actual()), megabytes(failure.limit()));
            case TOO_LONG -> messages.format(language, MessageKey.MEDIA_TOO_LONG, failure.actual(), failure.limit());
            case EMPTY_FILE -> messages.format(language, MessageKey.MEDIA_EMPTY);
            case NOT_FOUND -> messages.format(language, MessageKey.MEDIA_NOT_FOUND);
            case DOWNLOAD_FAILED -> messages.format(language, MessageKey.MEDIA_DOWNLOAD_FAILED);
            case NOT_AN_IMAGE -> messages.format(language, MessageKey.MEDIA_NOT_AN_IMAGE);
            case CORRUPT -> messages.format(language, MessageKey.MEDIA_CORRUPT);
            case UNSUPPORTED_TYPE -> messages.format(language, MessageKey.MEDIA_UNSUPPORTED);
            case NO_AUDIO -> messages.format(language, MessageKey.MEDIA_NO_AUDIO);
            case NO_SPEECH -> messages.format(language, MessageKey.MEDIA_NO_SPEECH);
            case NO_VIDEO -> messages.format(language, MessageKey.MEDIA_NO_VIDEO);
            case DECODER_UNAVAILABLE -> messages.format(language, MessageKey.MEDIA_NO_DECODER);
            case NO_TEXT_LAYER -> messages.format(language, MessageKey.MEDIA_NO_TEXT_LAYER);
            case ENCRYPTED -> messages.format(language, MessageKey.MEDIA_ENCRYPTED);
            case TRANSCRIPTION_FAILED -> messages.format(language, MessageKey.MEDIA_TRANSCRIPTION_FAILED);
        };
    }

    /** Returns the line that shows the member what was heard in a recording. */
    public String heard(Language language, String transcript) {
        return messages.format(language, MessageKey.MEDIA_HEARD, transcript);
    }

    /** Returns the note appended to an answer for a document that was read only in part. */
    public String truncated(Language language, MediaInput.TruncatedDocument document) {
        return messages.format(language, MessageKey.MEDIA_DOCUMENT_TRUNCATED, document.name(), document.percentRead());
    }

    private static double megabytes(long bytes) {
        return bytes / BYTES_PER_MEGABYTE;
    }
}
