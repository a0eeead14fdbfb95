package io.chatbridge.reply;

import java.util.Arrays;

/**
 * Marks where inline Markdown markup sits in one line: code spans, links, and bold, italic and
 * strikethrough pairs. A cut inside one would leave both halves with an unmatched marker, which
 * renders as literal asterisks or brackets.
 *
 * <p>The pairing is simpler than CommonMark's: markers of one kind pair up in order of appearance.
 * It only steers the choice between cut points, so a wrong guess costs looks, never correctness.
 */
final class InlineSpans {

    private InlineSpans() {
    }

    /**
     * Returns, for each position in {@code [from, to)}, whether a cut there falls strictly inside a
     * span, that is after its first character and before its end.
     */
    static boolean[] insideMask(String text, int from, int to) {
        boolean[] inside = new boolean[to - from];
        boolean[] code = markCodeSpans(text, from, to, inside);
        markLinks(text, from, to, code, inside);
        markDelimiterPairs(text, from, to, '*', code, inside);
        markDelimiterPairs(text, from, to, '_', code, inside);
        markDelimiterPairs(text, from, to, '~', code, inside);
        return inside;
    }

    /** Marks code spans in {@code inside} and returns the mask of their characters alone. */
    private static boolean[] markCodeSpans(String text, int from, int to, boolean[] inside) {
        boolean[] code = new boolean[to - from];
        int i = from;
        while (i < to) {
            if (text.charAt(i) != '`') {
                i++;
                continue;
            }

            int run = runLength(text, i, to, '`');
            int close = findRun(text, i + run, to, '`', run);
            if (close < 0) {
                i += run;
                continue;
            }
            int end = close + run;
            mark(inside, from, i, end);
            Arrays.fill(code, i - from, end - from, true);
            i = end;
        }
        return code;
    }

    private static void markLinks(String text, int from, int to, boolean[] code, boolean[] inside) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '[' || code[i - from]) {
                continue;
            }

            int closeBracket = text.indexOf("](", i + 1);
            if (closeBracket < 0 || closeBracket >= to) {
                return;
            }
            int closeParen = text.indexOf(')', closeBracket + 2);
            if (closeParen < 0 || closeParen >= to) {
                return;
            }
            mark(inside, from, i, closeParen + 1);
            i = closeParen;
        }
    }

    private static void markDelimiterPairs(String text, int from, int to, char marker, boolean[] code,
            boolean[] inside) {
        // The start of an open run of each length class: 1, 2, and 3 or more markers.
        int[] openAt = {-1, -1, -1};
        int i = from;
        while (i < to) {
            if (text.charAt(i) != marker || code[i - from]) {
                i++;
                continue;
            }

            int run = runLength(text, i, to, marker);
            if (isDelimiter(text, i, run, marker)) {
                int lengthClass = Math.min(run, 3) - 1;
                if (openAt[lengthClass] < 0) {
                    openAt[lengthClass] = i;
                } else {
                    mark(inside, from, openAt[lengthClass], i + run);
                    openAt[lengthClass] = -1;
                }
            }
            i += run;
        }
    }

    /** Returns false for a list bullet, a lone tilde and a snake_case underscore, which are text. */
    private static boolean isDelimiter(String text, int start, int run, char marker) {
        int end = start + run;
        boolean spaceBefore = start == 0 || Character.isWhitespace(text.charAt(start - 1));
        boolean spaceAfter = end >= text.length() || Character.isWhitespace(text.charAt(end));
        if (spaceBefore && spaceAfter) {
            return false;
        }
        if (marker == '~') {
            return run == 2;
        }
        if (marker == '_') {
            boolean wordBefore = start > 0 && Character.isLetterOrDigit(text.charAt(start - 1));
            boolean wordAfter = end < text.length() && Character.isLetterOrDigit(text.charAt(end));
            return !(wordBefore && wordAfter);
        }
        return true;
    }

    /** Marks the cut positions strictly inside {@code [start, end)}. */
    private static void mark(boolean[] mask, int offset, int start, int end) {
        for (int p = Math.max(start + 1, offset); p < end && p - offset < mask.length; p++) {
            mask[p - offset] = true;
        }
    }

    private static int runLength(String text, int start, int to, char c) {
        int i = start;
        while (i < to && text.charAt(i) == c) {
            i++;
        }
        return i - start;
    }

    /** Returns the start of the next run of exactly {@code length} markers, or -1. */
    private static int findRun(String text, int from, int to, char c, int length) {
        int i = from;
        while (i < to) {
            if (text.charAt(i) != c) {
                i++;
                continue;
            }
            int run = runLength(text, i, to, c);
            if (run == length) {
                return i;
            }
            i += run;
        }
        return -1;
    }
}
