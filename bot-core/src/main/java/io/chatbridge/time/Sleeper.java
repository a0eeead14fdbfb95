package io.chatbridge.time;

import java.time.Duration;

/** Waits for a duration. Tests pass one that advances a fake clock instead of blocking. */
@FunctionalInterface
public interface Sleeper {

    /** The sleeper that blocks the calling thread. */
    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration);
        }
    };

    /** Blocks for the duration; returns at once for zero or negative durations. */
    void sleep(Duration duration) throws InterruptedException;
}
