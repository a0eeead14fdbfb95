package io.chatbridge.metrics;

/**
 * The engine's current load, read by gauges at each scrape. Implementations must be thread-safe
 * and cheap, since every scrape calls each method once.
 */
public interface EngineLoad {

    /** Returns how many conversations have a turn queued or running. */
    int activeConversations();

    /** Returns how many turns (answers and commands) are queued or running across all conversations. */
    int pendingTurns();

    /** Returns how many model calls hold an upstream slot now. */
    int modelCallsInFlight();

    /** Returns how many answers wait for a free upstream slot. */
    int modelCallsWaiting();
}
