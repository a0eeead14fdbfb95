package io.chatbridge.telegram;

import io.chatbridge.reply.SinkException;
import java.time.Duration;
import java.util.Locale;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Turns Bot API failures into the {@link SinkException} kinds the streamer handles. */
final class TelegramErrors {

    private static final Duration DEFAULT_FLOOD_WAIT = Duration.ofSeconds(3);

    private TelegramErrors() {}

    /**
     * Classifies a failed call. The Bot API tells "can't parse entities" and "message is not
     * modified" apart from other 400 errors only by its description text, so this is the one
     * place that reads it.
     */
    static SinkException translate(String method, TelegramApiException error, String token) {
        if (error instanceof TelegramApiRequestException request && request.getErrorCode() != null) {
            int code = request.getErrorCode();
            String description = redact(String.valueOf(request.getApiResponse()), token);
            if (code == 429) {
                Integer retryAfter = request.getParameters() == null ? null : request.getParameters().getRetryAfter();
                Duration wait = retryAfter == null ? DEFAULT_FLOOD_WAIT : Duration.ofSeconds(retryAfter);
                return new SinkException.RateLimited(method + ": flood control, retry after " + wait.toSeconds() + " s", wait);
            }
            String lower = description.toLowerCase(Locale.ROOT);
            if (code == 400 && lower.contains("can't parse entities")) {
                return new SinkException.FormattingRejected(method + ": " + description);
            }
            if (code == 400 && lower.contains("message is not modified")) {
                return new SinkException.NotModified(method + ": " + description);
            }
            return new SinkException(method + " failed with " + code + ": " + description + hint(code));
        }
        return new SinkException(method + " failed: " + redact(rootMessage(error), token)
                + "; check TELEGRAM_API_URL and the proxy setting (CHATBRIDGE_TELEGRAM_PROXY or CHATBRIDGE_PROXY)",
                error);
    }

    private static String hint(int code) {
        return switch (code) {
            case 401, 404 -> "; check TELEGRAM_BOT_TOKEN (the token BotFather gave)";
            default -> "";
        };
    }

    // TelegramBots wraps network failures in its own exception, whose message names only the method.
    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
        if (root != error && error.getMessage() != null) {
            return error.getMessage() + " (" + text + ")";
        }
        return text;
    }

    /** Removes the bot token, which Telegram puts in every URL path, from a text. */
    static String redact(String text, String token) {
        return token.isBlank() ? text : text.replace(token, "<token>");
    }
}
