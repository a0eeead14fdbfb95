package io.chatbridge.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a Markdown answer into parts that each fit one message of a platform after rendering.
 * Thread-safe when the format is.
 *
 * <p>Each part is the longest prefix whose rendering, measured in UTF-16 code units, is at most
 * {@link ReplyFormat#maxLength()}. Within the second half of that prefix the cut prefers, in this
 * order: a blank line between paragraphs, a line break, the end of a sentence, a space outside
 * inline markup, and last any grapheme cluster boundary. A cut never separates a surrogate pair,
 * an emoji ZWJ sequence or a letter from its combining marks. The whitespace at a cut is dropped,
 * except inside a code block where it is part of the code.
 *
 * <p>A fenced code block is never left open across a cut. The first part gets a closing fence
 * line, and the next part starts with the opening line again, language tag included. The closing
 * line counts towards the first part's length.
 *
 * <p>The renderer may lengthen text (HTML escapes and tags), so candidate cuts are measured by
 * rendering them. A search that doubles and then halves the candidate length keeps each rendered
 * candidate at most about twice the message length, so splitting costs about O(n log m) for an
 * answer of n characters and messages of m characters.
 *
 * <p>NOTE: when a message cannot hold even one character of content (a maximum length smaller than
 * a code fence's opening and closing lines), the part keeps one character and exceeds the limit.
 */
public final class MessageSplitter {

    private final ReplyFormat format;

    /** Creates a splitter for one platform's format and length limit. */
    public MessageSplitter(ReplyFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    /** Returns whether the Markdown fits in one message once rendered. */
    public boolean fits(String markdown) {
        return format.render(markdown).length() <= format.maxLength();
    }

    /**
     * Splits off the first message's worth of Markdown.
     *
     * @return the longest head that fits and the remaining Markdown. When the whole text fits, the
     *     head is the text and the rest is empty.
     */
    public Split splitFirst(String markdown) {
        return splitFirst(markdown, 0);
    }

    /**
     * Splits off the first message's worth of Markdown, preferring cuts at or after
     * {@code keepAtLeast}. A streamer passes the length of the text a message already shows, so
     * that the text stays in that message instead of moving to the next one. A cut before it is
     * still made when the head would not fit otherwise.
     *
     * @param keepAtLeast a length in UTF-16 code units of {@code markdown}, or 0 for no preference
     * @return the longest head that fits and the remaining Markdown. When the whole text fits, the
     *     head is the text and the rest is empty.
     */
    public Split splitFirst(String markdown, int keepAtLeast) {
        CutSearch search = new CutSearch(markdown, format, Math.clamp(keepAtLeast, 0, markdown.length()));
        CutSearch.Cut cut = search.find();
        if (cut.headEnd() == markdown.length()) {
            return new Split(fits(markdown) ? markdown : search.head(cut), "");
        }
        return new Split(search.head(cut), search.rest(cut));
    }

    /**
     * Splits Markdown into the parts of consecutive messages. Parts that would contain only
     * whitespace are left out.
     *
     * @return the parts in order, empty for blank input
     */
    public List<String> split(String markdown) {
        List<String> parts = new ArrayList<>();
        String remaining = markdown;
        while (!remaining.isEmpty()) {
            Split split = splitFirst(remaining);
            if (!split.head().isBlank()) {
                parts.add(split.head());
            }
            remaining = split.rest();
        }
        return parts;
    }

    /**
     * One message's worth of Markdown and what follows it.
     *
     * @param head the Markdown of the first message, with a closing fence line added when the cut
     *     fell inside a code block
     * @param rest the remaining Markdown, or empty when nothing but whitespace remains. It starts
     *     with the fence's opening line again when the cut fell inside a code block.
     */
    public record Split(String head, String rest) {
        public Split {
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(rest, "rest");
        }

        /** Returns whether nothing remains after the head. */
        public boolean isLast() {
            return rest.isEmpty();
        }
    }
}
