package io.chatbridge.model;

/** The state of one upstream's circuit breaker, as {@link FailoverChatModel} reports it. */
public enum CircuitState {
    /** Calls go to the upstream, and failures are counted. */
    CLOSED,
    /** The upstream failed too often; calls skip it until the wait in the open state ends. */
    OPEN,
    /** The wait ended; a limited number of probe calls decide whether the circuit closes or opens again. */
    HALF_OPEN
}
