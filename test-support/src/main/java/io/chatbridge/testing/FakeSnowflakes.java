package io.chatbridge.testing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes Discord snowflake ids from the current time. Each id is larger than the one before, so
 * ids made within one millisecond still differ.
 */
final class FakeSnowflakes {

    /** The first millisecond of 2015, which Discord snowflakes count from. */
    private static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;

    private final AtomicLong last = new AtomicLong();

    /** Returns a new id whose timestamp part is the current time. */
    String next() {
        long fromClock = (System.currentTimeMillis() - DISCORD_EPOCH_MILLIS) << 22;
        return Long.toString(last.updateAndGet(previous -> Math.max(previous + 1, fromClock)));
    }
}
