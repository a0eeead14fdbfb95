package io.chatbridge.reply;

import java.util.Objects;
import java.util.Optional;

/**
 * The opening line of a fenced code block in Markdown, such as {@code ```java} or {@code ~~~}.
 *
 * <p>The rules are CommonMark's. An opening line has at most three spaces of indentation, then
 * three or more backticks or tildes, then an optional info string whose first word is the
 * language. The info string of a backtick fence may not contain a backtick. A closing line has at
 * most three spaces of indentation, at least as many of the same character, and nothing after them
 * but whitespace. A fence that is never closed runs to the end of the text.
 *
 * <p>The splitter and the platform formatters share this type, so that they agree on where code
 * blocks begin and end.
 *
 * @param indent the spaces before the marker, 0 to 3
 * @param marker the fence character, {@code '`'} or {@code '~'}
 * @param length how many marker characters open the fence, at least 3
 * @param info the info string after the marker with surrounding whitespace removed, or empty
 */
public record CodeFence(int indent, char marker, int length, String info) {

    private static final int MIN_LENGTH = 3;
    private static final int MAX_INDENT = 3;

    public CodeFence {
        Objects.requireNonNull(info, "info");
        if (indent < 0 || indent > MAX_INDENT) {
            throw new IllegalArgumentException("indent must be 0 to 3 spaces, was " + indent);
        }
        if (marker != '`' && marker != '~') {
            throw new IllegalArgumentException("marker must be '`' or '~', was '" + marker + "'");
        }
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("length must be at least 3, was " + length);
        }
    }

    /**
     * Parses one line of Markdown as the opening line of a fence.
     *
     * @param line the line without its line terminator; a trailing {@code '\r'} is ignored
     * @return the fence, or empty when the line does not open one
     */
    public static Optional<CodeFence> parseOpening(CharSequence line) {
        int indent = countLeading(line, 0, ' ');
        if (indent > MAX_INDENT || indent >= line.length()) {
            return Optional.empty();
        }

        char marker = line.charAt(indent);
        if (marker != '`' && marker != '~') {
            return Optional.empty();
        }

        int length = countLeading(line, indent, marker);
        if (length < MIN_LENGTH) {
            return Optional.empty();
        }

        String info = line.subSequence(indent + length, line.length()).toString().strip();
        // CommonMark forbids this so that inline code such as ```a``` is not read as a fence.
        if (marker == '`' && info.indexOf('`') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new CodeFence(indent, marker, length, info));
    }

    /**
     * Returns the fence left open at {@code end} in a Markdown text, reading whole lines from the
     * start. A line cut by {@code end} counts as written so far, so an opening line still being
     * streamed opens a fence.
     *
     * @throws IndexOutOfBoundsException when {@code end} is outside the text
     */
    public static Optional<CodeFence> openAt(CharSequence markdown, int end) {
        Objects.checkIndex(end, markdown.length() + 1);

        CodeFence open = null;
        int lineStart = 0;
        while (lineStart <= end) {
            int lineEnd = indexOf(markdown, '\n', lineStart, end);
            CharSequence line = markdown.subSequence(lineStart, lineEnd);
            if (open == null) {
                open = parseOpening(line).orElse(null);
            } else if (open.isClosedBy(line)) {
                open = null;
            }
            lineStart = lineEnd + 1;
        }
        return Optional.ofNullable(open);
    }

    /** Returns whether a line of Markdown, without its line terminator, closes this fence. */
    public boolean isClosedBy(CharSequence line) {
        int indent = countLeading(line, 0, ' ');
        if (indent > MAX_INDENT) {
            return false;
        }

        int run = countLeading(line, indent, marker);
        if (run < length) {
            return false;
        }
        for (int i = indent + run; i < line.length(); i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Returns the first word of the info string, the code's language, or empty when none is given. */
    public String language() {
        int space = 0;
        while (space < info.length() && !Character.isWhitespace(info.charAt(space))) {
            space++;
        }
        return info.substring(0, space);
    }

    /** Returns a line that opens this fence again, with the same indentation, marker and info string. */
    public String openingLine() {
        return " ".repeat(indent) + String.valueOf(marker).repeat(length) + info;
    }

    /** Returns a line that closes this fence. */
    public String closingLine() {
        return " ".repeat(indent) + String.valueOf(marker).repeat(length);
    }

    private static int countLeading(CharSequence text, int from, char c) {
        int i = from;
        while (i < text.length() && text.charAt(i) == c) {
            i++;
        }
        return i - from;
    }

    private static int indexOf(CharSequence text, char c, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return end;
    }
}
