package io.chatbridge.media;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An attachment that could not be downloaded or read. The {@link #reason()} selects the message
 * the member gets; the message is for logs and names the file and the rule, never a bot token or a
 * URL that contains one.
 */
public final class MediaException extends Exception {

    /** The cause of an unusable attachment, which selects the member's message. */
    public enum Reason {
        /** The file is over the download cap; {@link #actual()} and {@link #limit()} are bytes. */
        TOO_LARGE,
        /** The audio or video plays longer than allowed; {@link #actual()} and {@link #limit()} are seconds. */
        TOO_LONG,
        /** The file has zero bytes. */
        EMPTY_FILE,
        /** The platform no longer has the file, or never had it. */
        NOT_FOUND,
        /** The download failed: network error, an unexpected HTTP status, a timeout, a refused host. */
        DOWNLOAD_FAILED,
        /** The file claims to be an image but no image decoder recognises it. */
        NOT_AN_IMAGE,
        /** The file is of a known type but damaged, so decoding failed. */
        CORRUPT,
        /** The file type is not one the bot reads, such as an animated sticker or an archive. */
        UNSUPPORTED_TYPE,
        /** An audio file that contains no audio stream. */
        NO_AUDIO,
        /** The audio was transcribed but contains no speech. */
        NO_SPEECH,
        /** A video file that contains no video stream. */
        NO_VIDEO,
        /** Reading this kind of file needs ffmpeg, which is not installed. */
        DECODER_UNAVAILABLE,
        /** A PDF whose pages carry no text layer, such as a scan. */
        NO_TEXT_LAYER,
        /** A PDF that needs a password to open. */
        ENCRYPTED,
        /** The transcription endpoint failed or rejected the audio. */
        TRANSCRIPTION_FAILED
    }

    private final Reason reason;
    private final long actual;
    private final long limit;

    /**
     * Creates an exception without measurements.
     *
     * @param reason the category shown to the member
     * @param message what failed, on which file, free of secrets
     */
    public MediaException(Reason reason, String message) {
        this(reason, message, -1, -1, null);
    }

    /** Creates an exception without measurements, keeping the underlying failure. */
    public MediaException(Reason reason, String message, @Nullable Throwable cause) {
        this(reason, message, -1, -1, cause);
    }

    /**
     * Creates an exception with the measured value and the limit it broke.
     *
     * @param actual the measured size in bytes or length in seconds, or -1 when unknown
     * @param limit the configured maximum in the same unit, or -1 when none applies
     */
    public MediaException(Reason reason, String message, long actual, long limit, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.actual = actual;
        this.limit = limit;
    }

    /** Returns an exception for a file over the download cap. */
    public static MediaException tooLarge(String what, long actualBytes, long maxBytes) {
        String size = actualBytes < 0 ? "more than " + maxBytes : String.valueOf(actualBytes);
        return new MediaException(Reason.TOO_LARGE, what + " has " + size + " bytes, over the download cap of "
                + maxBytes + " bytes (media max_download_bytes)", actualBytes, maxBytes, null);
    }

    public Reason reason() {
        return reason;
    }

    /** Returns the measured size in bytes or length in seconds, or -1 when not measured. */
    public long actual() {
        return actual;
    }

    /** Returns the limit that was broken, in the unit of {@link #actual()}, or -1. */
    public long limit() {
        return limit;
    }
}
