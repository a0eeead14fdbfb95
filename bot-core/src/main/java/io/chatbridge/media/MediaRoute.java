package io.chatbridge.media;

import io.chatbridge.engine.Attachment;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How an attachment is read, decided from the kind the platform reports, its media type and its
 * file name. Platforms label files loosely (a Telegram "document" can be a photo, a Discord file
 * without a content type can be source code), so the type and extension refine the kind.
 */
enum MediaRoute {
    IMAGE,
    AUDIO,
    VIDEO,
    TEXT,
    PDF,
    UNSUPPORTED;

    /** Telegram's animated stickers: Lottie animations in gzip, which no decoder here reads. */
    static final String ANIMATED_STICKER_TYPE = "application/x-tgsticker";

    private static final Set<String> TEXT_EXTENSIONS = Set.of(
            "txt", "text", "md", "markdown", "rst", "csv", "tsv", "json", "jsonl", "ndjson", "xml", "yaml", "yml",
            "toml", "ini", "cfg", "conf", "properties", "env", "log", "html", "htm", "css", "scss", "less", "svg",
            "tex", "srt", "vtt", "diff", "patch", "sql", "graphql", "proto",
            "java", "kt", "kts", "scala", "groovy", "gradle", "py", "pyi", "rb", "php", "pl", "lua", "r", "jl",
            "js", "mjs", "cjs", "jsx", "ts", "tsx", "vue", "svelte", "go", "rs", "c", "h", "cc", "cpp", "cxx", "hpp",
            "hh", "cs", "fs", "swift", "m", "mm", "dart", "zig", "nim", "ex", "exs", "erl", "hs", "ml", "clj",
            "sh", "bash", "zsh", "fish", "ps1", "bat", "cmd", "dockerfile", "makefile", "cmake", "tf", "nix");

    private static final Set<String> TEXT_MEDIA_TYPES = Set.of(
            "application/json", "application/xml", "application/x-yaml", "application/yaml", "application/toml",
            "application/javascript", "application/x-javascript", "application/x-sh", "application/x-python",
            "application/sql", "application/x-httpd-php", "application/ld+json", "application/x-ndjson");

    static MediaRoute of(Attachment attachment) {
        String type = lower(attachment.mimeType());
        String extension = extension(attachment.fileName());
        return switch (attachment.kind()) {
            case IMAGE -> IMAGE;
            case VOICE, AUDIO -> AUDIO;
            case VIDEO, ANIMATION -> VIDEO;
            case STICKER -> type.equals(ANIMATED_STICKER_TYPE) ? UNSUPPORTED : type.startsWith("video/") ? VIDEO : IMAGE;
            case DOCUMENT -> ofDocument(type, extension);
        };
    }

    private static MediaRoute ofDocument(String type, String extension) {
        if (type.startsWith("image/") && !type.equals("image/svg+xml")) {
            return IMAGE;
        }
        if (type.startsWith("audio/")) {
            return AUDIO;
        }
        if (type.startsWith("video/")) {
            return VIDEO;
        }
        if (type.equals("application/pdf") || extension.equals("pdf")) {
            return PDF;
        }
        if (type.startsWith("text/") || TEXT_MEDIA_TYPES.contains(type) || TEXT_EXTENSIONS.contains(extension)) {
            return TEXT;
        }
        return UNSUPPORTED;
    }

    /** Returns the lower-case extension of a file name without the dot, the whole name when it has none, or empty. */
    static String extension(@Nullable String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "";
        }
        String name = fileName.strip().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    private static String lower(@Nullable String type) {
        if (type == null) {
            return "";
        }
        int parameters = type.indexOf(';');
        return (parameters < 0 ? type : type.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }
}
