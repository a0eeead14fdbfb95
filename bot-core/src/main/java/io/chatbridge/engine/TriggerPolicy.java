package io.chatbridge.engine;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a non-command message asks the bot for an answer, and returns the question
 * without the words that addressed the bot.
 *
 * <p>Direct chats always trigger. In groups a message triggers when it mentions the bot, replies
 * to one of its messages, or starts with the chat's trigger prefix; in a chat configured to answer
 * everything (a support channel) every message triggers. Messages from bots never
 * trigger, so two bots cannot talk to each other in a loop.
 */
final class TriggerPolicy {

    private TriggerPolicy() {}

    /**
     * Returns the question text when the message triggers an answer, or empty when the bot should
     * stay silent.
     */
    static Optional<String> question(InboundMessage message, String triggerPrefix, boolean answerAll) {
        if (message.sender().bot()) {
            return Optional.empty();
        }

        String text = message.text();
        boolean prefixed = !triggerPrefix.isBlank() && text.stripLeading().startsWith(triggerPrefix);
        if (!(message.direct() || message.mentionsBot() || message.repliesToBot() || prefixed || answerAll)) {
            return Optional.empty();
        }

        if (prefixed) {
            text = text.stripLeading().substring(triggerPrefix.length());
        }
        return Optional.of(stripMention(text, message.botUsername()).strip());
    }

    /** Removes {@code @botUsername} wherever it stands as a whole word. */
    static String stripMention(String text, String botUsername) {
        if (botUsername.isEmpty()) {
            return text;
        }
        Pattern mention = Pattern.compile("(?i)(?<![\\w@])@" + Pattern.quote(botUsername) + "(?!\\w)[,:]?");
        Matcher matcher = mention.matcher(text);
        return matcher.replaceAll("").replaceAll("[ \\t]{2,}", " ");
    }
}
