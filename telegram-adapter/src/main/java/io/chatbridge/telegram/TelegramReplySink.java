package io.chatbridge.telegram;

import io.chatbridge.reply.OutboundText;
import io.chatbridge.reply.ReplyFormat;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.reply.SentMessage;
import io.chatbridge.reply.SinkException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends one answer to a Telegram chat: {@code sendMessage}, {@code editMessageText} and
 * {@code sendChatAction}, in the member's forum topic when there is one.
 *
 * <p>In groups the first message replies to the member's question, so that it is clear whom it
 * answers; in private chats it does not, since there is only one person to answer.
 */
final class TelegramReplySink implements ReplySink {

    // Telegram's published limits: about one message per second in a chat, 20 per minute in a group.
    private static final Duration PRIVATE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration GROUP_INTERVAL = Duration.ofSeconds(3);

    private final TelegramClient client;
    private final ReplyFormat format;
    private final String token;
    private final long chatId;
    private final @Nullable Integer topicId;
    private final @Nullable Integer replyTo;
    private final boolean direct;
    private boolean replied;

    TelegramReplySink(TelegramClient client, ReplyFormat format, String token, long chatId,
            @Nullable Integer topicId, @Nullable Integer replyTo, boolean direct) {
        this.client = client;
        this.format = format;
        this.token = token;
        this.chatId = chatId;
        this.topicId = topicId;
        this.replyTo = replyTo;
        this.direct = direct;
    }

    @Override
    public ReplyFormat format() {
        return format;
    }

    @Override
    public Duration minEditInterval() {
        return direct ? PRIVATE_INTERVAL : GROUP_INTERVAL;
    }

    @Override
    public SentMessage send(OutboundText text) throws SinkException {
        SendMessage.SendMessageBuilder<?, ?> request = SendMessage.builder()
                .chatId(chatId)
                .text(text.text())
                .messageThreadId(topicId)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        if (text.formatted()) {
            request.parseMode("HTML");
        }
        if (!direct && !replied && replyTo != null) {
            request.replyParameters(ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
        }
        try {
            Message sent = client.execute(request.build());
            replied = true;
            return new SentMessage(String.valueOf(sent.getMessageId()));
        } catch (TelegramApiException e) {
            throw TelegramErrors.translate("sendMessage", e, token);
        }
    }

    @Override
    public void edit(SentMessage message, OutboundText text) throws SinkException {
        EditMessageText.EditMessageTextBuilder<?, ?> request = EditMessageText.builder()
                .chatId(chatId)
                .messageId(Integer.valueOf(message.id()))
                .text(text.text())
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        if (text.formatted()) {
            request.parseMode("HTML");
        }
        try {
            client.execute(request.build());
        } catch (TelegramApiException e) {
            throw TelegramErrors.translate("editMessageText", e, token);
        }
    }

    @Override
    public void showTyping() throws SinkException {
        try {
            client.execute(SendChatAction.builder().chatId(chatId).messageThreadId(topicId).action("typing").build());
        } catch (TelegramApiException e) {
            throw TelegramErrors.translate("sendChatAction", e, token);
        }
    }
}
