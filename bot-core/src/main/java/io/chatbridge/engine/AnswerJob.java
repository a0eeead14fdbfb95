package io.chatbridge.engine;

import io.chatbridge.config.ChatSettings;
import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.i18n.Language;
import io.chatbridge.media.MediaDownloader;
import io.chatbridge.reply.ReplySink;

/**
 * One question to answer, with everything the engine resolved about it.
 *
 * @param key the conversation
 * @param message the (first) message that asked
 * @param question the question text without the words that addressed the bot
 * @param settings the chat's effective settings, every field set
 * @param language the language of bot messages for this member
 * @param admin whether the member is an admin
 * @param sink where the answer goes
 * @param media the platform's downloader for the message's attachments
 */
record AnswerJob(
        ConversationKey key,
        InboundMessage message,
        String question,
        ChatSettings settings,
        Language language,
        boolean admin,
        ReplySink sink,
        MediaDownloader media) {

    String chatRef() {
        return ConversationKey.chatRef(message.platform(), message.chatId());
    }
}
