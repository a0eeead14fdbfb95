package io.chatbridge.discord;

import io.chatbridge.reply.OutboundText;
import io.chatbridge.reply.ReplyFormat;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SentMessage;
import io.chatbridge.reply.SinkException;
import java.time.Duration;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * Answers a slash command whose response was already deferred: the first message fills in the
 * deferred response ({@code @original}), later messages are follow-ups. Edits go to the webhook
 * message they name.
 *
 * <p>Discord keeps an interaction token valid for 15 minutes, so an answer still streaming after
 * that fails with a {@link SinkException}. Not thread-safe: the engine calls one sink from one
 * thread at a time; {@link #sentAny()} may be read from any thread.
 */
final class InteractionReplySink implements ReplySink {

    private final InteractionHook hook;
    private final boolean direct;
    private volatile String originalMessageId = "";

    /**
     * @param hook the hook of an interaction whose reply has been deferred
     * @param direct whether the interaction came from a DM, which allows a faster edit rate
     */
    InteractionReplySink(InteractionHook hook, boolean direct) {
        this.hook = hook;
        this.direct = direct;
    }

    @Override
    public ReplyFormat format() {
        return DiscordMarkdownFormat.INSTANCE;
    }

    @Override
    public Duration minEditInterval() {
        return direct ? DiscordReplySink.DIRECT_EDIT_INTERVAL : DiscordReplySink.GUILD_EDIT_INTERVAL;
    }

    @Override
    public SentMessage send(OutboundText text) throws SinkException {
        if (originalMessageId.isEmpty()) {
            Message original = DiscordRequests.complete(
                    () -> hook.editOriginal(text.text()).setAllowedMentions(DiscordRequests.NO_MENTIONS),
                    "Filling in the deferred response of interaction " + hook.getInteraction().getId());
            originalMessageId = original.getId();
            return new SentMessage(original.getId());
        }

        Message followUp = DiscordRequests.complete(
                () -> hook.sendMessage(text.text()).setAllowedMentions(DiscordRequests.NO_MENTIONS),
                "Sending a follow-up to interaction " + hook.getInteraction().getId());
        return new SentMessage(followUp.getId());
    }

    @Override
    public void edit(SentMessage message, OutboundText text) throws SinkException {
        String description = "Editing message " + message.id() + " of interaction " + hook.getInteraction().getId();
        if (message.id().equals(originalMessageId)) {
            DiscordRequests.complete(
                    () -> hook.editOriginal(text.text()).setAllowedMentions(DiscordRequests.NO_MENTIONS), description);
        } else {
            DiscordRequests.complete(
                    () -> hook.editMessageById(message.id(), text.text()).setAllowedMentions(DiscordRequests.NO_MENTIONS),
                    description);
        }
    }

    /** Does nothing: Discord shows "thinking…" on a deferred response until it is filled in. */
    @Override
    public void showTyping() {
    }

    /** Returns 14 minutes: the "thinking…" state lasts as long as the 15-minute interaction token, so it needs no refresh. */
    @Override
    public Duration typingDuration() {
        return Duration.ofMinutes(14);
    }

    /** Returns whether the deferred response has been filled in. */
    boolean sentAny() {
        return !originalMessageId.isEmpty();
    }
}
