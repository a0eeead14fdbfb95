package io.chatbridge.engine;

import io.chatbridge.reply.EditPacer;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.ReplyStreamer;
import io.chatbridge.time.Sleeper;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the bot's own short messages (help, confirmations, errors) through the same paced path
 * as answers, so they obey the platform's limits too.
 */
final class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final EditPacer pacer;
    private final Clock clock;
    private final Sleeper sleeper;

    Notifier(EditPacer pacer, Clock clock, Sleeper sleeper) {
        this.pacer = pacer;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Creates a streamer for one answer in a chat. */
    ReplyStreamer streamer(ReplySink sink, String chatRef) {
        return new ReplyStreamer(sink, pacer, chatRef, clock, sleeper);
    }

    /** Sends a complete message; failures are logged, since there is no one else to tell. */
    void send(ReplySink sink, String chatRef, String text) throws InterruptedException {
        ReplyStreamer streamer = streamer(sink, chatRef);
        try {
            streamer.append(text);
            streamer.finish("");
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            log.error("Could not send a bot message to chat {}: {}", chatRef, e.toString());
        }
    }
}
