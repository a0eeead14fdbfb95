package io.chatbridge.model;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the wait before a retry: the server's {@code retry-after} when it sent one, otherwise
 * exponential backoff (0.5 s, 1 s, 2 s and so on) shortened by up to 20% of random jitter, so that
 * clients that failed together do not retry together. Every wait is capped at {@link #MAX_WAIT}.
 */
final class Backoff {

    static final Duration FIRST_WAIT = Duration.ofMillis(500);
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    static final double MAX_JITTER = 0.2;

    private final DoubleSupplier random;

    /** @param random returns values in [0, 1), such as {@code ThreadLocalRandom.current()::nextDouble} */
    Backoff(DoubleSupplier random) {
        this.random = random;
    }

    /**
     * Returns the wait before a retry.
     *
     * @param retry 1 for the first retry, 2 for the second, and so on
     * @param retryAfter the delay the server asked for, or null
     */
    Duration delayBefore(int retry, @Nullable Duration retryAfter) {
        if (retryAfter != null) {
            return clamp(retryAfter);
        }
        // Shifting past 2^7 * 0.5 s already exceeds the cap, so the exponent stops there.
        Duration base = FIRST_WAIT.multipliedBy(1L << Math.min(Math.max(retry - 1, 0), 7));
        double factor = 1 - MAX_JITTER * random.getAsDouble();
        return clamp(Duration.ofNanos(Math.round(clamp(base).toNanos() * factor)));
    }

    private static Duration clamp(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
