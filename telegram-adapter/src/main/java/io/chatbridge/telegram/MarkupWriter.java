package io.chatbridge.telegram;

/**
 * Receives parsed Markdown, one construct at a time, and builds the text to send. Callers nest
 * every open call with its close call, so an implementation can rely on balanced calls.
 */
interface MarkupWriter {

    /** A text style that may contain other inline markup. */
    enum Style {
        BOLD("b"),
        ITALIC("i"),
        STRIKETHROUGH("s");

        private final String htmlTag;

        Style(String htmlTag) {
            this.htmlTag = htmlTag;
        }

        String htmlTag() {
            return htmlTag;
        }
    }

    /** Appends literal text, which the writer escapes as its output needs. */
    void text(String text);

    void openStyle(Style style);

    void closeStyle(Style style);

    /** Appends an inline code span. */
    void code(String code);

    /** Opens a link whose text follows; {@code url} has an allowed scheme. */
    void openLink(String url);

    void closeLink(String url);

    /** Appends a fenced code block's content, without a trailing line break. */
    void codeBlock(String language, String code);

    void openQuote();

    void closeQuote();

    /** Returns the text built so far. */
    String result();
}
