package io.chatbridge.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that moves only when a test moves it, so that time-driven behaviour (pacing,
 * budgets per day, expiry) is tested without waiting. Thread-safe.
 */
public final class ManualClock extends Clock {

    private volatile Instant now;

    /** Creates a clock showing {@code start}. */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Creates a clock showing an ISO-8601 instant such as {@code 2026-12-04T10:00:00Z}. */
    public ManualClock(String start) {
        this(Instant.parse(start));
    }

    /** Moves the clock forward; a negative duration moves it back. */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Sets the clock to an ISO-8601 instant. */
    public void set(String instant) {
        now = Instant.parse(instant);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
