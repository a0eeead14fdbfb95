package io.chatbridge.engine;

import io.chatbridge.reply.OutboundText;
import io.chatbridge.reply.ReplyFormat;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SentMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sink that keeps what a member would see, message by message. Thread-safe. */
final class RecordingSink implements ReplySink {

    private static final ReplyFormat PLAIN = new ReplyFormat() {
        @Override
        public int maxLength() {
            return 4096;
        }

        @Override
        public String render(String markdown) {
            return markdown;
        }
    };

    private final Map<String, String> messages = new LinkedHashMap<>();
    private int typing;
    private int calls;

    @Override
    public ReplyFormat format() {
        return PLAIN;
    }

    @Override
    public Duration minEditInterval() {
        return Duration.ZERO;
    }

    @Override
    public synchronized SentMessage send(OutboundText text) {
        calls++;
        String id = String.valueOf(messages.size() + 1);
        messages.put(id, text.text());
        return new SentMessage(id);
    }

    @Override
    public synchronized void edit(SentMessage message, OutboundText text) {
        calls++;
        messages.put(message.id(), text.text());
    }

    @Override
    public synchronized void showTyping() {
        typing++;
    }

    synchronized List<String> texts() {
        return new ArrayList<>(messages.values());
    }

    synchronized String lastText() {
        List<String> texts = texts();
        return texts.isEmpty() ? "" : texts.getLast();
    }

    synchronized int typingCount() {
        return typing;
    }

    synchronized int callCount() {
        return calls;
    }
}
