package io.chatbridge.telegram;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes Markdown as readable plain text: markers are dropped, code is kept as written, and a link
 * becomes its text followed by the URL in brackets. The result is never longer than what
 * {@link HtmlWriter} writes for the same input, because every addition here has a longer tag or
 * escape there.
 */
final class PlainWriter implements MarkupWriter {

    private final StringBuilder text = new StringBuilder();
    private final Deque<Integer> linkTextStarts = new ArrayDeque<>();

    @Override
    public void text(String text) {
        this.text.append(text);
    }

    @Override
    public void openStyle(Style style) {
    }

    @Override
    public void closeStyle(Style style) {
    }

    @Override
    public void code(String code) {
        text.append(code);
    }

    @Override
    public void openLink(String url) {
        linkTextStarts.push(text.length());
    }

    @Override
    public void closeLink(String url) {
        String linkText = text.substring(linkTextStarts.pop());
        if (!linkText.equals(url)) {
            text.append(" (").append(url).append(')');
        }
    }

    @Override
    public void codeBlock(String language, String code) {
        text.append(code);
    }

    @Override
    public void openQuote() {
    }

    @Override
    public void closeQuote() {
    }

    @Override
    public String result() {
        return text.toString();
    }
}
