package io.chatbridge.reply;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.chatbridge.reply.RecordingSink.Call;
import io.chatbridge.reply.RecordingSink.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplyStreamerTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String CHAT = "telegram:42";
    private static final int LIMIT = 4096;

    private final ManualClock clock = new ManualClock(START);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final EditPacer pacer = new EditPacer(clock);
    private final RecordingSink sink = new RecordingSink(clock, EscapingFormat.TELEGRAM_SIZED, Duration.ofSeconds(1));
    private final ReplyStreamer streamer = new ReplyStreamer(sink, pacer, CHAT, clock, sleeper);

    @Test
    void firstTextIsSentImmediately() throws Exception {
        streamer.append("");
        assertThat(sink.calls()).isEmpty();
        assertThat(streamer.started()).isFalse();

        streamer.append("Hello");

        assertThat(sink.calls()).containsExactly(sent("m1", "Hello", 0));
        assertThat(streamer.started()).isTrue();
        assertThat(streamer.messages()).containsExactly(new SentMessage("m1"));
    }

    /** A clock that moves a millisecond on every reading, as a real one moves between two readings. */
    private static final class RunningClock extends java.time.Clock {
        private final java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return START.plusMillis(millis.getAndIncrement());
        }

        void advanceMillis(long amount) {
            millis.addAndGet(amount);
        }
    }

    @Test
    void runningClockShowsTextWhileStreaming() throws Exception {
        RunningClock running = new RunningClock();
        ReplyStreamer live = new ReplyStreamer(sink, new EditPacer(running), CHAT, running, duration -> { });

        live.append("Hello");
        running.advanceMillis(1_500);
        live.append(" world");

        assertThat(sink.calls()).hasSize(2);
        assertThat(sink.calls().get(0).text().text()).isEqualTo("Hello");
        assertThat(sink.calls().get(1).text().text()).isEqualTo("Hello world");
    }

    @Test
    void editsArePacedToOnePerInterval() throws Exception {
        streamer.append("a");
        advanceMillis(300);
        streamer.append("b");
        advanceMillis(300);
        streamer.append("c");
        advanceMillis(400);
        streamer.append("d");
        advanceMillis(500);
        streamer.append("e");

        streamer.finish("");

        assertThat(sink.calls()).containsExactly(
                sent("m1", "a", 0),
                edited("m1", "abcd", 1_000),
                edited("m1", "abcde", 2_000));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
        assertThat(streamer.text()).isEqualTo("abcde");
    }

    @Test
    void unchangedTextIsNotEditedAgain() throws Exception {
        streamer.append("Hi");
        advanceMillis(2_000);
        streamer.append("");

        streamer.finish("");

        assertThat(sink.calls()).containsExactly(sent("m1", "Hi", 0));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void finalTextArrivingInPacingGapIsDelivered() throws Exception {
        streamer.append("Hel");
        advanceMillis(200);
        streamer.append("lo");
        assertThat(sink.calls()).hasSize(1);

        streamer.finish("");

        assertThat(sink.calls()).containsExactly(sent("m1", "Hel", 0), edited("m1", "Hello", 1_000));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(800));
        assertThat(sink.shownTexts()).containsExactly("Hello");
    }

    @Test
    void emptyAnswerSendsNothing() throws Exception {
        streamer.append("");
        streamer.append(" \n");

        streamer.finish("");

        assertThat(sink.calls()).isEmpty();
        assertThat(streamer.started()).isFalse();
        assertThat(streamer.messages()).isEmpty();
    }

    @Test
    void textRenderingToNothingIsNotSent() throws Exception {
        ReplyFormat hidesFences = new ReplyFormat() {
            @Override
            public int maxLength() {
                return LIMIT;
            }

            @Override
            public String render(String markdown) {
                return markdown.replace("```", "");
            }
        };
        RecordingSink fenceSink = new RecordingSink(clock, hidesFences, Duration.ofSeconds(1));
        ReplyStreamer fenceStreamer = new ReplyStreamer(fenceSink, pacer, CHAT, clock, sleeper);

        fenceStreamer.append("```");
        assertThat(fenceSink.calls()).isEmpty();

        fenceStreamer.append("\nx");
        assertThat(fenceSink.calls()).containsExactly(sent("m1", "\nx", 0));
    }

    @Test
    void suffixFollowsTheAnswer() throws Exception {
        streamer.append("Hello");

        streamer.finish(" (stopped)");

        assertThat(sink.shownTexts()).containsExactly("Hello (stopped)");
        assertThat(streamer.text()).isEqualTo("Hello");
    }

    @Test
    void suffixFollowsAClosedCodeBlock() throws Exception {
        streamer.append("```py\nprint(1)\n");

        streamer.finish("\n(stopped)");

        assertThat(sink.shownTexts()).containsExactly("```py\nprint(1)\n```\n\n(stopped)");
    }

    @Test
    void sixThousandCharsBecomeTwoMessages() throws Exception {
        String text = paragraphs(6);

        stream(text, 50, Duration.ofMillis(100));
        streamer.finish("");

        List<String> shown = sink.shownTexts();
        assertThat(text).hasSize(5_998);
        assertThat(shown).hasSize(2);
        assertThat(shown.get(0)).hasSizeBetween(4_050, LIMIT);
        assertThat(shown.get(0) + " " + shown.get(1)).isEqualTo(text);
        assertEveryCallFits();
        assertThat(streamer.messages()).containsExactly(new SentMessage("m1"), new SentMessage("m2"));
    }

    @Test
    void codeBlockCutStaysBalanced() throws Exception {
        String code = IntStream.range(0, 300).mapToObj(i -> "    call(" + i + ");").collect(Collectors.joining("\n"));
        String text = "Here is the code:\n\n```java\n" + code + "\n```\nDone.";

        stream(text, 40, Duration.ofMillis(100));
        streamer.finish("");

        List<String> shown = sink.shownTexts();
        assertThat(shown).hasSize(2);
        assertThat(shown.get(0)).startsWith("Here is the code:\n\n```java\n    call(0);\n").endsWith(");\n```");
        assertThat(shown.get(1)).startsWith("```java\n    call(").endsWith("    call(299);\n```\nDone.");
        for (String message : shown) {
            assertThat(message.length()).isLessThanOrEqualTo(LIMIT);
            assertThat(CodeFence.openAt(message, message.length())).isEmpty();
        }
        assertThat(String.join("\n", shown).lines().filter(line -> line.startsWith("    call(")).toList())
                .isEqualTo(code.lines().toList());
    }

    @Test
    void emojiAreNeverSplitAcrossMessages() throws Exception {
        for (int i = 0; i < 3_000; i++) {
            streamer.append("😀");
            advanceMillis(10);
        }
        streamer.finish("");

        assertThat(sink.shownTexts()).containsExactly("😀".repeat(2_048), "😀".repeat(952));
        assertEveryCallFits();
    }

    @Test
    void rateLimitInFinishIsWaitedOut() throws Exception {
        streamer.append("Hi");
        advanceMillis(200);
        streamer.append(" there");
        sink.failNext(new SinkException.RateLimited("Too Many Requests: retry after 7", Duration.ofSeconds(7)));

        streamer.finish("");

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(800), Duration.ofSeconds(7));
        assertThat(sink.calls()).extracting(Call::at)
                .containsExactly(START, START.plusSeconds(1), START.plusSeconds(8));
        assertThat(sink.calls().get(1).succeeded()).isFalse();
        assertThat(sink.shownTexts()).containsExactly("Hi there");
    }

    @Test
    void rateLimitedEditBacksOffWithoutSleeping() throws Exception {
        streamer.append("a");
        advanceMillis(1_000);
        sink.failNext(new SinkException.RateLimited("Too Many Requests: retry after 5", Duration.ofSeconds(5)));
        streamer.append("b");
        advanceMillis(1_000);
        streamer.append("c");
        assertThat(sink.calls()).hasSize(2);

        advanceMillis(4_000);
        streamer.append("d");

        assertThat(sleeper.sleeps()).isEmpty();
        assertThat(sink.successfulCalls()).containsExactly(sent("m1", "a", 0), edited("m1", "abcd", 6_000));
        assertThat(pacer.nextAllowed(CHAT)).isEqualTo(START.plusSeconds(7));
    }

    @Test
    void notModifiedCountsAsDelivered() throws Exception {
        streamer.append("Hi");
        advanceMillis(200);
        streamer.append("!");
        sink.failNext(new SinkException.NotModified("Bad Request: message is not modified"));

        streamer.finish("");

        assertThat(sink.calls()).hasSize(2);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(800));
    }

    @Test
    void rejectedSendRetriesAsPlainText() throws Exception {
        sink.failNext(new SinkException.FormattingRejected("Bad Request: can't parse entities"));
        streamer.append("Tom & Jerry");

        streamer.finish("");

        assertThat(sink.calls()).extracting(Call::kind, Call::text, Call::at).containsExactly(
                tuple(Kind.SEND, new OutboundText("Tom &amp; Jerry", true), START),
                tuple(Kind.SEND, new OutboundText("Tom & Jerry", false),
                        START.plusSeconds(1)));
        assertThat(sink.shownMessages()).containsExactly(new OutboundText("Tom & Jerry", false));
    }

    @Test
    void rejectedEditRetriesAsPlainText() throws Exception {
        streamer.append("Tom");
        advanceMillis(200);
        streamer.append(" & Jerry");
        sink.failNext(new SinkException.FormattingRejected("Bad Request: can't parse entities"));

        streamer.finish("");

        assertThat(sink.calls()).extracting(Call::text).containsExactly(
                new OutboundText("Tom", true),
                new OutboundText("Tom &amp; Jerry", true),
                new OutboundText("Tom & Jerry", false));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(800), Duration.ofSeconds(1));
        assertThat(sink.shownMessages()).containsExactly(new OutboundText("Tom & Jerry", false));
    }

    @Test
    void plainTextStaysForThatMessageOnly() throws Exception {
        sink.failNext(new SinkException.FormattingRejected("Bad Request: can't parse entities"));
        streamer.append("a".repeat(3_998) + "\n\n");
        advanceMillis(500);
        streamer.append("b & c" + "b".repeat(500));

        streamer.finish("");

        assertThat(sink.calls()).extracting(Call::at)
                .containsExactly(START, START.plusSeconds(1), START.plusSeconds(2));
        assertThat(sink.shownMessages()).containsExactly(
                new OutboundText("a".repeat(3_998), false),
                new OutboundText("b &amp; c" + "b".repeat(500), true));
    }

    @Test
    void finishGivesUpAfterTenAttempts() throws Exception {
        streamer.append("Hi");
        advanceMillis(200);
        streamer.append(" there");
        SinkException last = null;
        for (int i = 0; i < ReplyStreamer.MAX_ATTEMPTS; i++) {
            last = new SinkException("Bad Request: attempt " + i);
            sink.failNext(last);
        }

        SinkException expectedCause = last;
        assertThatThrownBy(() -> streamer.finish(""))
                .isExactlyInstanceOf(SinkException.class)
                .hasMessage("Delivering message 1 of an answer in chat telegram:42 failed after 10 attempts; "
                        + "the cause is the platform's last error")
                .hasCause(expectedCause);
        assertThat(sink.calls()).hasSize(1 + ReplyStreamer.MAX_ATTEMPTS);
        assertThat(sleeper.sleeps()).hasSize(ReplyStreamer.MAX_ATTEMPTS);
    }

    @Test
    void rollOverWaitsOutFloodControl() throws Exception {
        streamer.append("a".repeat(3_998) + "\n\n");
        advanceMillis(1_000);
        sink.failNext(new SinkException.RateLimited("Too Many Requests: retry after 3", Duration.ofSeconds(3)));

        streamer.append("b".repeat(500));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
        assertThat(sink.shownTexts()).containsExactly("a".repeat(3_998));

        streamer.finish("");

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(sink.calls()).extracting(Call::kind, Call::messageId, Call::at).containsExactly(
                tuple(Kind.SEND, "m1", START),
                tuple(Kind.EDIT, "m1", START.plusSeconds(1)),
                tuple(Kind.EDIT, "m1", START.plusSeconds(4)),
                tuple(Kind.SEND, "m2", START.plusSeconds(5)));
        assertThat(sink.shownTexts()).containsExactly("a".repeat(3_998), "b".repeat(500));
    }

    @Test
    void hundredThousandCharsStreamWithinLimits() throws Exception {
        String text = paragraphs(100);

        stream(text, 20, Duration.ofMillis(50));
        streamer.finish("");

        List<String> shown = sink.shownTexts();
        assertThat(shown).hasSizeBetween(25, 26);
        assertEveryCallFits();
        assertThat(withoutWhitespace(String.join("", shown))).isEqualTo(withoutWhitespace(text));
        assertThat(streamer.messages()).extracting(SentMessage::id)
                .isEqualTo(IntStream.rangeClosed(1, shown.size()).mapToObj(i -> "m" + i).toList());
    }

    @Test
    void appendAfterFinishIsRejected() throws Exception {
        streamer.append("Hi");
        streamer.finish("");

        assertThatThrownBy(() -> streamer.append("more"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The answer in chat telegram:42 is already finished; "
                        + "create a new ReplyStreamer for the next answer");
    }

    private void stream(String text, int deltaLength, Duration between) throws InterruptedException {
        for (int start = 0; start < text.length(); start += deltaLength) {
            streamer.append(text.substring(start, Math.min(text.length(), start + deltaLength)));
            clock.advance(between);
        }
    }

    private void assertEveryCallFits() {
        for (Call call : sink.calls()) {
            assertThat(call.text().text().length()).as("call at %s", call.at()).isLessThanOrEqualTo(LIMIT);
        }
    }

    private void advanceMillis(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    private static Call sent(String id, String text, long atMillis) {
        return new Call(Kind.SEND, id, new OutboundText(text, true), START.plusMillis(atMillis), null);
    }

    private static Call edited(String id, String text, long atMillis) {
        return new Call(Kind.EDIT, id, new OutboundText(text, true), START.plusMillis(atMillis), null);
    }

    /** Returns paragraphs of 998 characters of words, separated by blank lines. */
    private static String paragraphs(int count) {
        String words = IntStream.range(0, 200).mapToObj(i -> "word").collect(Collectors.joining(" "));
        return IntStream.range(0, count)
                .mapToObj(i -> ("Paragraph %03d. ".formatted(i) + words).substring(0, 997) + ".")
                .collect(Collectors.joining("\n\n"));
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }
}
