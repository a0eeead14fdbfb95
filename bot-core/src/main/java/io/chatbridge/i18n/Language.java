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

    /** Returns the locale for formatting numbers and dates in this language. */
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

    /**
     * Picks the language of a bot message: the member's own language when it is supported,
     * else the chat's configured language, else {@code fallback}.
     *
     * @param memberTag the member's language tag as the platform reports it, or null
     * @param chatTag the chat's language tag, such as a per-chat setting, or null
     * @param fallback the language used when neither tag is supported
     */
    public static Language resolve(@Nullable String memberTag, @Nullable String chatTag, Language fallback) {
        Language member = fromTag(memberTag);
        if (member != null) {
            return member;
        }
        Language chat = fromTag(chatTag);
        return chat != null ? chat : fallback;
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
