package io.chatbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.Platform;
import io.chatbridge.engine.Sender;
import io.chatbridge.reply.OutboundText;
import io.chatbridge.reply.ReplyFormat;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SentMessage;
import io.chatbridge.storage.Database;
import io.chatbridge.testing.LogCapture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeduplicatingHandlerTest {

    @TempDir
    Path dir;

    private Database database;
    private final List<String> passedOn = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
    private final LogCapture logs = LogCapture.of(DeduplicatingHandler.class.getName());

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("chatbridge.db"));
    }

    @AfterEach
    void close() {
        logs.close();
        database.close();
    }

    private DeduplicatingHandler handler() {
        return new DeduplicatingHandler(new InboundLedger(database, Clock.systemUTC()), (message, sink) -> {
            passedOn.add(message.messageId());
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            return done;
        });
    }

    private static InboundMessage message(String id) {
        return new InboundMessage(Platform.TELEGRAM, "100000001", null, new Sender("42", "Ana", false, "en"), "hi",
                List.of(), true, false, false, id, "chatbridge_test_bot", null);
    }

    @Test
    void repeatedDeliveryIsPassedOnOnce() {
        DeduplicatingHandler handler = handler();

        handler.accept(message("7"), SINK);
        CompletableFuture<Void> again = handler.accept(message("7"), SINK);
        pending.getFirst().complete(null);
        handler.accept(message("7"), SINK);

        assertThat(passedOn).containsExactly("7");
        assertThat(again).isCompleted();
        assertThat(logs.containing("Skipping message 7 in telegram:100000001: it was delivered again and is already"
                + " being handled")).hasSize(1);
        assertThat(logs.containing("Skipping message 7 in telegram:100000001: it was delivered again and is already"
                + " handled")).hasSize(1);
    }

    @Test
    void handledMessageIsSkippedAfterRestart() {
        handler().accept(message("7"), SINK);
        pending.getFirst().complete(null);

        handler().accept(message("7"), SINK);

        assertThat(passedOn).containsExactly("7");
    }

    @Test
    void messageLeftUnfinishedIsHandledAfterRestart() {
        handler().accept(message("7"), SINK);

        DeduplicatingHandler restarted = handler();
        restarted.accept(message("7"), SINK);

        assertThat(passedOn).containsExactly("7", "7");
        assertThat(logs.lines(Level.WARN)).extracting(LogCapture.Line::message).containsExactly(
                "1 messages received before the last stop have no finished answer: the bot stopped while handling"
                        + " them. They are answered if the platform delivers them again",
                "Message 7 in telegram:100000001 was received before the last stop but never answered; handling it now");
    }

    @Test
    void failedHandlingStillCountsAsHandled() {
        DeduplicatingHandler handler = handler();
        handler.accept(message("8"), SINK);
        pending.getFirst().completeExceptionally(new IllegalStateException("engine failure"));

        handler.accept(message("8"), SINK);

        assertThat(passedOn).containsExactly("8");
    }

    private static final ReplySink SINK = new ReplySink() {
        @Override
        public ReplyFormat format() {
            throw new AssertionError("the handler under test never writes");
        }

        @Override
        public Duration minEditInterval() {
            return Duration.ZERO;
        }

        @Override
        public SentMessage send(OutboundText text) {
            throw new AssertionError("the handler under test never writes");
        }

        @Override
        public void edit(SentMessage message, OutboundText text) {
            throw new AssertionError("the handler under test never writes");
        }

        @Override
        public void showTyping() {
            throw new AssertionError("the handler under test never writes");
        }
    };
}
