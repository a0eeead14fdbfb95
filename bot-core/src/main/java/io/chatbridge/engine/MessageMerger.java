package io.chatbridge.engine;

import io.chatbridge.media.MediaDownloader;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.time.TaskScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Joins the parts of a long message that the member's client split before sending. Telegram
 * clients cut a paste longer than 4096 characters into several messages sent within a moment, and
 * only the first part carries the mention that addressed the bot.
 *
 * <p>Only a message long enough to be a cut part waits for more ({@link #SPLIT_PART_MIN_CHARS}), so
 * ordinary short messages are answered without any added delay. A waiting batch takes every
 * following message from the same member in the same chat and thread until the window passes
 * without one. Thread-safe.
 */
final class MessageMerger {

    /**
     * The shortest text that may be the first part of a split message. Telegram cuts at 4096
     * UTF-16 units, usually at a word or line boundary a little before that.
     */
    static final int SPLIT_PART_MIN_CHARS = 3500;

    /** A question ready to answer: the first message of the batch and the joined text. */
    record Batch(InboundMessage first, String question, ReplySink sink, MediaDownloader media) {}

    /** Handles a complete batch; the future completes when it has been answered. */
    @FunctionalInterface
    interface Downstream {
        CompletableFuture<Void> accept(Batch batch);
    }

    private record SenderKey(Platform platform, String chatId, @Nullable String threadId, String senderId) {
        static SenderKey of(InboundMessage message) {
            return new SenderKey(message.platform(), message.chatId(), message.threadId(), message.sender().id());
        }
    }

    private final class Pending {
        final InboundMessage first;
        final ReplySink sink;
        final MediaDownloader media;
        final StringBuilder text;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        TaskScheduler.@Nullable Cancellable timer;

        Pending(InboundMessage first, String question, ReplySink sink, MediaDownloader media) {
            this.first = first;
            this.sink = sink;
            this.media = media;
            this.text = new StringBuilder(question);
        }
    }

    private final Map<SenderKey, Pending> pending = new ConcurrentHashMap<>();
    private final TaskScheduler scheduler;
    private final Duration window;
    private final Downstream downstream;

    MessageMerger(TaskScheduler scheduler, Duration window, Downstream downstream) {
        this.scheduler = scheduler;
        this.window = window;
        this.downstream = downstream;
    }

    /**
     * Adds a message to the member's waiting batch, if one is open.
     *
     * @return the batch's completion when the message was taken as a continuation and needs no
     *     other handling, or null when no batch of that member is open
     */
    @Nullable CompletableFuture<Void> continueBatch(InboundMessage message) {
        SenderKey key = SenderKey.of(message);
        Pending batch = pending.computeIfPresent(key, (k, open) -> {
            open.text.append('\n').append(message.text());
            restartTimer(k, open, message.text().length() >= SPLIT_PART_MIN_CHARS);
            return open;
        });
        return batch == null ? null : batch.done;
    }

    /**
     * Takes a triggered question: answers it at once when it is short, or opens a batch that
     * waits for the rest of a split message.
     *
     * @return a future that completes when the question has been answered
     */
    CompletableFuture<Void> offer(InboundMessage message, String question, ReplySink sink, MediaDownloader media) {
        if (window.isZero() || message.text().length() < SPLIT_PART_MIN_CHARS) {
            return downstream.accept(new Batch(message, question, sink, media));
        }
        SenderKey key = SenderKey.of(message);
        Pending batch = new Pending(message, question, sink, media);
        Pending previous = pending.put(key, batch);
        if (previous != null) {
            flush(key, previous);
        }
        restartTimer(key, batch, true);
        return batch.done;
    }

    // A short part is the last one of a split, so the batch is complete and goes at once.
    private void restartTimer(SenderKey key, Pending batch, boolean moreMayFollow) {
        if (batch.timer != null) {
            batch.timer.cancel();
        }
        if (moreMayFollow) {
            batch.timer = scheduler.schedule(() -> flushIfCurrent(key, batch), window);
        } else {
            batch.timer = null;
            scheduler.schedule(() -> flushIfCurrent(key, batch), Duration.ZERO);
        }
    }

    private void flushIfCurrent(SenderKey key, Pending batch) {
        if (pending.remove(key, batch)) {
            flush(key, batch);
        }
    }

    private void flush(SenderKey key, Pending batch) {
        if (batch.timer != null) {
            batch.timer.cancel();
        }
        downstream.accept(new Batch(batch.first, batch.text.toString(), batch.sink, batch.media))
                .whenComplete((ignored, error) -> batch.done.complete(null));
    }
}
