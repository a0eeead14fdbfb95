package io.chatbridge.engine;

import io.chatbridge.config.ChatSettings;
import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.metrics.InboundDecision;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.usage.BudgetCommand;
import io.chatbridge.usage.UsageReporter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out bot commands. Commands run in the conversation's queue, so {@code /reset} takes
 * effect after an answer in progress, never in the middle of it.
 *
 * <p>In a group, several bots may share a command name: a command with another bot's
 * {@code @name} is ignored, and an unknown command that neither names nor mentions this bot is
 * left for the other bots.
 */
final class CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final EngineContext context;
    private final ChatSettingsResolver settings;
    private final UsageReporter usageReporter;
    private final BudgetCommand budgetCommand;

    CommandHandler(EngineContext context, ChatSettingsResolver settings, UsageReporter usageReporter,
            BudgetCommand budgetCommand) {
        this.context = context;
        this.settings = settings;
        this.usageReporter = usageReporter;
        this.budgetCommand = budgetCommand;
    }

    CompletableFuture<Void> handle(ParsedCommand command, ConversationKey key, InboundMessage message,
            ChatSettings chat, Language language, boolean admin, ReplySink sink,
            KeyedSerialExecutor<ConversationKey> turns) {
        if (command.addressedToOther(message.botUsername())) {
            log.debug("Ignoring /{} addressed to @{}", command.name(), command.target());
            return ignored(message);
        }
        Optional<BotCommand> known = BotCommand.find(command.name());
        // A mention addresses this bot as surely as a direct chat or an @name suffix. The Discord
        // adapter strips the mention, so "@Bot /foo" arrives as "/foo" with mentionsBot set.
        boolean explicit = message.direct() || message.mentionsBot() || command.addressedTo(message.botUsername());
        if (known.isEmpty() && !explicit) {
            log.debug("Ignoring unknown /{} in group {}", command.name(), message.chatId());
            return ignored(message);
        }
        context.metrics().inbound(message.platform(), InboundDecision.COMMAND);

        Runnable task = () -> run(known.orElse(null), command, key, message, chat, language, admin, sink);
        return turns.submit(key, task).exceptionally(error -> null);
    }

    private void run(BotCommand known, ParsedCommand command, ConversationKey key, InboundMessage message,
            ChatSettings chat, Language language, boolean admin, ReplySink sink) {
        try {
            String reply = reply(known, command, key, message, chat, language, admin);
            send(message, sink, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Command /{} failed in {} for message {}", command.name(), key, message.messageId(), e);
            context.metrics().engineError(message.platform());
            notifyInternalError(key, message, language, sink);
        }
    }

    private String reply(BotCommand known, ParsedCommand command, ConversationKey key, InboundMessage message,
            ChatSettings chat, Language language, boolean admin) {
        if (known == null) {
            return format(language, MessageKey.UNKNOWN_COMMAND, "/" + command.name());
        }
        return switch (known) {
            case START -> format(language, MessageKey.START, "@" + message.botUsername());
            case HELP -> context.messages().help(language, Objects.requireNonNullElse(chat.triggerPrefix(), ""));
            case RESET -> {
                context.cache().clear(key);
                log.info("Conversation {} reset by user {}", key, message.sender().id());
                yield format(language, MessageKey.RESET_DONE);
            }
            case SYSTEM -> system(command, message, chat, language, admin);
            case USAGE -> {
                String report = usageReporter.report(message, admin, language);
                yield report != null ? report : format(language, MessageKey.UNKNOWN_COMMAND, "/usage");
            }
            case BUDGET -> {
                String reply = budgetCommand.handle(message, command.arguments(), admin, language);
                yield reply != null ? reply : format(language, MessageKey.UNKNOWN_COMMAND, "/budget");
            }
        };
    }

    // Anyone may read the chat's system prompt, since it shapes every answer they get; only admins change it.
    private String system(ParsedCommand command, InboundMessage message, ChatSettings chat, Language language,
            boolean admin) {
        if (command.arguments().isEmpty()) {
            return format(language, MessageKey.SYSTEM_CURRENT, Objects.requireNonNullElse(chat.systemPrompt(), ""));
        }
        if (!admin) {
            log.info("User {} is not an admin and may not use /system in chat {}", message.sender().id(),
                    message.chatId());
            return format(language, MessageKey.ADMIN_ONLY);
        }
        // Half the prompt budget keeps room for the history and the member's question.
        int tokens = context.tokens().count(command.arguments());
        int limit = context.prompts().contextTokens() / 2;
        if (tokens > limit) {
            return format(language, MessageKey.SYSTEM_TOO_LONG, tokens, limit);
        }
        settings.setSystemPrompt(message.platform(), message.chatId(), command.arguments());
        log.info("System prompt of chat {}:{} changed by admin {}", message.platform().id(), message.chatId(),
                message.sender().id());
        return format(language, MessageKey.SYSTEM_UPDATED, command.arguments());
    }

    private CompletableFuture<Void> ignored(InboundMessage message) {
        context.metrics().inbound(message.platform(), InboundDecision.IGNORED_OTHER_BOT_COMMAND);
        return CompletableFuture.completedFuture(null);
    }

    /** Tells the member that something went wrong on the bot's side; never throws. */
    void notifyInternalError(ConversationKey key, InboundMessage message, Language language, ReplySink sink) {
        try {
            send(message, sink, format(language, MessageKey.ERROR_INTERNAL));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Could not report an internal error in {}", key, e);
        }
    }

    private void send(InboundMessage message, ReplySink sink, String text) throws InterruptedException {
        context.notifier().send(sink, ConversationKey.chatRef(message.platform(), message.chatId()), text);
    }

    private String format(Language language, MessageKey key, Object... arguments) {
        return context.messages().format(language, key, arguments);
    }
}
