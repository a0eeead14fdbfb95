package io.chatbridge.i18n;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A language that bot messages are written in. */
public enum Language {
    EN("en", Locale.ENGLISH),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** Returns the configuration spelling, {@code en} or {@code zh-CN}. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /**
     * Picks the language for a platform's language tag ({@code zh}, {@code zh-hans}, {@code zh-CN},
     * {@code en-US} ...), or returns null when the tag is absent or not supported.
     * Traditional Chinese tags ({@code zh-TW}, {@code zh-Hant}) get null rather than Simplified.
     */
    public static @Nullable Language fromTag(@Nullable String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return null;
        }
        String tag = languageTag.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (tag.equals("zh") || tag.startsWith("zh-cn") || tag.startsWith("zh-hans") || tag.startsWith("zh-sg")) {
            return ZH_CN;
        }
        if (tag.equals("en") || tag.startsWith("en-")) {
            return EN;
        }
        return null;
    }

    /** Parses a configuration value, {@code en} or {@code zh-CN} (any case, {@code _} or {@code -}). */
    public static Language parse(String value) {
        Language language = fromTag(value);
        if (language == null) {
            throw new IllegalArgumentException("unsupported language '" + value + "', expected en or zh-CN");
        }
        return language;
    }
}
