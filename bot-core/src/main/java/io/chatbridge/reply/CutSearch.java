package io.chatbridge.reply;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds where to cut one Markdown text so that the head fits one message after rendering, for
 * {@link MessageSplitter}. One instance serves one text. Not thread-safe.
 */
final class CutSearch {

    /** Sentence-ending punctuation that is followed by a space. */
    private static final String SENTENCE_ENDS = ".!?…";
    /** CJK sentence-ending punctuation, after which text goes on without a space. */
    private static final String CJK_SENTENCE_ENDS = "。！？";
    /** CJK clause punctuation, which takes the place of a space as a cut point. */
    private static final String CJK_CLAUSE_ENDS = "，、；：";

    /**
     * A cut: the head is {@code text[0, headEnd)} and the rest starts at {@code restStart}; the
     * whitespace in between is dropped.
     */
    record Cut(int headEnd, int restStart) {
    }

    private final String text;
    private final ReplyFormat format;
    private final GraphemeBoundaries graphemes;
    /** The smallest head end that still makes progress: past a leading opening fence line and one grapheme. */
    private final int minEnd;
    /** The head end from which cuts are preferred, such as the length of the text already shown. */
    private final int keepAtLeast;

    CutSearch(String text, ReplyFormat format, int keepAtLeast) {
        this.text = text;
        this.format = format;
        this.keepAtLeast = keepAtLeast;
        this.graphemes = new GraphemeBoundaries(text);
        this.minEnd = graphemes.next(contentStart(text));
    }

    /** Returns the cut to use; its head end is the text's length when the whole text fits. */
    Cut find() {
        int limit = longestFittingEnd();
        Cut atLimit = new Cut(limit, limit);
        if (limit == text.length() || !fits(atLimit)) {
            return atLimit;
        }

        Cut preferred = preferredCut(limit);
        return preferred != null && fits(preferred) && !head(preferred).isBlank() ? preferred : atLimit;
    }

    /** Returns the head's Markdown, closing a code block that the cut leaves open. */
    String head(Cut cut) {
        String head = text.substring(0, cut.headEnd());
        Optional<CodeFence> fence = CodeFence.openAt(text, cut.headEnd());
        if (fence.isEmpty()) {
            return head.stripTrailing();
        }
        return stripTrailingNewlines(head) + "\n" + fence.get().closingLine();
    }

    /** Returns the remaining Markdown, reopening a code block that the cut left open. */
    String rest(Cut cut) {
        String rest = text.substring(cut.restStart());
        Optional<CodeFence> fence = CodeFence.openAt(text, cut.headEnd());
        if (fence.isPresent()) {
            rest = reopen(fence.get(), rest);
        }
        return rest.isBlank() ? "" : rest;
    }

    private static String reopen(CodeFence fence, String rest) {
        String remaining = stripLeadingNewlines(rest);
        int lineEnd = remaining.indexOf('\n');
        String firstLine = lineEnd < 0 ? remaining : remaining.substring(0, lineEnd);
        // The head already closed the block, so a rest that starts by closing it needs no empty block.
        if (fence.isClosedBy(firstLine)) {
            return lineEnd < 0 ? "" : remaining.substring(lineEnd + 1);
        }
        return fence.openingLine() + "\n" + rest;
    }

    /**
     * Returns the largest grapheme boundary whose head fits, or {@link #minEnd} when none does.
     * Doubles the candidate length, then halves the gap, so no candidate rendered is much longer
     * than the message limit.
     */
    private int longestFittingEnd() {
        if (!fitsAt(minEnd)) {
            return minEnd;
        }

        int good = minEnd;
        int bad = -1;
        long step = Math.max(1, format.maxLength());
        while (bad < 0) {
            int probe = (int) Math.min(text.length(), good + step);
            if (probe == good) {
                return good;
            }
            if (fitsAt(probe)) {
                good = probe;
                step *= 2;
            } else {
                bad = probe;
            }
        }

        while (bad - good > 1) {
            int middle = (good + bad) >>> 1;
            if (fitsAt(middle)) {
                good = middle;
            } else {
                bad = middle;
            }
        }
        return Math.max(minEnd, graphemes.floor(good));
    }

    private boolean fitsAt(int end) {
        int boundary = Math.max(minEnd, graphemes.floor(end));
        return fits(new Cut(boundary, boundary));
    }

    private boolean fits(Cut cut) {
        return format.render(head(cut)).length() <= format.maxLength();
    }

    /**
     * Returns the best cut between the middle of the head, or the end of the text to keep when that
     * is later, and {@code limit}; null for none. The text to keep is ignored when it no longer fits.
     */
    private @Nullable Cut preferredCut(int limit) {
        int keep = keepAtLeast <= limit ? keepAtLeast : 0;
        int window = Math.max(minEnd, Math.max(limit / 2, keep));
        Cut cut = paragraphCut(limit, window);
        if (cut == null) {
            cut = lineCut(limit, window);
        }
        if (cut == null) {
            cut = new LineCuts(limit, window).find();
        }
        return cut;
    }

    private @Nullable Cut paragraphCut(int limit, int window) {
        for (int i = text.lastIndexOf("\n\n", limit); i >= window; i = text.lastIndexOf("\n\n", i - 1)) {
            if (!endsWithOpeningFence(i)) {
                int restStart = i;
                while (restStart < text.length() && text.charAt(restStart) == '\n') {
                    restStart++;
                }
                return new Cut(i, restStart);
            }
        }
        return null;
    }

    private @Nullable Cut lineCut(int limit, int window) {
        for (int i = text.lastIndexOf('\n', limit); i >= window; i = text.lastIndexOf('\n', i - 1)) {
            if (!endsWithOpeningFence(i)) {
                return new Cut(i, i + 1);
            }
        }
        return null;
    }

    /** Returns whether the line ending at {@code lineEnd} opens a code block, which a cut would leave empty. */
    private boolean endsWithOpeningFence(int lineEnd) {
        int lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
        return CodeFence.parseOpening(text.substring(lineStart, lineEnd)).isPresent()
                && CodeFence.openAt(text, lineEnd).isPresent();
    }

    /** Cut points inside the single line that contains both the window's start and the limit. */
    private final class LineCuts {
        private final int limit;
        private final int window;
        private final int lineStart;
        private final String line;
        private final boolean inCode;
        private final boolean[] insideMarkup;

        LineCuts(int limit, int window) {
            this.limit = limit;
            this.window = window;
            this.lineStart = text.lastIndexOf('\n', limit - 1) + 1;
            int lineEnd = text.indexOf('\n', limit);
            this.line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
            this.inCode = CodeFence.openAt(text, lineStart).isPresent();
            // Code is shown as written, so markers in it pair with nothing.
            this.insideMarkup = inCode ? new boolean[line.length() + 1]
                    : InlineSpans.insideMask(text, lineStart, lineStart + line.length());
        }

        @Nullable Cut find() {
            Cut cut = sentenceCut();
            if (cut == null) {
                cut = spaceCut();
            }
            if (cut == null) {
                cut = beforeMarkupCut();
            }
            return cut;
        }

        private @Nullable Cut sentenceCut() {
            for (int i = limit; i >= window; i--) {
                if (isInsideMarkup(i)) {
                    continue;
                }
                char before = text.charAt(i - 1);
                if (isSpace(i) && SENTENCE_ENDS.indexOf(before) >= 0) {
                    return spaceAt(i);
                }
                if (CJK_SENTENCE_ENDS.indexOf(before) >= 0) {
                    return new Cut(i, i);
                }
            }
            return null;
        }

        private @Nullable Cut spaceCut() {
            for (int i = limit; i >= window; i--) {
                if (isInsideMarkup(i)) {
                    continue;
                }
                if (isSpace(i)) {
                    return spaceAt(i);
                }
                if (CJK_CLAUSE_ENDS.indexOf(text.charAt(i - 1)) >= 0) {
                    return new Cut(i, i);
                }
            }
            return null;
        }

        /**
         * Moves a cut that falls inside inline markup to where the markup starts, and a cut inside a
         * fence line to the start of that line, where either is possible.
         */
        private @Nullable Cut beforeMarkupCut() {
            if (CodeFence.parseOpening(line).isPresent() && lineStart >= minEnd) {
                return new Cut(lineStart, lineStart);
            }

            int start = limit;
            while (start > window && isInsideMarkup(start)) {
                start--;
            }
            if (start == limit || isInsideMarkup(start) || graphemes.floor(start) != start) {
                return null;
            }
            return new Cut(start, start);
        }

        private boolean isInsideMarkup(int index) {
            int offset = index - lineStart;
            return offset >= 0 && offset < insideMarkup.length && insideMarkup[offset];
        }

        private boolean isSpace(int index) {
            char c = text.charAt(index);
            return c == ' ' || c == '\t';
        }

        /** Drops the space at a cut, except in code where the space belongs to the code. */
        private Cut spaceAt(int index) {
            return inCode ? new Cut(index, index) : new Cut(index, index + 1);
        }
    }

    private static int contentStart(String text) {
        int firstNewline = text.indexOf('\n');
        if (firstNewline >= 0 && CodeFence.parseOpening(text.substring(0, firstNewline)).isPresent()) {
            return firstNewline + 1;
        }
        return 0;
    }

    private static String stripTrailingNewlines(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String stripLeadingNewlines(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        return text.substring(start);
    }
}
