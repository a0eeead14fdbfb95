package io.chatbridge.telegram;

/** The Telegram bot could not start: the token was rejected or the Bot API could not be reached. */
public final class TelegramStartException extends Exception {

    public TelegramStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
