package io.chatbridge.engine;

import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SinkException;
import io.chatbridge.time.TaskScheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the platform's "typing…" indicator on while the member waits for the first words of an
 * answer. Platforms drop the indicator after a few seconds, so it is renewed shortly before it
 * lapses until {@link #stop()}. Thread-safe.
 *
 * <p>The first indicator is sent on its own virtual thread, so its round trip (long through a
 * proxy) overlaps the model call instead of delaying it. {@link #stop()} waits for that first
 * call, so the indicator never arrives after the answer it announces.
 */
final class TypingIndicator {

    private static final Logger log = LoggerFactory.getLogger(TypingIndicator.class);
    private static final Duration RENEW_MARGIN = Duration.ofSeconds(1);
    private static final Duration MAX_FIRST_WAIT = Duration.ofSeconds(5);

    private final ReplySink sink;
    private final TaskScheduler scheduler;
    private final Duration renewEvery;
    private final CountDownLatch firstShown = new CountDownLatch(1);
    private boolean stopped;
    private TaskScheduler.@Nullable Cancellable next;

    TypingIndicator(ReplySink sink, TaskScheduler scheduler) {
        this.sink = sink;
        this.scheduler = scheduler;
        Duration lasts = sink.typingDuration();
        this.renewEvery = lasts.compareTo(RENEW_MARGIN.multipliedBy(2)) > 0 ? lasts.minus(RENEW_MARGIN) : lasts;
    }

    /** Shows the indicator without waiting for the platform, and keeps renewing it. */
    void start() {
        Thread.ofVirtual().name("chatbridge-typing").start(() -> {
            try {
                show();
            } finally {
                firstShown.countDown();
            }
        });
    }

    /**
     * Stops renewing and waits (at most a few seconds) for the first indicator call to finish;
     * the platform clears the indicator when the answer appears.
     */
    void stop() {
        synchronized (this) {
            stopped = true;
            if (next != null) {
                next.cancel();
                next = null;
            }
        }
        try {
            if (!firstShown.await(MAX_FIRST_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.debug("Typing indicator call still running after {}", MAX_FIRST_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // The platform call runs outside the lock so that stop() never waits on the lock for the network.
    private void show() {
        try {
            sink.showTyping();
        } catch (SinkException | RuntimeException e) {
            // The indicator is a courtesy; the answer must not depend on it.
            log.debug("Typing indicator failed: {}", e.toString());
        }
        synchronized (this) {
            if (!stopped) {
                next = scheduler.schedule(this::renew, renewEvery);
            }
        }
    }

    private void renew() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        show();
    }
}
