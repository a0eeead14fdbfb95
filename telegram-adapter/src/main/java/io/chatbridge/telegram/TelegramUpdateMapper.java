package io.chatbridge.telegram;

import io.chatbridge.engine.Attachment;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.Platform;
import io.chatbridge.engine.Sender;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import org.telegram.telegrambots.meta.api.objects.stickers.Sticker;

/**
 * Translates Telegram updates into the engine's {@link InboundMessage}. It reports what Telegram
 * says and decides nothing: whether to answer is the engine's call.
 *
 * <p>Only new messages are mapped. Edited messages, channel posts and other update kinds map to
 * empty, so a channel the bot administers never makes it post answers.
 */
final class TelegramUpdateMapper {

    private final TelegramIdentity bot;

    TelegramUpdateMapper(TelegramIdentity bot) {
        this.bot = bot;
    }

    Optional<InboundMessage> map(Update update) {
        Message message = update.getMessage();
        if (message == null || message.getChat() == null || message.getMessageId() == null) {
            return Optional.empty();
        }
        Chat chat = message.getChat();
        boolean direct = "private".equals(chat.getType());
        if (!direct && !"group".equals(chat.getType()) && !"supergroup".equals(chat.getType())) {
            return Optional.empty();
        }

        String text = Objects.requireNonNullElse(message.getText(), Objects.requireNonNullElse(message.getCaption(), ""));
        List<MessageEntity> entities = message.getText() != null ? message.getEntities() : message.getCaptionEntities();
        return Optional.of(new InboundMessage(
                Platform.TELEGRAM,
                String.valueOf(chat.getId()),
                topicId(message),
                sender(message),
                text,
                attachments(message),
                direct,
                mentionsBot(text, entities),
                repliesToBot(message),
                String.valueOf(message.getMessageId()),
                bot.username(),
                null));
    }

    // Telegram sets message_thread_id on replies in ordinary groups too; only a forum topic message is in a thread.
    private static @Nullable String topicId(Message message) {
        if (Boolean.TRUE.equals(message.getIsTopicMessage()) && message.getMessageThreadId() != null) {
            return String.valueOf(message.getMessageThreadId());
        }
        return null;
    }

    // An anonymous group admin writes as the group itself: "from" is the GroupAnonymousBot account,
    // so the real author is sender_chat, which is a person, not a bot.
    private static Sender sender(Message message) {
        Chat senderChat = message.getSenderChat();
        if (senderChat != null) {
            String title = Objects.requireNonNullElse(senderChat.getTitle(), "anonymous");
            return new Sender(String.valueOf(senderChat.getId()), title, false, null);
        }
        User from = message.getFrom();
        if (from == null) {
            return new Sender("unknown", "unknown", false, null);
        }
        return new Sender(String.valueOf(from.getId()), displayName(from), Boolean.TRUE.equals(from.getIsBot()),
                from.getLanguageCode());
    }

    private static String displayName(User user) {
        String first = Objects.requireNonNullElse(user.getFirstName(), "");
        String last = user.getLastName();
        String name = last == null || last.isBlank() ? first : first + " " + last;
        if (!name.isBlank()) {
            return name;
        }
        return Objects.requireNonNullElse(user.getUserName(), String.valueOf(user.getId()));
    }

    // Entity offsets count UTF-16 code units, as Java strings do.
    private boolean mentionsBot(String text, @Nullable List<MessageEntity> entities) {
        if (entities == null) {
            return false;
        }
        for (MessageEntity entity : entities) {
            if ("text_mention".equals(entity.getType()) && entity.getUser() != null
                    && entity.getUser().getId() == bot.id()) {
                return true;
            }
            if ("mention".equals(entity.getType()) && entity.getOffset() != null && entity.getLength() != null) {
                int start = entity.getOffset();
                int end = start + entity.getLength();
                if (start >= 0 && end <= text.length()
                        && text.substring(start, end).equalsIgnoreCase("@" + bot.username())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean repliesToBot(Message message) {
        Message replied = message.getReplyToMessage();
        return replied != null && replied.getFrom() != null && replied.getFrom().getId() == bot.id();
    }

    private static List<Attachment> attachments(Message message) {
        List<Attachment> attachments = new ArrayList<>();
        List<PhotoSize> photo = message.getPhoto();
        if (photo != null && !photo.isEmpty()) {
            PhotoSize largest = photo.stream()
                    .max(Comparator.comparingLong(size -> (long) size.getWidth() * size.getHeight()))
                    .orElseThrow();
            attachments.add(new Attachment(Attachment.Kind.IMAGE, largest.getFileId(), "image/jpeg", null,
                    sizeOf(largest.getFileSize())));
        }
        if (message.getVoice() != null) {
            var voice = message.getVoice();
            attachments.add(new Attachment(Attachment.Kind.VOICE, voice.getFileId(), voice.getMimeType(), null,
                    sizeOf(voice.getFileSize())));
        }
        if (message.getAudio() != null) {
            var audio = message.getAudio();
            attachments.add(new Attachment(Attachment.Kind.AUDIO, audio.getFileId(), audio.getMimeType(),
                    audio.getFileName(), sizeOf(audio.getFileSize())));
        }
        if (message.getVideo() != null) {
            var video = message.getVideo();
            attachments.add(new Attachment(Attachment.Kind.VIDEO, video.getFileId(), video.getMimeType(),
                    video.getFileName(), sizeOf(video.getFileSize())));
        }
        if (message.getVideoNote() != null) {
            var note = message.getVideoNote();
            attachments.add(new Attachment(Attachment.Kind.VIDEO, note.getFileId(), "video/mp4", null,
                    sizeOf(note.getFileSize())));
        }
        if (message.getAnimation() != null) {
            var animation = message.getAnimation();
            attachments.add(new Attachment(Attachment.Kind.ANIMATION, animation.getFileId(), animation.getMimeType(),
                    animation.getFileName(), sizeOf(animation.getFileSize())));
        } else if (message.getDocument() != null) {
            // Telegram sends an animation as both "animation" and "document"; the animation wins.
            var document = message.getDocument();
            attachments.add(new Attachment(Attachment.Kind.DOCUMENT, document.getFileId(), document.getMimeType(),
                    document.getFileName(), sizeOf(document.getFileSize())));
        }
        if (message.getSticker() != null) {
            var sticker = message.getSticker();
            attachments.add(new Attachment(Attachment.Kind.STICKER, sticker.getFileId(), stickerType(sticker), null,
                    sizeOf(sticker.getFileSize())));
        }
        return attachments;
    }

    // Static stickers are WebP images, video stickers WebM, and animated ones gzipped Lottie (.tgs).
    private static String stickerType(Sticker sticker) {
        if (Boolean.TRUE.equals(sticker.getIsAnimated())) {
            return "application/x-tgsticker";
        }
        return Boolean.TRUE.equals(sticker.getIsVideo()) ? "video/webm" : "image/webp";
    }

    private static long sizeOf(@Nullable Number size) {
        return size == null ? -1 : size.longValue();
    }
}
