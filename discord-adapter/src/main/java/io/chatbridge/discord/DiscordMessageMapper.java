package io.chatbridge.discord;

import io.chatbridge.engine.Attachment;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.Platform;
import io.chatbridge.engine.Sender;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.SelfUser;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.jspecify.annotations.Nullable;

/**
 * Translates Discord messages and slash commands into {@link InboundMessage}s. Reports the facts
 * Discord sends and decides nothing, with one translation of configuration: a message in an
 * "answer everything" channel (or a thread below one) counts as mentioning the bot.
 *
 * <p>Threads: {@code chatId} is the thread's parent channel and {@code threadId} the thread, so a
 * channel's per-chat settings also apply in its threads. A thread has a conversation of its own
 * only under scope {@code thread}; under {@code channel} or {@code user} it shares the parent
 * channel's context. In a thread-per-question channel a new question's {@code threadId} is its own
 * message id, because the thread the bot starts on it gets that id, so the question and the
 * follow-ups in its thread are one conversation under scope {@code thread}.
 *
 * <p>Thread-safe (stateless apart from the configured channels). Whether a message in an
 * answer-everything channel asks the bot is the engine's decision, so such a message is mapped
 * like any other.
 */
final class DiscordMessageMapper {

    private final Set<String> threadPerQuestionChannels;

    /**
     * @param threadPerQuestionChannels channel ids where the bot answers each question in a new thread
     */
    DiscordMessageMapper(Set<String> threadPerQuestionChannels) {
        this.threadPerQuestionChannels = Set.copyOf(threadPerQuestionChannels);
    }

    /** Returns whether an answer to this message goes into a new thread started on it. */
    boolean opensThread(Message message) {
        return message.isFromGuild()
                && !message.getChannelType().isThread()
                && threadPerQuestionChannels.contains(message.getChannelId());
    }

    /** Maps a channel, thread or DM message. */
    InboundMessage fromMessage(Message message, SelfUser self) {
        ChatPlace place = ChatPlace.of(message.getChannel());
        String raw = message.getContentRaw();
        Guild guild = message.isFromGuild() ? message.getGuild() : null;

        boolean mentioned = mentionsSelf(raw, self) || mentionsBotRole(message, self);
        Message referenced = message.getReferencedMessage();
        boolean repliesToBot = referenced != null && referenced.getAuthor().getIdLong() == self.getIdLong();

        return new InboundMessage(
                Platform.DISCORD,
                place.chatId(),
                opensThread(message) ? message.getId() : place.threadId(),
                sender(message.getAuthor(), message.getMember(), message.isWebhookMessage(), null),
                stripSelfMentions(raw, message, self),
                message.getAttachments().stream().map(attachment -> attachment(attachment, message)).toList(),
                message.getChannelType() == ChannelType.PRIVATE,
                mentioned,
                repliesToBot,
                message.getId(),
                self.getName(),
                guild == null ? null : localeTag(guild.getLocale()));
    }

    /**
     * Maps a slash command: {@code /chat prompt:…} becomes the prompt addressed to the bot, the
     * others become command text such as {@code /system Be brief.} for the engine to parse.
     */
    InboundMessage fromSlashCommand(SlashCommandInteractionEvent event, SelfUser self) {
        Channel channel = event.getChannel();
        ChatPlace place = channel == null
                ? new ChatPlace(event.getChannelId() == null ? "" : event.getChannelId(), null)
                : ChatPlace.of(channel);

        return new InboundMessage(
                Platform.DISCORD,
                place.chatId(),
                place.threadId(),
                sender(event.getUser(), event.getMember(), false, localeTag(event.getUserLocale())),
                commandText(event),
                List.of(),
                event.getChannelType() == ChannelType.PRIVATE,
                true,
                false,
                event.getId(),
                self.getName(),
                event.isFromGuild() ? localeTag(event.getGuildLocale()) : null);
    }

    private static String commandText(SlashCommandInteractionEvent event) {
        if (event.getName().equals(DiscordSlashCommands.CHAT)) {
            OptionMapping prompt = event.getOption(DiscordSlashCommands.PROMPT_OPTION);
            return prompt == null ? "" : prompt.getAsString().strip();
        }

        StringBuilder text = new StringBuilder("/").append(event.getName());
        for (OptionMapping option : event.getOptions()) {
            text.append(' ').append(option.getAsString().strip());
        }
        return text.toString();
    }

    private static Sender sender(User user, @Nullable Member member, boolean webhook, @Nullable String languageCode) {
        String name = member != null ? member.getEffectiveName() : user.getEffectiveName();
        // Webhook and system authors are not members, so they are treated like bots.
        boolean bot = user.isBot() || user.isSystem() || webhook;
        return new Sender(user.getId(), name, bot, languageCode);
    }

    private static boolean mentionsSelf(String raw, SelfUser self) {
        return selfMentionPattern(self).matcher(raw).find();
    }

    /**
     * Returns whether the message mentions the bot's own managed role. Discord's autocomplete often
     * offers that role when members type {@code @BotName}, and they mean the bot.
     */
    private static boolean mentionsBotRole(Message message, SelfUser self) {
        return !botRoles(message, self).isEmpty();
    }

    private static List<Role> botRoles(Message message, SelfUser self) {
        if (!message.isFromGuild()) {
            return List.of();
        }
        return message.getMentions().getRoles().stream()
                .filter(role -> role.isManaged() && role.getTags().getBotIdLong() == self.getIdLong())
                .toList();
    }

    private static String stripSelfMentions(String raw, Message message, SelfUser self) {
        String text = selfMentionPattern(self).matcher(raw).replaceAll("");
        for (Role role : botRoles(message, self)) {
            text = text.replace(role.getAsMention(), "");
        }
        return text.strip();
    }

    /** Matches {@code <@id>} and the legacy nickname form {@code <@!id>}, with one space after it. */
    private static Pattern selfMentionPattern(SelfUser self) {
        return Pattern.compile("<@!?" + self.getId() + ">\\s?");
    }

    private static Attachment attachment(Message.Attachment attachment, Message message) {
        String contentType = attachment.getContentType();
        return new Attachment(
                kind(contentType, attachment, message.isVoiceMessage()),
                attachment.getUrl(),
                contentType,
                attachment.getFileName(),
                attachment.getSize());
    }

    private static Attachment.Kind kind(@Nullable String contentType, Message.Attachment attachment, boolean voice) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/") || (type.isEmpty() && attachment.isImage())) {
            return Attachment.Kind.IMAGE;
        }
        if (type.startsWith("video/") || (type.isEmpty() && attachment.isVideo())) {
            return Attachment.Kind.VIDEO;
        }
        if (type.startsWith("audio/")) {
            return voice ? Attachment.Kind.VOICE : Attachment.Kind.AUDIO;
        }
        return Attachment.Kind.DOCUMENT;
    }

    private static @Nullable String localeTag(DiscordLocale locale) {
        return locale == DiscordLocale.UNKNOWN ? null : locale.getLocale();
    }

    /** The chat a message was posted in, and its thread when there is one. */
    private record ChatPlace(String chatId, @Nullable String threadId) {

        static ChatPlace of(Channel channel) {
            if (channel instanceof ThreadChannel thread) {
                return new ChatPlace(thread.getParentChannel().getId(), thread.getId());
            }
            return new ChatPlace(channel.getId(), null);
        }
    }
}
