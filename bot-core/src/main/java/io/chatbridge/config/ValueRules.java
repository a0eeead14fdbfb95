package io.chatbridge.config;

import io.chatbridge.media.ImageDetail;
import io.chatbridge.conversation.Scope;
import io.chatbridge.engine.Platform;
import io.chatbridge.i18n.Language;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks and converts single configuration values. Each method returns the converted value, or
 * adds a problem and returns null.
 */
final class ValueRules {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    /** YAML and many operators write large numbers with digit separators, such as 20_000_000. */
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+(_\\d+)*");
    private static final Pattern TELEGRAM_ID = Pattern.compile("-?\\d{1,20}");
    private static final Pattern DISCORD_ID = Pattern.compile("\\d{1,20}");
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
    private static final String DURATION_FORMS =
            "expected a number with a unit (ms, s, m, h or d) such as 30s, or ISO-8601 such as PT30S";

    private ValueRules() {}

    /** Returns a decimal number from {@code min} to {@code max}. */
    static @Nullable Double number(RawValue value, double min, double max, Problems problems) {
        String expected = "expected a number from " + plain(min) + " to " + plain(max);
        if (!DECIMAL.matcher(value.text()).matches()) {
            problems.reject(value, "is not a number, " + expected);
            return null;
        }
        double number = Double.parseDouble(value.text());
        if (number < min || number > max) {
            problems.reject(value, "is out of range, " + expected);
            return null;
        }
        return number;
    }

    /**
     * Returns a whole number from {@code min} to {@code max}.
     *
     * @param maxSource the key that sets {@code max}, named in the message, or null when fixed
     */
    static @Nullable Long wholeNumber(
            RawValue value, long min, long max, @Nullable String maxSource, Problems problems) {
        String expected = "expected a whole number from " + min + " to " + max
                + (maxSource == null ? "" : " (" + maxSource + ")");
        if (!WHOLE.matcher(value.text()).matches()) {
            problems.reject(value, "is not a whole number, " + expected);
            return null;
        }
        long number;
        try {
            number = Long.parseLong(value.text().replace("_", ""));
        } catch (NumberFormatException e) {
            problems.reject(value, "is out of range, " + expected);
            return null;
        }
        if (number < min || number > max) {
            problems.reject(value, "is out of range, " + expected);
            return null;
        }
        return number;
    }

    /** Returns a duration from {@code min} to {@code max}, in the forms of {@link DurationText}. */
    static @Nullable Duration duration(RawValue value, Duration min, Duration max, Problems problems) {
        Duration duration = DurationText.parse(value.text());
        if (duration == null) {
            problems.reject(value, "is not a duration, " + DURATION_FORMS);
            return null;
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            problems.reject(value, "is out of range, expected a duration from "
                    + DurationText.format(min) + " to " + DurationText.format(max));
            return null;
        }
        return duration;
    }

    /** Returns a model name: not empty and without white space, such as {@code gpt-4o-mini}. */
    static @Nullable String modelName(RawValue value, Problems problems) {
        String name = value.text().strip();
        if (name.isEmpty()) {
            problems.reject(value, "is empty, expected a model name such as gpt-4o-mini");
            return null;
        }
        if (name.chars().anyMatch(Character::isWhitespace)) {
            problems.reject(value, "contains white space, expected a model name such as gpt-4o-mini");
            return null;
        }
        return name;
    }

    /** Returns a system prompt, which must not be blank. */
    static @Nullable String systemPrompt(RawValue value, Problems problems) {
        if (value.text().isBlank()) {
            problems.reject(value, "is empty, expected the instructions that start every conversation;"
                    + " remove the key to use the default");
            return null;
        }
        return value.text().strip();
    }

    /** Returns a trigger prefix, empty for none, which must not start with {@code /}. */
    static @Nullable String triggerPrefix(RawValue value, Problems problems) {
        String prefix = value.text().strip();
        if (prefix.startsWith("/")) {
            problems.reject(value, "starts with /, which marks commands, expected a prefix such as !ai");
            return null;
        }
        if (prefix.contains("\n") || prefix.contains("\r")) {
            problems.reject(value, "contains a line break, expected a prefix on one line such as !ai");
            return null;
        }
        return prefix;
    }

    /**
     * Returns a language: {@code en} or {@code zh-CN}, in any case and with {@code -} or
     * {@code _}, or any other tag that {@link Language#fromTag} maps, such as {@code zh-Hans}.
     */
    static @Nullable Language language(RawValue value, Problems problems) {
        Language language = Language.fromTag(value.text());
        if (language == null) {
            problems.reject(value, "is not a supported language, expected en or zh-CN");
        }
        return language;
    }

    /** Returns a scope: {@code channel}, {@code user} or {@code thread}, in any case. */
    static @Nullable ImageDetail imageDetail(RawValue value, Problems problems) {
        String text = value.text().trim().toLowerCase(Locale.ROOT);
        for (ImageDetail detail : ImageDetail.values()) {
            if (detail.wireName().equals(text)) {
                return detail;
            }
        }
        problems.reject(value, "is not an image detail, expected low, high or auto");
        return null;
    }

    static @Nullable Scope scope(RawValue value, Problems problems) {
        for (Scope scope : Scope.values()) {
            if (scope.id().equalsIgnoreCase(value.text().strip())) {
                return scope;
            }
        }
        problems.reject(value, "is not a scope, expected channel, user or thread");
        return null;
    }

    /** Returns the address a server binds to, {@code host:port}; see {@link ListenAddress#parse}. */
    static @Nullable ListenAddress listenAddress(RawValue value, Problems problems) {
        ListenAddress address = ListenAddress.parse(value.text());
        if (address == null) {
            problems.reject(value, "is not a listen address, expected host:port with a port from 1 to 65535,"
                    + " such as 127.0.0.1:9464 ([::1]:9464 for IPv6, 0.0.0.0:9464 for every interface)");
        }
        return address;
    }

    /** Returns a directory path; it need not exist yet. */
    static @Nullable Path directory(RawValue value, Problems problems) {
        if (value.text().isBlank()) {
            problems.reject(value, "is empty, expected a directory such as ./data");
            return null;
        }
        try {
            return Path.of(value.text().strip());
        } catch (InvalidPathException e) {
            problems.reject(value, "is not a valid path: " + e.getReason());
            return null;
        }
    }

    /**
     * Returns a user or channel id of a platform: a whole number for Telegram (negative for
     * groups), digits for a Discord snowflake.
     */
    static @Nullable String platformId(RawValue value, Platform platform, Problems problems) {
        String id = value.text().strip();
        boolean valid = switch (platform) {
            case TELEGRAM -> TELEGRAM_ID.matcher(id).matches();
            case DISCORD -> DISCORD_ID.matcher(id).matches();
            case CONSOLE -> !id.isEmpty();
        };
        if (!valid) {
            problems.reject(value, "is not " + idRule(platform));
            return null;
        }
        return id;
    }

    static String idRule(Platform platform) {
        return switch (platform) {
            case TELEGRAM -> "a Telegram id, expected a whole number such as 123456789 or -100123";
            case DISCORD -> "a Discord id, expected digits only such as 1300000000000000001";
            case CONSOLE -> "a console id, expected any text";
        };
    }

    /**
     * Returns an API key or Discord token: visible ASCII characters only, because the value goes
     * into an HTTP header. The message names the source only, never the value.
     */
    static @Nullable String secret(RawValue value, String whatToGive, Problems problems) {
        boolean printable = value.text().chars().allMatch(c -> c > ' ' && c < 0x7f);
        if (!printable) {
            problems.rejectHidden(value.source(), "is invalid: it contains a space, a control character"
                    + " or a non-ASCII character; " + whatToGive);
            return null;
        }
        return value.text();
    }

    /** Returns a Telegram bot token, {@code <bot id>:<secret>}. The message never shows the value. */
    static @Nullable String telegramToken(RawValue value, Problems problems) {
        if (!TELEGRAM_TOKEN.matcher(value.text()).matches()) {
            problems.rejectHidden(value.source(), "is invalid, expected the form <bot id>:<secret>"
                    + " that @BotFather gives (digits, a colon, then letters, digits, _ and -)");
            return null;
        }
        return value.text();
    }

    /** Prints a range bound without a needless {@code .0}, so 2.0 reads as 2. */
    private static String plain(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
