package io.chatbridge.reply;

import java.util.Objects;

/**
 * Text ready to send to a platform.
 *
 * @param text the rendered text (platform markup when {@code formatted}, else plain)
 * @param formatted whether {@code text} uses the platform's markup (Telegram HTML, Discord Markdown)
 */
public record OutboundText(String text, boolean formatted) {
    public OutboundText {
        Objects.requireNonNull(text, "text");
    }
}
