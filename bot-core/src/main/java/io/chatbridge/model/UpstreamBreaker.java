package io.chatbridge.model;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream's resilience4j circuit breaker, driven by the injected clock, so that tests move
 * it from open to half-open by advancing the clock instead of waiting.
 *
 * <p>Only a failure that reflects the upstream's health is counted, and the caller decides which. Slow calls are never counted, because a long streamed answer is normal. Thread-safe.
 */
final class UpstreamBreaker {

    private static final Logger log = LoggerFactory.getLogger(UpstreamBreaker.class);

    /** Long enough that no streamed answer counts as slow, because resilience4j has no switch to turn the check off. */
    private static final Duration NEVER_SLOW = Duration.ofDays(1);

    private final String name;
    private final Clock clock;
    private final Duration waitInOpenState;
    private final CircuitBreaker breaker;
    private volatile Instant openedAt = Instant.MIN;

    UpstreamBreaker(String name, BreakerSettings settings, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.waitInOpenState = settings.waitInOpenState();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.probeCalls())
                .slowCallDurationThreshold(NEVER_SLOW)
                .clock(clock)
                .build();
        this.breaker = CircuitBreaker.of(name, config);
        breaker.getEventPublisher().onStateTransition(event -> transitioned(event.getStateTransition().getFromState(),
                event.getStateTransition().getToState()));
    }

    /** Returns whether a call may go to the upstream now. After true, exactly one report must follow. */
    boolean tryAcquire() {
        return breaker.tryAcquirePermission();
    }

    void succeeded(Duration took) {
        breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
    }

    void failed(Duration took, ModelException failure) {
        breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, failure);
    }

    /** Ends a call whose outcome reveals nothing about the upstream, such as a rejected request. */
    void ignored() {
        breaker.releasePermission();
    }

    CircuitState state() {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            case CLOSED, DISABLED, METRICS_ONLY -> CircuitState.CLOSED;
        };
    }

    /** Returns how long until an open breaker lets a probe through, zero when it already would. */
    Duration untilProbe() {
        Duration left = Duration.between(clock.instant(), openedAt.plus(waitInOpenState));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void transitioned(CircuitBreaker.State from, CircuitBreaker.State to) {
        switch (to) {
            case OPEN, FORCED_OPEN -> {
                openedAt = clock.instant();
                log.warn("Upstream {} failed too often; calls skip it for {} before a probe (circuit {} to {})",
                        name, Durations.format(waitInOpenState), from, to);
            }
            case HALF_OPEN -> log.info("Upstream {}: probing it again (circuit {} to {})", name, from, to);
            case CLOSED -> log.info("Upstream {} recovered (circuit {} to {})", name, from, to);
            default -> log.debug("Upstream {}: circuit {} to {}", name, from, to);
        }
    }
}
