package io.chatbridge.i18n;

import java.util.Locale;

/** The bot messages that members can see; {@link #bundleKey()} names each in the bundles. */
public enum MessageKey {
    /** Greeting for /start. Argument 0: the bot's name. */
    START,
    /**
     * Command list for /help. Argument 0: the {@link #HELP_TRIGGER_PREFIX} line, or empty when
     * the chat has no trigger prefix; {@link Messages#help} fills it.
     */
    HELP,
    /** The line of /help that names the chat's trigger prefix. Argument 0: the prefix. */
    HELP_TRIGGER_PREFIX,
    /** Confirms /reset. */
    RESET_DONE,
    /** Confirms /system. Argument 0: the new system prompt. */
    SYSTEM_UPDATED,
    /** A /system prompt too long for the prompt budget. Arguments 0 and 1: its tokens and the limit. */
    SYSTEM_TOO_LONG,
    /** Shows the system prompt for /system without text. Argument 0: the prompt. */
    SYSTEM_CURRENT,
    /** /system from a member who is not an admin. */
    ADMIN_ONLY,
    /** An unknown command addressed to the bot. Argument 0: the command as typed. */
    UNKNOWN_COMMAND,
    /** A message with nothing to answer (no text, no usable attachment). */
    EMPTY_MESSAGE,
    /** The member's message was longer than the limit and was cut. Arguments 0 and 1: kept and total characters. */
    INPUT_TRUNCATED,
    /** The model is rate limited. Argument 0: seconds to wait, a {@link Number}. */
    ERROR_RATE_LIMITED,
    /** The account's quota or credit is used up. */
    ERROR_QUOTA,
    /** The API key was rejected; the operator must fix the configuration. */
    ERROR_INVALID_KEY,
    /** The configured model does not exist at the endpoint. Argument 0: the model name. */
    ERROR_MODEL_NOT_FOUND,
    /** The message and history do not fit the model even after trimming. */
    ERROR_CONTEXT_LENGTH,
    /** The model endpoint failed or could not be reached. */
    ERROR_UPSTREAM,
    /** The model took too long to answer. */
    ERROR_TIMEOUT,
    /** The endpoint rejected the request. */
    ERROR_BAD_REQUEST,
    /** A failure the bot did not expect. */
    ERROR_INTERNAL,
    /** Appended to an answer whose stream broke midway. */
    ANSWER_INTERRUPTED,
    /** The model's answer had no text, as when a content filter removed all of it. */
    ANSWER_EMPTY,
    /** The member sent messages faster than allowed. Argument 0: seconds to wait, a {@link Number}. */
    LIMIT_RATE,
    /** The member already has an answer in progress. */
    LIMIT_IN_FLIGHT,
    /** The call would pass a budget. Arguments 0 and 1: the budget period name and the amount left. */
    LIMIT_BUDGET,

    // Attachments. Their texts are in the media bundles (media.properties and media_zh_CN.properties).

    /** A file over the download cap. Arguments 0 and 1: its size and the cap, in megabytes, {@link Number}s. */
    MEDIA_TOO_LARGE,
    /** Audio or video longer than allowed. Arguments 0 and 1: its length and the limit, in seconds, {@link Number}s. */
    MEDIA_TOO_LONG,
    /** A file with zero bytes. */
    MEDIA_EMPTY,
    /** The platform no longer has the file. */
    MEDIA_NOT_FOUND,
    /** The file could not be downloaded. */
    MEDIA_DOWNLOAD_FAILED,
    /** A "photo" or image file that is not an image. */
    MEDIA_NOT_AN_IMAGE,
    /** A damaged image, PDF, audio or video file. */
    MEDIA_CORRUPT,
    /** A file type the bot does not read, such as an archive or an animated sticker. */
    MEDIA_UNSUPPORTED,
    /** An audio file without an audio stream. */
    MEDIA_NO_AUDIO,
    /** Audio that was transcribed but has no speech in it. */
    MEDIA_NO_SPEECH,
    /** A video file without a video stream. */
    MEDIA_NO_VIDEO,
    /** Videos cannot be read because ffmpeg is not installed on the bot's server. */
    MEDIA_NO_DECODER,
    /** A PDF without a text layer, such as a scanned document. */
    MEDIA_NO_TEXT_LAYER,
    /** A PDF that needs a password. */
    MEDIA_ENCRYPTED,
    /** The transcription service failed. */
    MEDIA_TRANSCRIPTION_FAILED,
    /** Shows what was heard in a voice note, audio file or video. Argument 0: the transcript. */
    MEDIA_HEARD,
    /**
     * Appended to an answer when a document was too long to read whole. Arguments 0 and 1: the
     * file name and the share that was read, in percent, a {@link Number}.
     */
    MEDIA_DOCUMENT_TRUNCATED;

    /** Returns the resource bundle key, such as {@code error.rate_limited}. */
    public String bundleKey() {
        String lower = name().toLowerCase(Locale.ROOT);
        int underscore = lower.indexOf('_');
        return underscore < 0 ? lower : lower.substring(0, underscore) + "." + lower.substring(underscore + 1);
    }
}
