package io.chatbridge.reply;

import io.chatbridge.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A chat that records every send and edit with the fake clock's time, keeps the text each message
 * shows, and fails the next calls with exceptions a test queues.
 */
final class RecordingSink implements ReplySink {

    enum Kind { SEND, EDIT }

    /**
     * One call to the sink.
     *
     * @param messageId the message sent or edited; for a failed send, the id it would have had
     * @param failure the exception thrown, or null when the call succeeded
     */
    record Call(Kind kind, String messageId, OutboundText text, Instant at, @Nullable SinkException failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    private final ManualClock clock;
    private final ReplyFormat format;
    private final Duration minEditInterval;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<SinkException> failures = new ArrayDeque<>();
    private final Map<String, OutboundText> textByMessage = new LinkedHashMap<>();

    RecordingSink(ManualClock clock, ReplyFormat format, Duration minEditInterval) {
        this.clock = clock;
        this.format = format;
        this.minEditInterval = minEditInterval;
    }

    /** Makes the next send or edit throw {@code failure}; queued failures are thrown in order. */
    void failNext(SinkException failure) {
        failures.add(failure);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> successfulCalls() {
        return calls.stream().filter(Call::succeeded).toList();
    }

    /** Returns the text each message shows now, in the order the messages were sent. */
    List<OutboundText> shownMessages() {
        return List.copyOf(textByMessage.values());
    }

    /** Returns the text each message shows now, without the formatted flag. */
    List<String> shownTexts() {
        return textByMessage.values().stream().map(OutboundText::text).toList();
    }

    @Override
    public ReplyFormat format() {
        return format;
    }

    @Override
    public Duration minEditInterval() {
        return minEditInterval;
    }

    @Override
    public SentMessage send(OutboundText text) throws SinkException {
        String id = "m" + (textByMessage.size() + 1);
        record(Kind.SEND, id, text);
        textByMessage.put(id, text);
        return new SentMessage(id);
    }

    @Override
    public void edit(SentMessage message, OutboundText text) throws SinkException {
        if (!textByMessage.containsKey(message.id())) {
            throw new AssertionError("edit of a message this sink never sent: " + message.id());
        }
        record(Kind.EDIT, message.id(), text);
        textByMessage.put(message.id(), text);
    }

    @Override
    public void showTyping() {
    }

    private void record(Kind kind, String id, OutboundText text) throws SinkException {
        SinkException failure = failures.poll();
        calls.add(new Call(kind, id, text, clock.instant(), failure));
        if (failure != null) {
            throw failure;
        }
    }
}
