package io.chatbridge.discord;

import io.chatbridge.reply.SinkException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.RestAction;

/** Runs JDA requests on the calling thread and turns their failures into {@link SinkException}s. */
final class DiscordRequests {

    /**
     * How long one send or edit may take, including JDA's waits for Discord's rate limits, before
     * the sink gives up on it. Long enough for a few rate-limit waits of a few seconds each.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** Allows no mentions at all, so a model's answer never pings {@code @everyone}, roles or members. */
    static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    private DiscordRequests() {
    }

    /**
     * Builds a request, sends it through JDA's rate limiter and waits for its result. JDA queues
     * the request behind a known rate limit and retries it after a 429, so a rate limit shows up
     * here as a delay, not as an error. JDA trims the content of every message, as Discord does.
     *
     * @param request builds the request; JDA checks the content while building
     * @param description what the request does, for error messages, such as {@code "Sending a
     *     message to channel 123"}
     * @throws SinkException.RateLimited when JDA gives up on a rate limit
     * @throws SinkException when JDA rejects the content (empty or over 2000 characters), Discord
     *     rejects the request, the adapter is closed, or the request takes longer than
     *     {@link #REQUEST_TIMEOUT}
     */
    static <T> T complete(Supplier<? extends RestAction<T>> request, String description) throws SinkException {
        try {
            return request.get().timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).complete(true);
        } catch (RateLimitedException e) {
            throw new SinkException.RateLimited(description + " was rate limited by Discord; retry after "
                    + e.getRetryAfter() + " ms", Duration.ofMillis(e.getRetryAfter()));
        } catch (ErrorResponseException e) {
            throw new SinkException(description + " failed: Discord returned HTTP "
                    + e.getResponse().code + " with error " + e.getErrorCode() + " (" + e.getMeaning() + ")", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // JDA's message quotes the whole rejected content, which does not belong in a log line.
            throw new SinkException(description + " failed: JDA rejected the request: "
                    + abbreviate(String.valueOf(e.getMessage())), e);
        } catch (RuntimeException e) {
            throw new SinkException(description + " failed: " + e, e);
        }
    }

    private static String abbreviate(String text) {
        int limit = 120;
        return text.length() <= limit ? text : text.substring(0, limit) + "…";
    }
}
