package io.chatbridge.discord;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.MessageHandler;
import io.chatbridge.reply.ReplySink;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A test handler that hands every message and its sink to an answer function (which must not
 * block the caller) and records them.
 */
final class RecordingHandler implements MessageHandler {

    /** One call of {@link #accept}. */
    record Call(InboundMessage message, ReplySink sink) {
    }

    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final BiFunction<InboundMessage, ReplySink, CompletableFuture<Void>> answer;

    /** Records only and answers nothing. */
    RecordingHandler() {
        this((message, sink) -> CompletableFuture.completedFuture(null));
    }

    RecordingHandler(BiFunction<InboundMessage, ReplySink, CompletableFuture<Void>> answer) {
        this.answer = answer;
    }

    @Override
    public CompletableFuture<Void> accept(InboundMessage message, ReplySink sink) {
        // The answer runs first so that whatever it records is visible once the call is.
        CompletableFuture<Void> result = answer.apply(message, sink);
        calls.add(new Call(message, sink));
        return result;
    }

    /** Waits up to the timeout for the next call. */
    Call next(Duration timeout) throws InterruptedException {
        Call call = calls.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (call == null) {
            throw new AssertionError("The handler received no message within " + timeout);
        }
        return call;
    }

    /** Returns whether no call is waiting to be taken. */
    boolean isEmpty() {
        return calls.isEmpty();
    }
}
