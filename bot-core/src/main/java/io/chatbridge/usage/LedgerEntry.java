package io.chatbridge.usage;

import io.chatbridge.engine.Platform;
import io.chatbridge.model.ModelErrorKind;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of the usage ledger: a model call with its tokens and cost.
 *
 * @param startedAt when the request was sent
 * @param platform the chat platform
 * @param chatId the platform's chat id
 * @param threadId the thread or topic when the conversation is kept per thread, else null
 * @param userId the platform's id of the member who asked
 * @param userName the member's display name at the time, for reports, or null when unknown
 * @param model the model name sent
 * @param upstream the base URL host that served the call, or empty when unknown
 * @param promptTokens prompt tokens, cached ones included
 * @param cachedPromptTokens the cached part of the prompt
 * @param completionTokens generated tokens
 * @param costPicoUsd the cost in pico-dollars (10<sup>-12</sup> USD)
 * @param estimated whether the token counts were made locally because the stream had no usage
 * @param timeToFirstTokenMillis milliseconds to the first answer text, or null when none came
 * @param totalMillis milliseconds to the end of the call
 * @param outcome how the call ended
 * @param error the error kind when the call failed or was interrupted, else null
 */
public record LedgerEntry(
        Instant startedAt,
        Platform platform,
        String chatId,
        @Nullable String threadId,
        String userId,
        @Nullable String userName,
        String model,
        String upstream,
        int promptTokens,
        int cachedPromptTokens,
        int completionTokens,
        long costPicoUsd,
        boolean estimated,
        @Nullable Long timeToFirstTokenMillis,
        long totalMillis,
        CallOutcome outcome,
        @Nullable ModelErrorKind error) {

    public LedgerEntry {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Returns prompt plus completion tokens. */
    public long totalTokens() {
        return (long) promptTokens + completionTokens;
    }
}
