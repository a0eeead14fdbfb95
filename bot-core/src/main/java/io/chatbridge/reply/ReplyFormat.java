package io.chatbridge.reply;

/**
 * How a platform displays the model's Markdown, and how much of it fits in one message.
 *
 * <p>Lengths are measured on the rendered text in UTF-16 code units, which is what Telegram and
 * Discord count.
 */
public interface ReplyFormat {

    /** Returns the platform's maximum message length after rendering: 4096 on Telegram, 2000 on Discord. */
    int maxLength();

    /** Renders Markdown to the platform's markup. Must accept any input, including unbalanced markup. */
    String render(String markdown);

    /** Renders Markdown to plain text for when the platform rejects the markup. */
    default String plain(String markdown) {
        return markdown;
    }
}
