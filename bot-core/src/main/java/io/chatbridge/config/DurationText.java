package io.chatbridge.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses and prints durations in the short form of the configuration file: a number with a unit
 * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 6h}, {@code 1d}), several of them in a row
 * ({@code 1h30m}), or ISO-8601 ({@code PT30S}).
 */
final class DurationText {

    /** One number and unit; {@code ms} comes before {@code m} so that the longer unit wins. */
    private static final Pattern PART = Pattern.compile("\\s*(\\d{1,9})\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private DurationText() {}

    /** Returns the duration, or null when the text is neither form or is negative. */
    static @Nullable Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            return parseIso(trimmed);
        }
        return parseShort(trimmed);
    }

    private static @Nullable Duration parseIso(String text) {
        try {
            Duration duration = Duration.parse(text);
            return duration.isNegative() ? null : duration;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Duration parseShort(String text) {
        Matcher matcher = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (end < text.length()) {
            matcher.region(end, text.length());
            if (!matcher.lookingAt()) {
                return null;
            }
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(unitOf(matcher.group(2)).multipliedBy(amount));
            end = matcher.end();
        }
        return total;
    }

    private static Duration unitOf(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> throw new IllegalStateException("unit not in the pattern: " + unit);
        };
    }

    /**
     * Prints a duration in the largest unit that divides it exactly, such as {@code 90m} or
     * {@code 500ms}. Durations finer than a millisecond are printed in ISO-8601.
     */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        long[] unitMillis = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] unitNames = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < unitMillis.length; i++) {
            if (millis % unitMillis[i] == 0) {
                return millis / unitMillis[i] + unitNames[i];
            }
        }
        throw new IllegalStateException("every whole number of milliseconds divides by 1");
    }
}
