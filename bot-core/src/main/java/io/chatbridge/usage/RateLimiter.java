package io.chatbridge.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A token bucket per member, kept as one instant each in the form of the generic cell rate
 * algorithm: a member may make {@code burst} calls at once, and then one call per
 * {@code 60 s / requestsPerMinute}. Time comes from the caller, so tests drive it with a fake
 * clock.
 *
 * <p>A small class here rather than a rate-limiting library, because bot-core keeps its
 * dependencies to the few its design lists and the whole rule is a few lines.
 *
 * <p>Not thread-safe: the gatekeeper calls it under its lock.
 */
final class RateLimiter {

    /** Above this many members, buckets that have refilled completely are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final boolean enabled;
    private final Duration interval;
    private final Duration tolerance;
    private final Map<BudgetSubject, Instant> theoreticalArrival = new HashMap<>();

    RateLimiter(RateLimits limits) {
        this.enabled = limits.rateLimited();
        this.interval = enabled ? Duration.ofMinutes(1).dividedBy(limits.requestsPerMinute()) : Duration.ZERO;
        this.tolerance = interval.multipliedBy(limits.burst() - 1L);
    }

    /**
     * Takes one call from a member's bucket.
     *
     * @return null when the call may go ahead and was counted, else how long until the next one may
     */
    @Nullable Duration tryAcquire(BudgetSubject member, Instant now) {
        if (!enabled) {
            return null;
        }
        Instant due = theoreticalArrival.getOrDefault(member, now);
        if (due.isBefore(now)) {
            due = now;
        }
        Duration ahead = Duration.between(now, due);
        if (ahead.compareTo(tolerance) > 0) {
            return ahead.minus(tolerance);
        }
        theoreticalArrival.put(member, due.plus(interval));
        prune(now);
        return null;
    }

    private void prune(Instant now) {
        if (theoreticalArrival.size() > PRUNE_ABOVE) {
            theoreticalArrival.values().removeIf(due -> !due.isAfter(now));
        }
    }
}
