package io.chatbridge.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Reads how long a server asked the client to wait before retrying.
 *
 * <p>OpenAI sends {@code retry-after-ms} (milliseconds, possibly fractional) next to the standard
 * {@code retry-after} (whole seconds or an HTTP date). The millisecond header is preferred because
 * it is more precise.
 */
final class RetryAfter {

    private RetryAfter() {}

    /**
     * Returns the requested delay, never negative, or null when neither header is present or
     * readable.
     *
     * @param now the current time, for {@code retry-after} given as an HTTP date
     */
    static @Nullable Duration parse(Headers headers, Instant now) {
        Duration millis = parseMillis(headers.get("retry-after-ms"));
        if (millis != null) {
            return millis;
        }
        return parseRetryAfter(headers.get("retry-after"), now);
    }

    private static @Nullable Duration parseMillis(@Nullable String value) {
        Double millis = parseNumber(value);
        return millis == null ? null : Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private static @Nullable Duration parseRetryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Double seconds = parseNumber(value);
        if (seconds != null) {
            return Duration.ofNanos(Math.round(seconds * 1_000_000_000));
        }
        try {
            Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Returns the non-negative finite number in {@code value}, or null when there is none. */
    private static @Nullable Double parseNumber(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.trim());
            return Double.isFinite(number) && number >= 0 ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
