/** The engine: inbound messages, triggers, commands, and the per-conversation turn queue. */
@NullMarked
package io.chatbridge.engine;

import org.jspecify.annotations.NullMarked;
