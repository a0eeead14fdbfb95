package io.chatbridge.discord;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.MessageHandler;
import io.chatbridge.media.MediaDownloader;
import io.chatbridge.reply.ReplySink;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives JDA's events: hands messages and slash commands to the {@link MessageHandler} and
 * reports the session's start or failure through {@link #ready()}.
 *
 * <p>JDA calls it on its gateway thread, so nothing here blocks: handlers return at once and the
 * deferral of slash commands is asynchronous. A failing handler is logged and never stops
 * the next event.
 */
final class DiscordEventListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordEventListener.class);

    /** The fix for close code 4014, logged word for word so operators can search for it. */
    static final String MESSAGE_CONTENT_INTENT_FIX = "turn on \"Message Content Intent\" under Bot → Privileged"
            + " Gateway Intents in the Discord developer portal";

    private final DiscordMessageMapper mapper;
    private final MessageHandler handler;
    private final MediaDownloader downloader;
    private final CompletableFuture<JDA> ready = new CompletableFuture<>();

    DiscordEventListener(DiscordMessageMapper mapper, MessageHandler handler, MediaDownloader downloader) {
        this.mapper = mapper;
        this.handler = handler;
        this.downloader = downloader;
    }

    /** Completes when the session is ready; fails with a {@link DiscordStartException} when JDA shuts down first. */
    CompletableFuture<JDA> ready() {
        return ready;
    }

    @Override
    public void onReady(ReadyEvent event) {
        ready.complete(event.getJDA());
    }

    @Override
    public void onShutdown(ShutdownEvent event) {
        CloseCode closeCode = event.getCloseCode();
        if (closeCode == CloseCode.DISALLOWED_INTENTS) {
            log.error("Discord closed the gateway with code 4014 (disallowed intents): the bot may not use the"
                    + " privileged message content intent. To fix it, {}, then restart ChatBridge.",
                    MESSAGE_CONTENT_INTENT_FIX);
            ready.completeExceptionally(new DiscordStartException(DiscordStartException.Reason.DISALLOWED_INTENTS,
                    "Discord refused the message content intent (gateway close code 4014); "
                            + MESSAGE_CONTENT_INTENT_FIX));
            return;
        }

        String code = closeCode != null ? closeCode.name() + " (" + closeCode.getCode() + ")"
                : Integer.toString(event.getCode());
        if (!ready.isDone()) {
            ready.completeExceptionally(new DiscordStartException(DiscordStartException.Reason.GATEWAY_CLOSED,
                    "The Discord gateway session ended before it was ready, close code " + code
                            + "; check DISCORD_GATEWAY_URL and the bot's settings in the developer portal"));
        }
        log.info("Discord session shut down, close code {}", code);
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        Message message = event.getMessage();
        // Joins, pins, thread creations and other system notices are not chat messages.
        if (message.getType().isSystem()) {
            return;
        }

        InboundMessage inbound;
        try {
            inbound = mapper.fromMessage(message, event.getJDA().getSelfUser());
        } catch (RuntimeException e) {
            log.error("Could not read Discord message {} in channel {}", message.getId(), message.getChannelId(), e);
            return;
        }
        String threadName = mapper.opensThread(message)
                ? DiscordReplySink.threadName(inbound.text(), "Question from " + inbound.sender().displayName())
                : null;
        hand(inbound, new DiscordReplySink(event.getChannel(), message.getId(), threadName));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        // Discord fails an interaction that is not acknowledged within 3 seconds, so the
        // acknowledgement goes out before anything else happens.
        event.deferReply().submit().whenComplete((hook, failure) -> {
            if (failure != null) {
                log.error("Could not acknowledge Discord command /{} (interaction {}); it is dropped",
                        event.getName(), event.getId(), failure);
                return;
            }
            handOver(event, hook);
        });
    }

    private void handOver(SlashCommandInteractionEvent event, InteractionHook hook) {
        InboundMessage inbound;
        try {
            inbound = mapper.fromSlashCommand(event, event.getJDA().getSelfUser());
        } catch (RuntimeException e) {
            log.error("Could not read Discord command /{} (interaction {})", event.getName(), event.getId(), e);
            hook.deleteOriginal().queue();
            return;
        }

        InteractionReplySink sink = new InteractionReplySink(hook, event.getChannelType() == ChannelType.PRIVATE);
        hand(inbound, sink).whenComplete((ignored, failure) -> {
            // A command the engine ignored or refused without an answer would otherwise show
            // "thinking…" for 15 minutes and then "The application did not respond".
            if (!sink.sentAny()) {
                hook.deleteOriginal().queue(null, error -> log.warn(
                        "Could not remove the unanswered response of interaction {}: {}", event.getId(), error.toString()));
            }
        });
    }

    private CompletableFuture<Void> hand(InboundMessage inbound, ReplySink sink) {
        try {
            return handler.accept(inbound, sink, downloader).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    log.error("Handling Discord message {} in chat {} failed", inbound.messageId(), inbound.chatId(), failure);
                }
            });
        } catch (RuntimeException e) {
            log.error("Handling Discord message {} in chat {} failed", inbound.messageId(), inbound.chatId(), e);
            return CompletableFuture.failedFuture(e);
        }
    }
}
