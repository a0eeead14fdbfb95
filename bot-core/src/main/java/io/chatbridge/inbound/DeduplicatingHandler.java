package io.chatbridge.inbound;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.MessageHandler;
import io.chatbridge.media.MediaDownloader;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.storage.StorageException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageHandler} that passes each platform message on once: a message delivered again,
 * identified by platform, chat id and message id, is skipped while it is being handled and after.
 *
 * <p>Platforms deliver again after a restart (Telegram hands out updates that were not yet
 * confirmed by the next {@code getUpdates}), after a webhook call that timed out, or after a
 * gateway resume. When the ledger itself fails, the message is handled anyway and the failure
 * logged, because a duplicate answer is better than silence.
 *
 * <p>Thread-safe; {@link #accept} does one small database write and returns.
 */
public final class DeduplicatingHandler implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(DeduplicatingHandler.class);

    private final InboundLedger ledger;
    private final MessageHandler next;

    /**
     * Wraps a handler, such as the engine, and logs a warning when earlier runs left messages
     * unanswered.
     */
    public DeduplicatingHandler(InboundLedger ledger, MessageHandler next) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.next = Objects.requireNonNull(next, "next");
        reportUnfinished();
    }

    @Override
    public CompletableFuture<Void> accept(InboundMessage message, ReplySink sink) {
        return accept(message, sink, MediaDownloader.NONE);
    }

    @Override
    public CompletableFuture<Void> accept(InboundMessage message, ReplySink sink, MediaDownloader media) {
        InboundLedger.Claim claim;
        try {
            claim = ledger.claim(message.platform(), message.chatId(), message.messageId());
        } catch (StorageException e) {
            log.error("Could not record message {} in {}:{}; handling it without the duplicate check",
                    message.messageId(), message.platform().id(), message.chatId(), e);
            return next.accept(message, sink, media);
        }

        switch (claim) {
            case FINISHED, IN_PROGRESS -> {
                log.info("Skipping message {} in {}:{}: it was delivered again and is already {}", message.messageId(),
                        message.platform().id(), message.chatId(), claim == InboundLedger.Claim.FINISHED
                                ? "handled" : "being handled");
                return CompletableFuture.completedFuture(null);
            }
            case UNFINISHED_EARLIER -> log.warn("Message {} in {}:{} was received before the last stop but never"
                    + " answered; handling it now", message.messageId(), message.platform().id(), message.chatId());
            case NEW -> { }
        }
        return next.accept(message, sink, media).whenComplete((ignored, error) -> finish(message));
    }

    private void finish(InboundMessage message) {
        try {
            ledger.finish(message.platform(), message.chatId(), message.messageId());
        } catch (StorageException e) {
            log.error("Could not mark message {} in {}:{} as handled; a repeated delivery may be answered again",
                    message.messageId(), message.platform().id(), message.chatId(), e);
        }
    }

    private void reportUnfinished() {
        try {
            int unfinished = ledger.unfinishedFromEarlierRuns();
            if (unfinished > 0) {
                log.warn("{} messages received before the last stop have no finished answer: the bot stopped while"
                        + " handling them. They are answered if the platform delivers them again", unfinished);
            }
        } catch (StorageException e) {
            log.error("Could not count unanswered messages from earlier runs", e);
        }
    }
}
