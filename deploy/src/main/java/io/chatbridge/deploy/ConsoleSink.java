package io.chatbridge.deploy;

import io.chatbridge.reply.OutboundText;
import io.chatbridge.reply.ReplyFormat;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SentMessage;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Prints an answer to the terminal as it streams. An edit that extends the text prints only the
 * new end, so the answer grows in place the way it does in a chat; any other edit prints the
 * whole text again on a new line.
 */
final class ConsoleSink implements ReplySink {

    private static final ReplyFormat PLAIN = new ReplyFormat() {
        @Override
        public int maxLength() {
            return Integer.MAX_VALUE / 2;
        }

        @Override
        public String render(String markdown) {
            return markdown;
        }
    };

    private final PrintStream out;
    private String shown = "";
    private int messages;

    ConsoleSink(PrintStream out) {
        this.out = out;
    }

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
        if (messages > 0) {
            out.println();
        }
        out.print(text.text());
        out.flush();
        shown = text.text();
        messages++;
        return new SentMessage(String.valueOf(messages));
    }

    @Override
    public synchronized void edit(SentMessage message, OutboundText text) {
        String next = text.text();
        if (next.startsWith(shown)) {
            out.print(next.substring(shown.length()));
        } else {
            out.println();
            out.print(next);
        }
        out.flush();
        shown = next;
    }

    @Override
    public void showTyping() {
        // A terminal has no typing indicator; the prompt simply waits.
    }

    /** Ends the answer's last line. */
    synchronized void endAnswer() {
        if (messages > 0) {
            out.println();
        }
        messages = 0;
        shown = "";
    }
}
