package io.chatbridge.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of time, from {@code start} included to {@code end} excluded.
 *
 * @throws IllegalArgumentException when the end is before the start
 */
public record TimeWindow(Instant start, Instant end) {

    /** All of time, for totals. */
    public static final TimeWindow ALL = new TimeWindow(Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE));

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("time window ends at " + end + ", before its start " + start);
        }
    }

    /** Returns the window from start to end. */
    public static TimeWindow of(Instant start, Instant end) {
        return new TimeWindow(start, end);
    }

    /** Returns whether the instant lies inside. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    long startMillis() {
        return start.toEpochMilli();
    }

    long endMillis() {
        return end.toEpochMilli();
    }
}
