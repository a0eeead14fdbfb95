package io.chatbridge.discord;

import io.chatbridge.reply.OutboundText;
import io.chatbridge.reply.ReplyFormat;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SentMessage;
import io.chatbridge.reply.SinkException;
import java.time.Duration;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import org.jspecify.annotations.Nullable;

/**
 * Answers a channel message (in a server channel, thread or DM) with messages in the same
 * channel. The first message replies to the member's message without pinging them; later ones
 * are plain messages. No message the bot sends can mention anyone.
 *
 * <p>In a thread-per-question channel the sink instead starts a thread on the member's message at
 * its first call and answers there. Discord gives such a thread the id of the message it starts
 * from, which is why the mapper reports that id as the question's thread.
 *
 * <p>Calls block the calling thread until Discord has answered, waiting out rate limits through
 * JDA. The engine sends and edits from one thread; the typing indicator may call at the same time,
 * so starting the thread is synchronized.
 */
final class DiscordReplySink implements ReplySink {

    /**
     * Discord allows about 5 message sends or edits per 5 seconds per channel; Discord does not
     * document per-route limits but returns them in {@code X-RateLimit-*} headers, and community
     * references (the Javacord wiki's rate-limit table) list "Send Messages 5 / 5s per channel".
     * One edit per second stays at that limit in a DM.
     */
    static final Duration DIRECT_EDIT_INTERVAL = Duration.ofSeconds(1);

    /** A little slower than the limit in server channels, where other answers share the channel's budget. */
    static final Duration GUILD_EDIT_INTERVAL = Duration.ofMillis(1200);

    /** Discord shows the typing indicator for 10 seconds or until the bot's next message. */
    static final Duration TYPING_DURATION = Duration.ofSeconds(10);

    /** Discord's limit on a thread name, in characters. */
    static final int MAX_THREAD_NAME_LENGTH = 100;

    // The typing indicator runs on its own thread beside the answer, so the thread start and the
    // channel it changes are guarded by this sink's lock.
    private volatile MessageChannel channel;
    private final String questionId;
    private @Nullable String threadName;
    private volatile boolean replied;

    /**
     * @param channel the channel, thread or DM to answer in
     * @param questionId the member's message, which the first answer replies to
     * @param threadName the name of the thread to start on the member's message before answering,
     *     or null to answer in {@code channel}; needs a channel that can hold threads
     */
    DiscordReplySink(MessageChannel channel, String questionId, @Nullable String threadName) {
        this.channel = channel;
        this.questionId = questionId;
        this.threadName = threadName;
    }

    @Override
    public ReplyFormat format() {
        return DiscordMarkdownFormat.INSTANCE;
    }

    @Override
    public Duration minEditInterval() {
        return channel.getType() == ChannelType.PRIVATE ? DIRECT_EDIT_INTERVAL : GUILD_EDIT_INTERVAL;
    }

    @Override
    public SentMessage send(OutboundText text) throws SinkException {
        startThreadIfConfigured();
        boolean asReply = !replied;
        Message sent = DiscordRequests.complete(() -> createAction(text, asReply),
                "Sending a message to channel " + channel.getId());
        replied = true;
        return new SentMessage(sent.getId());
    }

    private MessageCreateAction createAction(OutboundText text, boolean asReply) {
        MessageCreateAction action = channel.sendMessage(text.text()).setAllowedMentions(DiscordRequests.NO_MENTIONS);
        if (!asReply) {
            return action;
        }
        // A deleted original must not lose the answer, so the reply falls back to a plain message.
        return action.setMessageReference(questionId).mentionRepliedUser(false).failOnInvalidReply(false);
    }

    @Override
    public void edit(SentMessage message, OutboundText text) throws SinkException {
        DiscordRequests.complete(
                () -> channel.editMessageById(message.id(), text.text()).setAllowedMentions(DiscordRequests.NO_MENTIONS),
                "Editing message " + message.id() + " in channel " + channel.getId());
    }

    /** Shows typing; in a thread-per-question channel it first starts the thread, so typing shows there. */
    @Override
    public void showTyping() throws SinkException {
        startThreadIfConfigured();
        DiscordRequests.complete(channel::sendTyping, "Showing typing in channel " + channel.getId());
    }

    @Override
    public Duration typingDuration() {
        return TYPING_DURATION;
    }

    private synchronized void startThreadIfConfigured() throws SinkException {
        String name = threadName;
        if (name == null) {
            return;
        }
        if (!(channel instanceof IThreadContainer container)) {
            throw new SinkException("Cannot start a thread in channel " + channel.getId() + " of type "
                    + channel.getType() + "; remove it from the thread-per-question channels");
        }

        channel = DiscordRequests.complete(() -> container.createThreadChannel(name, questionId),
                "Starting a thread on message " + questionId + " in channel " + channel.getId());
        threadName = null;
        // The thread starts from the question, so a reply reference would only repeat it.
        replied = true;
    }

    /**
     * Returns a thread name from a question: its first line, cut to Discord's 100 characters, or
     * the fallback when the question has no text.
     */
    static String threadName(String question, String fallback) {
        String firstLine = question.strip().lines().findFirst().orElse("").strip();
        String name = firstLine.isEmpty() ? fallback : firstLine;
        if (name.length() <= MAX_THREAD_NAME_LENGTH) {
            return name;
        }
        int end = MAX_THREAD_NAME_LENGTH - 1;
        // Never leave half of a surrogate pair at the cut.
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end) + "…";
    }
}
