package io.chatbridge.reply;

/**
 * A format that renders like an HTML platform as far as length goes: it escapes {@code &},
 * {@code <} and {@code >}, so rendered text can be five times longer than the Markdown.
 * Plain text is the Markdown as it is.
 */
record EscapingFormat(int maxLength) implements ReplyFormat {

    static final EscapingFormat TELEGRAM_SIZED = new EscapingFormat(4096);

    @Override
    public String render(String markdown) {
        return markdown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
