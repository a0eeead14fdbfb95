package io.chatbridge.usage;

import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.model.Usage;
import io.chatbridge.storage.StorageException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UsageRecorder} that writes each call to the {@link UsageLedger}, priced by the
 * {@link PriceTable}. {@link #record} returns after the row is committed. Thread-safe.
 */
public final class LedgerRecorder implements UsageRecorder {

    private static final Logger log = LoggerFactory.getLogger(LedgerRecorder.class);

    private final SpendTracker spending;
    private final PriceTable prices;
    private final MemberNames names;

    LedgerRecorder(SpendTracker spending, PriceTable prices, MemberNames names) {
        this.spending = spending;
        this.prices = prices;
        this.names = names;
    }

    /**
     * Prices the call and commits its ledger row. When the database fails, logs the failure with
     * the conversation and the figures that were lost, and returns normally, so that the member
     * still gets the answer.
     */
    @Override
    public void record(ModelCall call) {
        LedgerEntry entry = entry(call);
        try {
            spending.record(entry);
        } catch (StorageException | IllegalStateException e) {
            log.error("Could not record a call in {} by user {}: model {}, {} prompt ({} cached) and {} completion"
                    + " tokens, {} pico-USD", call.key(), call.userId(), call.model(), entry.promptTokens(),
                    entry.cachedPromptTokens(), entry.completionTokens(), entry.costPicoUsd(), e);
        }
    }

    LedgerEntry entry(ModelCall call) {
        ConversationKey key = call.key();
        Usage usage = call.usage();
        BudgetSubject member = BudgetSubject.member(key.platform(), call.userId());
        return new LedgerEntry(
                call.startedAt(),
                key.platform(),
                key.chatId(),
                key.threadId(),
                call.userId(),
                names.find(member),
                call.model(),
                call.upstream(),
                usage.promptTokens(),
                usage.cachedPromptTokens(),
                usage.completionTokens(),
                prices.costPicoUsd(call.model(), usage),
                usage.estimated(),
                millis(call.timeToFirstToken()),
                call.totalTime().toMillis(),
                call.outcome(),
                call.error());
    }

    private static @Nullable Long millis(@Nullable Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
