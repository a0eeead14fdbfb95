package io.chatbridge.usage;

/**
 * How fast members may ask. These apply to admins too, because they protect the upstream's
 * request quota, which admins share.
 *
 * @param requestsPerMinute the sustained model calls per member per minute, 1 to 6000, or 0 for no
 *     rate limit; default 10
 * @param burst how many calls a member who has been quiet may make at once before the rate
 *     applies, 1 to 1000; default 3
 * @param maxInFlightPerMember the maximum answers in progress for one member at a time, across all
 *     chats, 1 to 100; default 1
 * @param maxConcurrentCalls the maximum model calls in flight at once across the whole bot, 1 to
 *     10000; default 64. The engine queues calls above it rather than refusing them, because a
 *     burst across many chats is no member's fault
 * @throws IllegalArgumentException when a value is out of its range
 */
public record RateLimits(int requestsPerMinute, int burst, int maxInFlightPerMember, int maxConcurrentCalls) {

    /** The defaults: 10 per minute, bursts of 3, one answer in progress per member, 64 calls in flight. */
    public static final RateLimits DEFAULTS = new RateLimits(10, 3, 1, 64);

    public RateLimits {
        check("requests_per_minute", requestsPerMinute, 0, 6000);
        check("burst", burst, 1, 1000);
        check("max_in_flight_per_member", maxInFlightPerMember, 1, 100);
        check("max_concurrent_calls", maxConcurrentCalls, 1, 10_000);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", was " + value);
        }
    }

    /** Returns whether a per-minute rate limit applies. */
    public boolean rateLimited() {
        return requestsPerMinute > 0;
    }
}
