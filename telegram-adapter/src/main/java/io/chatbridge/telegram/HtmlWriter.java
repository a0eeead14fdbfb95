package io.chatbridge.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Writes the HTML subset of the Telegram Bot API: {@code b}, {@code i}, {@code s}, {@code code},
 * {@code pre}, {@code a} and {@code blockquote}, escaping {@code <}, {@code >} and {@code &}
 * everywhere and {@code "} in attributes.
 *
 * <p>The Bot API allows bold, italic and strikethrough to nest in any entity, but an inline code
 * entity may not sit inside another entity, and links and blockquotes may not contain each other.
 * So inline code inside a style, a link or a quote is written as plain text, and a link inside a
 * quote as its text followed by the URL in brackets.
 */
final class HtmlWriter implements MarkupWriter {

    /** Languages as they appear in info strings; anything else is left out of the class attribute. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,32}");

    private final StringBuilder html = new StringBuilder();
    private final Deque<Boolean> linkWrittenAsTag = new ArrayDeque<>();
    private int openStyles;
    private boolean inQuote;

    @Override
    public void text(String text) {
        appendEscaped(text, false);
    }

    @Override
    public void openStyle(Style style) {
        html.append('<').append(style.htmlTag()).append('>');
        openStyles++;
    }

    @Override
    public void closeStyle(Style style) {
        html.append("</").append(style.htmlTag()).append('>');
        openStyles--;
    }

    @Override
    public void code(String code) {
        if (openStyles > 0 || !linkWrittenAsTag.isEmpty() || inQuote) {
            text(code);
            return;
        }
        html.append("<code>");
        text(code);
        html.append("</code>");
    }

    @Override
    public void openLink(String url) {
        linkWrittenAsTag.push(!inQuote);
        if (!inQuote) {
            html.append("<a href=\"");
            appendEscaped(url, true);
            html.append("\">");
        }
    }

    @Override
    public void closeLink(String url) {
        if (linkWrittenAsTag.pop()) {
            html.append("</a>");
        } else {
            text(" (" + url + ")");
        }
    }

    @Override
    public void codeBlock(String language, String code) {
        // An empty pre entity would leave a message with no visible text.
        if (code.isEmpty()) {
            return;
        }
        html.append("<pre>");
        if (LANGUAGE.matcher(language).matches()) {
            html.append("<code class=\"language-").append(language).append("\">");
            text(code);
            html.append("</code>");
        } else {
            text(code);
        }
        html.append("</pre>");
    }

    @Override
    public void openQuote() {
        html.append("<blockquote>");
        inQuote = true;
    }

    @Override
    public void closeQuote() {
        html.append("</blockquote>");
        inQuote = false;
    }

    @Override
    public String result() {
        return html.toString();
    }

    private void appendEscaped(String text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append(attribute ? "&quot;" : "\"");
                default -> html.append(c);
            }
        }
    }
}
