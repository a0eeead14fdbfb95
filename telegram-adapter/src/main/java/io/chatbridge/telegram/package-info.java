/** The Telegram adapter: Bot API updates to the engine's messages, and replies to Bot API calls. */
@NullMarked
package io.chatbridge.telegram;

import org.jspecify.annotations.NullMarked;
