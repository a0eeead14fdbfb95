package io.chatbridge.reply;

import java.text.BreakIterator;

/**
 * Finds grapheme cluster boundaries in one text, so that a cut never separates an emoji from its
 * modifiers, a ZWJ sequence, a flag's two regional indicators or a letter from its combining marks.
 * Not thread-safe.
 *
 * <p>The JDK's character break iterator follows Unicode's extended grapheme cluster rules since
 * JDK 20. It is given only a prefix of the text that grows as needed, because it may analyse all
 * the text it is given and a long answer is cut near its start many times over.
 */
final class GraphemeBoundaries {

    /**
     * Characters kept past the queried index. A boundary depends on the characters before it and
     * the one after it, so this leaves ample room.
     */
    private static final int LOOKAHEAD = 16;

    private final String text;
    private final BreakIterator iterator = BreakIterator.getCharacterInstance();
    private int windowEnd = -1;

    GraphemeBoundaries(String text) {
        this.text = text;
    }

    /** Returns the largest boundary at or before {@code index}; 0 and the text's length are boundaries. */
    int floor(int index) {
        if (index <= 0 || index >= text.length()) {
            return Math.clamp(index, 0, text.length());
        }

        coverUpTo(index);
        int boundary = iterator.isBoundary(index) ? index : iterator.preceding(index);
        // The break iterator never splits a pair, but a lone surrogate in broken input must not either.
        if (boundary > 0 && Character.isLowSurrogate(text.charAt(boundary))
                && Character.isHighSurrogate(text.charAt(boundary - 1))) {
            boundary--;
        }
        return boundary;
    }

    /** Returns the smallest boundary after {@code index}, or the text's length. */
    int next(int index) {
        if (index >= text.length()) {
            return text.length();
        }

        int from = Math.max(index, 0);
        coverUpTo(from + 1);
        int boundary = iterator.following(from);
        // The end of the window is a boundary only for the iterator, so look further when it is hit.
        while (boundary == windowEnd && windowEnd < text.length()) {
            coverUpTo(windowEnd);
            boundary = iterator.following(from);
        }
        return boundary == BreakIterator.DONE ? text.length() : boundary;
    }

    private void coverUpTo(int index) {
        if (index + LOOKAHEAD <= windowEnd || windowEnd == text.length()) {
            return;
        }
        long newEnd = Math.max(index + LOOKAHEAD, Math.max(windowEnd, 256) * 2L);
        windowEnd = (int) Math.min(text.length(), newEnd);
        iterator.setText(text.substring(0, windowEnd));
    }
}
