package io.chatbridge.telegram;

import io.chatbridge.reply.CodeFence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads Markdown line by line into block constructs for a {@link MarkupWriter}: fenced code
 * blocks, block quotes, headings, list items, thematic breaks and lines of inline text. Line breaks
 * are kept as they are, because Telegram shows them as written.
 *
 * <p>A code block that is never closed, as while an answer streams, runs to the end of the text.
 * Setext headings, tables and indented code blocks are shown as plain lines.
 */
final class MarkdownBlocks {

    /** Shown in place of a thematic break ({@code ---}, {@code ***} or {@code ___}). */
    static final String THEMATIC_BREAK = "———";

    private final List<String> lines;
    private final MarkupWriter out;

    private MarkdownBlocks(String markdown, MarkupWriter out) {
        this.lines = splitLines(markdown);
        this.out = out;
    }

    /** Writes the Markdown's blocks to {@code out}. */
    static void render(String markdown, MarkupWriter out) {
        new MarkdownBlocks(markdown, out).render();
    }

    private void render() {
        int i = 0;
        while (i < lines.size()) {
            if (i > 0) {
                out.text("\n");
            }

            String line = lines.get(i);
            Optional<CodeFence> fence = CodeFence.parseOpening(line);
            if (fence.isPresent()) {
                i = codeBlock(i, fence.get());
            } else if (quoteContent(line) != null) {
                i = quote(i);
            } else {
                simpleLine(line, out);
                i++;
            }
        }
    }

    /** Writes the code block that opens at line {@code start} and returns the line after it. */
    private int codeBlock(int start, CodeFence fence) {
        List<String> code = new ArrayList<>();
        int i = start + 1;
        while (i < lines.size() && !fence.isClosedBy(lines.get(i))) {
            code.add(stripIndent(lines.get(i), fence.indent()));
            i++;
        }
        out.codeBlock(fence.language(), String.join("\n", code));
        return i < lines.size() ? i + 1 : i;
    }

    /** Writes the block quote that starts at line {@code start} and returns the line after it. */
    private int quote(int start) {
        List<String> content = new ArrayList<>();
        int i = start;
        while (i < lines.size()) {
            String line = quoteContent(lines.get(i));
            if (line == null) {
                break;
            }
            content.add(line);
            i++;
        }

        // An empty blockquote entity would show nothing, so a quote marker still being typed is left out.
        if (content.stream().allMatch(String::isBlank)) {
            return i;
        }
        out.openQuote();
        for (int j = 0; j < content.size(); j++) {
            if (j > 0) {
                out.text("\n");
            }
            simpleLine(content.get(j), out);
        }
        out.closeQuote();
        return i;
    }

    /** Writes a heading, list item, thematic break or plain line, with its inline markup. */
    private static void simpleLine(String line, MarkupWriter out) {
        String heading = headingText(line);
        if (heading != null) {
            if (!heading.isBlank()) {
                out.openStyle(MarkupWriter.Style.BOLD);
                InlineMarkdown.render(heading, out);
                out.closeStyle(MarkupWriter.Style.BOLD);
            }
            return;
        }

        if (isThematicBreak(line)) {
            out.text(THEMATIC_BREAK);
            return;
        }

        int indent = countLeading(line, 0, ' ');
        if (isBullet(line, indent)) {
            out.text(" ".repeat(indent) + "• ");
            InlineMarkdown.render(line.substring(indent + 1).stripLeading(), out);
            return;
        }
        InlineMarkdown.render(line, out);
    }

    /** Returns a heading's text without its {@code #} markers, or null when the line is no heading. */
    private static @Nullable String headingText(String line) {
        int indent = countLeading(line, 0, ' ');
        int level = countLeading(line, indent, '#');
        int end = indent + level;
        if (indent > 3 || level < 1 || level > 6 || (end < line.length() && !isSpaceOrTab(line.charAt(end)))) {
            return null;
        }

        String text = line.substring(end).strip();
        int closing = text.length();
        while (closing > 0 && text.charAt(closing - 1) == '#') {
            closing--;
        }
        // A closing sequence of # counts only after a space, so "C#" keeps its sign.
        if (closing == 0 || isSpaceOrTab(text.charAt(closing - 1))) {
            text = text.substring(0, closing).strip();
        }
        return text;
    }

    private static boolean isThematicBreak(String line) {
        String compact = line.replace(" ", "").replace("\t", "");
        if (compact.length() < 3 || countLeading(line, 0, ' ') > 3) {
            return false;
        }
        char marker = compact.charAt(0);
        boolean breakMarker = marker == '-' || marker == '*' || marker == '_';
        return breakMarker && countLeading(compact, 0, marker) == compact.length();
    }

    private static boolean isBullet(String line, int indent) {
        if (indent >= line.length()) {
            return false;
        }
        char marker = line.charAt(indent);
        boolean markerThenSpace = indent + 1 == line.length() || isSpaceOrTab(line.charAt(indent + 1));
        return (marker == '-' || marker == '*' || marker == '+') && markerThenSpace;
    }

    /** Returns a quote line's content after its {@code >} markers, or null when the line is not quoted. */
    private static @Nullable String quoteContent(String line) {
        int indent = countLeading(line, 0, ' ');
        if (indent > 3 || indent >= line.length() || line.charAt(indent) != '>') {
            return null;
        }

        // Nested quotes are flattened, because Telegram does not nest blockquote entities.
        int i = indent;
        while (i < line.length() && line.charAt(i) == '>') {
            i++;
            if (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
        }
        return line.substring(i);
    }

    private static String stripIndent(String line, int indent) {
        return line.substring(Math.min(indent, countLeading(line, 0, ' ')));
    }

    private static List<String> splitLines(String markdown) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start <= markdown.length()) {
            int end = markdown.indexOf('\n', start);
            if (end < 0) {
                end = markdown.length();
            }
            int contentEnd = end > start && markdown.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(markdown.substring(start, contentEnd));
            start = end + 1;
        }
        return lines;
    }

    private static int countLeading(String text, int from, char c) {
        int i = from;
        while (i < text.length() && text.charAt(i) == c) {
            i++;
        }
        return i - from;
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }
}
