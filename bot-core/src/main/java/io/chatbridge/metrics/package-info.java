/**
 * Operational metrics through Micrometer: what the engine decided for each inbound message, the
 * model calls with their tokens, cost and latency, queue and cache gauges, and the JVM's own
 * meters. Tags are low-cardinality only: platform, decision, model, outcome and error kind, never
 * a chat id, a user id or message text.
 */
@NullMarked
package io.chatbridge.metrics;

import org.jspecify.annotations.NullMarked;
