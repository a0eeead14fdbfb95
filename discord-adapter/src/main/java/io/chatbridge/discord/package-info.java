/**
 * The Discord adapter: maps JDA gateway events and slash commands to the engine's inbound messages
 * and carries the engine's replies back as Discord messages and edits.
 */
@NullMarked
package io.chatbridge.discord;

import org.jspecify.annotations.NullMarked;
