package io.chatbridge.media;

import io.chatbridge.engine.Attachment;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The file name and media type an audio file is uploaded with. The transcription endpoint reads
 * the format from the file name's extension and takes only flac, m4a, mp3, mp4, mpeg, mpga, ogg,
 * wav and webm, so Telegram's {@code .oga} voice files go as {@code .ogg}, which is the same Ogg
 * container.
 *
 * @param fileName a neutral name such as {@code voice.ogg}; the member's own file name is not sent
 * @param mediaType the media type for the extension
 */
record AudioUpload(String fileName, String mediaType) {

    /** The upload for audio that ffmpeg converted to FLAC. */
    static final AudioUpload FLAC = new AudioUpload("audio.flac", "audio/flac");

    private static final Map<String, String> TYPES_BY_EXTENSION = Map.of(
            "flac", "audio/flac",
            "m4a", "audio/mp4",
            "mp3", "audio/mpeg",
            "mp4", "audio/mp4",
            "mpeg", "audio/mpeg",
            "mpga", "audio/mpeg",
            "ogg", "audio/ogg",
            "wav", "audio/wav",
            "webm", "audio/webm");

    private static final Map<String, String> EXTENSIONS_BY_TYPE = Map.ofEntries(
            Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/opus", "ogg"),
            Map.entry("audio/mpeg", "mp3"),
            Map.entry("audio/mp3", "mp3"),
            Map.entry("audio/mp4", "m4a"),
            Map.entry("audio/x-m4a", "m4a"),
            Map.entry("audio/m4a", "m4a"),
            Map.entry("audio/wav", "wav"),
            Map.entry("audio/x-wav", "wav"),
            Map.entry("audio/wave", "wav"),
            Map.entry("audio/webm", "webm"),
            Map.entry("audio/flac", "flac"),
            Map.entry("audio/x-flac", "flac"));

    /** Returns the upload for an attachment, or null when its format is not one the endpoint takes. */
    static @Nullable AudioUpload of(Attachment attachment) {
        String extension = normalised(MediaRoute.extension(attachment.fileName()));
        if (!TYPES_BY_EXTENSION.containsKey(extension)) {
            String type = attachment.mimeType() == null ? "" : attachment.mimeType().toLowerCase(Locale.ROOT).strip();
            int parameters = type.indexOf(';');
            extension = EXTENSIONS_BY_TYPE.getOrDefault(parameters < 0 ? type : type.substring(0, parameters).strip(), "");
        }
        String mediaType = TYPES_BY_EXTENSION.get(extension);
        if (mediaType == null) {
            return null;
        }
        String base = attachment.kind() == Attachment.Kind.VOICE ? "voice" : "audio";
        return new AudioUpload(base + "." + extension, mediaType);
    }

    // Both are Ogg containers; the endpoint knows only the .ogg name.
    private static String normalised(String extension) {
        return extension.equals("oga") || extension.equals("opus") ? "ogg" : extension;
    }
}
