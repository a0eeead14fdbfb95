package io.chatbridge.telegram;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * The wait between failed {@code getUpdates} calls: 0.5 s, doubling up to 30 s, shortened by up to
 * 20% of random jitter, and back to 0.5 s after a call succeeds.
 *
 * <p>It replaces TelegramBots' default {@code ExponentialBackOff}, which, once 15 minutes have passed
 * since the last success, waits 15 minutes before every further attempt (TelegramBots 10.2.0). After
 * a long Bot API outage the bot would then miss updates for up to 15 more minutes. With this one it
 * polls again within 30 s of the API's return.
 *
 * <p>Not thread-safe; TelegramBots uses each instance from one polling thread.
 */
final class PollingBackOff implements BackOff {

    static final Duration FIRST_WAIT = Duration.ofMillis(500);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final double MAX_JITTER = 0.2;

    private final DoubleSupplier random;
    private Duration next = FIRST_WAIT;

    PollingBackOff() {
        this(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random returns values in [0, 1) */
    PollingBackOff(DoubleSupplier random) {
        this.random = random;
    }

    @Override
    public void reset() {
        next = FIRST_WAIT;
    }

    @Override
    public long nextBackOffMillis() {
        long wait = Math.round(next.toMillis() * (1 - MAX_JITTER * random.getAsDouble()));
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : doubled;
        return wait;
    }
}
