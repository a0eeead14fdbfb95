package io.chatbridge.reply;

import io.chatbridge.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one answer into a chat through a {@link ReplySink}: the first text appears as soon as
 * it arrives, later text by paced edits, and a new message starts before the platform's length
 * limit. Used by one thread at a time.
 *
 * <p>While the answer streams ({@link #append}), the streamer never waits. A send or edit goes out
 * only when the chat's {@link EditPacer} allows one, at most one per
 * {@link ReplySink#minEditInterval()}, and otherwise the text is buffered. An edit that would show
 * the same text again is skipped. Failed intermediate edits are skipped too, because the next edit
 * or {@link #finish} shows the same text later. When the rendered message would exceed
 * {@link ReplyFormat#maxLength()}, the message is finished with the first part from a
 * {@link MessageSplitter}, and the rest continues in a new message at the next allowed time.
 *
 * <p>{@link #finish} delivers every remaining part and waits, through the {@link Sleeper}, for
 * the pacer and for the platform's retry-after. When the platform rejects the markup of a message,
 * that message is shown as plain text from then on.
 */
public final class ReplyStreamer {

    private static final Logger log = LoggerFactory.getLogger(ReplyStreamer.class);

    /** Maximum calls to deliver one part that must be shown, such as the final text, before giving up. */
    static final int MAX_ATTEMPTS = 10;

    private final ReplySink sink;
    private final EditPacer pacer;
    private final String chatRef;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ReplyFormat format;
    private final MessageSplitter splitter;

    private final StringBuilder answer = new StringBuilder();
    private final List<SentMessage> messages = new ArrayList<>();
    /** The Markdown of the message being written, which may start with a reopened code fence. */
    private StringBuilder part = new StringBuilder();
    private boolean partHasText;
    private @Nullable SentMessage current;
    private @Nullable OutboundText shownText;
    /**
     * The length of the Markdown that {@link #shownText} displays, without trailing whitespace. That
     * Markdown is a prefix of {@link #part}.
     */
    private int shownChars;
    private boolean plain;
    private boolean finished;

    /**
     * Creates a streamer for one answer.
     *
     * @param sink the chat to write to
     * @param pacer the shared per-chat pacing of sends and edits
     * @param chatRef the chat's key for the pacer, {@code platform:chatId}
     * @param clock the time source for pacing, the same as the pacer's
     * @param sleeper waits out pacing and flood control before the final delivery
     */
    public ReplyStreamer(ReplySink sink, EditPacer pacer, String chatRef, Clock clock, Sleeper sleeper) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.chatRef = Objects.requireNonNull(chatRef, "chatRef");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.format = sink.format();
        this.splitter = new MessageSplitter(format);
    }

    /**
     * Adds answer text as the model produces it; sends or edits when the pacer allows. Never waits
     * for the pacer, but waits out flood control when a message that reached the length limit must
     * be finished before the next one starts.
     *
     * @throws IllegalStateException after {@link #finish}
     * @throws InterruptedException while waiting out flood control
     */
    public void append(String delta) throws InterruptedException {
        checkNotFinished();
        answer.append(delta);
        part.append(delta);
        partHasText = partHasText || !delta.isBlank();

        if (partHasText && pacerAllows()) {
            showProgress();
        }
    }

    /**
     * Delivers the complete text, waiting out rate limits, and returns once every part is shown.
     * When nothing was shown and the text with the suffix is blank, sends nothing. When the answer
     * ends inside a code block, the block is closed before the suffix.
     *
     * @param suffix text appended after the answer, such as an interruption notice, or empty
     * @throws SinkException when a part could not be shown after {@value #MAX_ATTEMPTS} calls; its
     *     cause is the platform's last error, and the parts before it stay shown
     * @throws IllegalStateException when called a second time
     * @throws InterruptedException while waiting for the pacer or flood control
     */
    public void finish(String suffix) throws InterruptedException, SinkException {
        checkNotFinished();
        finished = true;

        String markdown = withSuffix(part.toString(), suffix);
        while (!markdown.isBlank()) {
            MessageSplitter.Split split = splitter.splitFirst(markdown, shownChars);
            deliver(split.head());
            if (split.isLast()) {
                return;
            }
            startNextMessage(split.rest());
            markdown = split.rest();
        }
    }

    /** Returns whether any part of the answer has been shown to the member. */
    public boolean started() {
        return !messages.isEmpty();
    }

    /** Returns the answer text received so far, without the suffix given to {@link #finish}. */
    public String text() {
        return answer.toString();
    }

    /** Returns the messages sent for this answer, in the order they were sent. */
    public List<SentMessage> messages() {
        return List.copyOf(messages);
    }

    private void showProgress() throws InterruptedException {
        String markdown = part.toString();
        String rendered = format.render(markdown);
        if (rendered.length() > format.maxLength()) {
            rollOver(markdown);
            return;
        }

        OutboundText text = plain
                ? new OutboundText(format.plain(markdown), false)
                : new OutboundText(rendered, true);
        // Markup still being typed, such as a lone code fence, may render to nothing visible yet.
        if (!text.text().isBlank() && !text.equals(shownText)) {
            tryOnce(text, markdown);
        }
    }

    /** Finishes the current message with the first part and starts the next with the rest. */
    private void rollOver(String markdown) throws InterruptedException {
        MessageSplitter.Split split = splitter.splitFirst(markdown, shownChars);
        try {
            deliver(split.head());
        } catch (SinkException e) {
            // The part stays whole, so the next allowed edit or finish() tries the cut again.
            log.warn("Finishing message {} of an answer in chat {} at the length limit failed; "
                    + "the next allowed edit retries", messages.size(), chatRef, e);
            return;
        }
        startNextMessage(split.rest());
    }

    private void startNextMessage(String rest) {
        part = new StringBuilder(rest);
        partHasText = !rest.isBlank();
        current = null;
        shownText = null;
        shownChars = 0;
        plain = false;
    }

    /** Makes one intermediate call and skips it on failure, because later calls show the same text. */
    private void tryOnce(OutboundText text, String markdown) {
        try {
            call(text, markdown);
        } catch (SinkException.RateLimited e) {
            pacer.backOff(chatRef, e.retryAfter());
        } catch (SinkException.NotModified e) {
            markShown(text, markdown);
        } catch (SinkException.FormattingRejected e) {
            plain = true;
            log.debug("Chat {} rejected the markup of an answer; showing it as plain text", chatRef, e);
        } catch (SinkException e) {
            log.debug("Intermediate update of an answer in chat {} failed; a later update retries", chatRef, e);
        }
    }

    /**
     * Shows a part in the current message, or in a new one, waiting for the pacer and flood control
     * between at most {@value #MAX_ATTEMPTS} calls.
     */
    private void deliver(String markdown) throws InterruptedException, SinkException {
        if (markdown.isBlank()) {
            return;
        }

        SinkException lastError = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            waitForPacer();
            OutboundText text = plain ? new OutboundText(format.plain(markdown), false)
                    : new OutboundText(format.render(markdown), true);
            if (text.text().isBlank() || (current != null && text.equals(shownText))) {
                return;
            }

            try {
                call(text, markdown);
                return;
            } catch (SinkException.NotModified e) {
                markShown(text, markdown);
                return;
            } catch (SinkException.RateLimited e) {
                pacer.backOff(chatRef, e.retryAfter());
                lastError = e;
            } catch (SinkException.FormattingRejected e) {
                plain = true;
                lastError = e;
            } catch (SinkException e) {
                log.debug("Delivering part of an answer in chat {} failed on attempt {}", chatRef, attempt, e);
                lastError = e;
            }
        }
        throw new SinkException("Delivering message " + (messages.size() + (current == null ? 1 : 0))
                + " of an answer in chat " + chatRef + " failed after " + MAX_ATTEMPTS
                + " attempts; the cause is the platform's last error", lastError);
    }

    /** Sends or edits, recording the call with the pacer first, because a rejected call also counts. */
    private void call(OutboundText text, String markdown) throws SinkException {
        pacer.record(chatRef, sink.minEditInterval());
        if (current == null) {
            current = sink.send(text);
            messages.add(current);
        } else {
            sink.edit(current, text);
        }
        markShown(text, markdown);
    }

    private void markShown(OutboundText text, String markdown) {
        shownText = text;
        // Trailing whitespace is invisible, so a cut just before it keeps what the member saw.
        shownChars = markdown.stripTrailing().length();
    }

    private boolean pacerAllows() {
        return !clock.instant().isBefore(pacer.nextAllowed(chatRef));
    }

    private void waitForPacer() throws InterruptedException {
        Instant next = pacer.nextAllowed(chatRef);
        Duration wait = Duration.between(clock.instant(), next);
        if (wait.isPositive()) {
            sleeper.sleep(wait);
        }
    }

    private static String withSuffix(String markdown, String suffix) {
        if (suffix.isEmpty()) {
            return markdown;
        }
        return CodeFence.openAt(markdown, markdown.length())
                .map(fence -> markdown.stripTrailing() + "\n" + fence.closingLine() + "\n" + suffix)
                .orElse(markdown + suffix);
    }

    private void checkNotFinished() {
        if (finished) {
            throw new IllegalStateException("The answer in chat " + chatRef + " is already finished; "
                    + "create a new ReplyStreamer for the next answer");
        }
    }
}
