package io.chatbridge.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Formats durations for error messages and logs, such as {@code 300 ms} or {@code 1.5 s}. */
final class Durations {

    private Durations() {}

    /** Returns milliseconds below one second, otherwise seconds with at most one decimal. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (Math.abs(millis) < 1000) {
            return millis + " ms";
        }
        BigDecimal seconds = BigDecimal.valueOf(millis, 3).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return seconds.toPlainString() + " s";
    }
}
