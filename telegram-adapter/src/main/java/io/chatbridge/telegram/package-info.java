/** The Telegram adapter: long polling with TelegramBots, updates to the engine, answers to Bot API calls. */
@NullMarked
package io.chatbridge.telegram;

import org.jspecify.annotations.NullMarked;
