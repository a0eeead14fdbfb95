package io.chatbridge.discord;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.reply.OutboundText;
import io.chatbridge.reply.ReplyFormat;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SentMessage;
import io.chatbridge.reply.SinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * A stand-in for the engine's streamer in tests: on a virtual thread it shows typing, then for each
 * part of the answer (cut so that the rendered part fits the sink's format) sends the first half
 * and edits in the whole part, like a streamed reply.
 */
final class StreamingAnswer implements BiFunction<InboundMessage, ReplySink, CompletableFuture<Void>> {

    /** Room left below the length limit for the fence that rendering may add. */
    private static final int FENCE_ROOM = 4;

    private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    private final String answer;

    StreamingAnswer(String answer) {
        this.answer = answer;
    }

    @Override
    public CompletableFuture<Void> apply(InboundMessage message, ReplySink sink) {
        return CompletableFuture.runAsync(() -> {
            try {
                stream(sink);
            } catch (SinkException e) {
                throw new CompletionException(e);
            }
        }, VIRTUAL);
    }

    private void stream(ReplySink sink) throws SinkException {
        sink.showTyping();
        ReplyFormat format = sink.format();
        for (String part : parts(answer, format.maxLength() - FENCE_ROOM)) {
            String firstHalf = part.substring(0, Math.max(1, part.length() / 2));
            SentMessage sent = sink.send(new OutboundText(format.render(firstHalf), true));
            sink.edit(sent, new OutboundText(format.render(part), true));
        }
    }

    /** Cuts the text into pieces of at most {@code size} characters. */
    static List<String> parts(String text, int size) {
        List<String> parts = new ArrayList<>();
        for (int start = 0; start < text.length(); start += size) {
            parts.add(text.substring(start, Math.min(text.length(), start + size)));
        }
        return parts;
    }
}
