package io.chatbridge.engine;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.reply.OutboundText;
import io.chatbridge.reply.ReplyFormat;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SentMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TypingIndicatorTest {

    /** A sink whose typing call returns only when the model has been called, or after 2 s. */
    private static final class SlowTypingSink implements ReplySink {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch modelCalled = new CountDownLatch(1);
        volatile boolean modelCalledDuringTyping;

        @Override
        public ReplyFormat format() {
            return new ReplyFormat() {
                @Override
                public int maxLength() {
                    return 4096;
                }

                @Override
                public String render(String markdown) {
                    return markdown;
                }
            };
        }

        @Override
        public Duration minEditInterval() {
            return Duration.ZERO;
        }

        @Override
        public SentMessage send(OutboundText text) {
            events.add("send " + text.text());
            return new SentMessage("1");
        }

        @Override
        public void edit(SentMessage message, OutboundText text) {
            events.add("edit " + text.text());
        }

        @Override
        public void showTyping() {
            try {
                modelCalledDuringTyping = modelCalled.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add("typing");
        }
    }

    @Test
    void typingOverlapsTheModelCallButPrecedesTheAnswer() throws Exception {
        SlowTypingSink sink = new SlowTypingSink();
        ScriptedChatModel model = new ScriptedChatModel() {
            @Override
            public io.chatbridge.model.ChatCompletion stream(io.chatbridge.model.ChatRequest request,
                    java.util.function.Consumer<String> onDelta) throws io.chatbridge.model.ModelException {
                sink.modelCalled.countDown();
                return super.stream(request, onDelta);
            }
        };
        var clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
        EngineFixture fixture = EngineFixture.start(model, clock);

        fixture.engine().accept(EngineFixture.direct("hi"), sink).get(10, TimeUnit.SECONDS);
        fixture.close();

        assertThat(sink.modelCalledDuringTyping).isTrue();
        assertThat(sink.events).containsExactly("typing", "send ok");
    }
}
