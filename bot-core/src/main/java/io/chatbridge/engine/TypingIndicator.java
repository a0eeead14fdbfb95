package io.chatbridge.engine;

import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SinkException;
import io.chatbridge.time.TaskScheduler;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the platform's "typing…" indicator on while the member waits for the first words of an
 * answer. Platforms drop the indicator after a few seconds, so it is renewed shortly before it
 * lapses until {@link #stop()}. Thread-safe.
 */
final class TypingIndicator {

    private static final Logger log = LoggerFactory.getLogger(TypingIndicator.class);
    private static final Duration RENEW_MARGIN = Duration.ofSeconds(1);

    private final ReplySink sink;
    private final TaskScheduler scheduler;
    private final Duration renewEvery;
    private boolean stopped;
    private TaskScheduler.@Nullable Cancellable next;

    TypingIndicator(ReplySink sink, TaskScheduler scheduler) {
        this.sink = sink;
        this.scheduler = scheduler;
        Duration lasts = sink.typingDuration();
        this.renewEvery = lasts.compareTo(RENEW_MARGIN.multipliedBy(2)) > 0 ? lasts.minus(RENEW_MARGIN) : lasts;
    }

    /** Shows the indicator now and keeps renewing it. */
    void start() {
        show();
    }

    /** Stops renewing; the platform clears the indicator when the answer appears. */
    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    // The platform call runs outside the lock so that stop() never waits on the network.
    private void show() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        try {
            sink.showTyping();
        } catch (SinkException | RuntimeException e) {
            // The indicator is a courtesy; the answer must not depend on it.
            log.debug("Typing indicator failed: {}", e.toString());
        }
        synchronized (this) {
            if (!stopped) {
                next = scheduler.schedule(this::show, renewEvery);
            }
        }
    }
}
