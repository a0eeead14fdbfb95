package io.chatbridge.telegram;

import io.chatbridge.reply.ReplyFormat;

/**
 * Renders the model's Markdown as the HTML subset of the Telegram Bot API ({@code parse_mode}
 * HTML), for a limit of 4096 characters per message. Stateless and thread-safe.
 *
 * <p>Constructs as the model writes them become these tags:
 * <ul>
 *   <li>{@code **bold**} and {@code __bold__}: {@code <b>}; {@code *italic*} and {@code _italic_}:
 *       {@code <i>}; {@code ***both***}: {@code <b><i>}; {@code ~~strike~~}: {@code <s>};
 *   <li>{@code `code`}: {@code <code>}; a fenced block with a language:
 *       {@code <pre><code class="language-x">}, without one: {@code <pre>};
 *   <li>{@code [text](url)} with an http, https, tg or mailto URL: {@code <a href="url">}, other
 *       links stay as written;
 *   <li>{@code # heading}: a bold line; {@code - item}, {@code * item} and {@code + item}:
 *       {@code • item}; numbered items as written; {@code > quote}: {@code <blockquote>};
 *       {@code ---}: a line of dashes.
 * </ul>
 * {@code <}, {@code >} and {@code &} are escaped everywhere outside tags, and {@code "} inside
 * attributes.
 *
 * <p>Any input renders to balanced tags, including Markdown cut off while streaming: a code block
 * that is never closed runs to the end, and an inline marker with no partner is shown as written.
 * Tags nest only as the Bot API allows, so inline code inside bold text, a link or a quote is shown
 * as plain text, and a link inside a quote as its text followed by the URL.
 */
public final class TelegramHtmlFormat implements ReplyFormat {

    /** The Bot API's maximum length of a message's text, in UTF-16 code units. */
    public static final int MAX_MESSAGE_LENGTH = 4096;

    /** Returns {@value #MAX_MESSAGE_LENGTH}. */
    @Override
    public int maxLength() {
        return MAX_MESSAGE_LENGTH;
    }

    /** Renders Markdown to Telegram HTML; accepts any input. */
    @Override
    public String render(String markdown) {
        HtmlWriter html = new HtmlWriter();
        MarkdownBlocks.render(markdown, html);
        return html.result();
    }

    /**
     * Renders Markdown to plain text for when Telegram rejects the HTML: markers are dropped, code
     * is kept as written, and a link becomes its text followed by the URL in brackets. The result is
     * never longer than {@link #render} returns for the same input.
     */
    @Override
    public String plain(String markdown) {
        PlainWriter text = new PlainWriter();
        MarkdownBlocks.render(markdown, text);
        return text.result();
    }
}
