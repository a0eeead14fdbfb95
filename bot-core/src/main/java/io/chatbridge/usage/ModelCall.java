package io.chatbridge.usage;

import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One model call as the usage ledger records it.
 *
 * @param startedAt when the request was sent
 * @param key the conversation (platform, chat, thread, member)
 * @param userId the member who asked
 * @param model the model name sent
 * @param upstream the base URL host that served it, or empty when unknown
 * @param usage token counts, from the API or estimated
 * @param timeToFirstToken time to the first answer text, or null when none arrived
 * @param totalTime time to the end of the call
 * @param outcome how the call ended
 * @param error the error kind when the call failed or was interrupted, else null
 */
public record ModelCall(
        Instant startedAt,
        ConversationKey key,
        String userId,
        String model,
        String upstream,
        Usage usage,
        @Nullable Duration timeToFirstToken,
        Duration totalTime,
        CallOutcome outcome,
        @Nullable ModelErrorKind error) {

    public ModelCall {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(outcome, "outcome");
    }
}
