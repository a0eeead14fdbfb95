package io.chatbridge.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How each upstream's circuit breaker in a {@link FailoverChatModel} decides to stop calling an
 * upstream and when to probe it again.
 *
 * <p>The breaker counts the outcomes of the last {@code windowSize} calls. Once at least
 * {@code minimumCalls} are counted and {@code failureRatePercent} or more of them failed, it opens:
 * calls skip the upstream for {@code waitInOpenState}. Then it lets {@code probeCalls} calls through
 * (half-open); if enough of those succeed it closes, otherwise it opens again.
 *
 * @param failureRatePercent the failure rate that opens the breaker, 1 to 100, default 50
 * @param windowSize the number of recent calls counted, at least 1, default 10
 * @param minimumCalls the number of counted calls before the rate is judged, 1 to {@code windowSize},
 *     default 4
 * @param waitInOpenState how long an open breaker skips the upstream, positive, default 30 s
 * @param probeCalls the calls let through in the half-open state, at least 1, default 1
 */
public record BreakerSettings(
        int failureRatePercent, int windowSize, int minimumCalls, Duration waitInOpenState, int probeCalls) {

    /** The defaults: 50% of the last 10 calls, judged from 4 calls on, 30 s open, 1 probe. */
    public static final BreakerSettings DEFAULTS = new BreakerSettings(50, 10, 4, Duration.ofSeconds(30), 1);

    public BreakerSettings {
        Objects.requireNonNull(waitInOpenState, "waitInOpenState");
        if (failureRatePercent < 1 || failureRatePercent > 100) {
            throw new IllegalArgumentException("failureRatePercent must be from 1 to 100, was " + failureRatePercent);
        }
        if (windowSize < 1 || minimumCalls < 1 || minimumCalls > windowSize) {
            throw new IllegalArgumentException("windowSize must be at least 1 and minimumCalls from 1 to windowSize,"
                    + " were " + windowSize + " and " + minimumCalls);
        }
        if (!waitInOpenState.isPositive()) {
            throw new IllegalArgumentException("waitInOpenState must be positive, was " + waitInOpenState);
        }
        if (probeCalls < 1) {
            throw new IllegalArgumentException("probeCalls must be at least 1, was " + probeCalls);
        }
    }
}
