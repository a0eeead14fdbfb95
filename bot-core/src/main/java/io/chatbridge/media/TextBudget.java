package io.chatbridge.media;

import io.chatbridge.conversation.TokenCounter;

/** Cuts text to a number of tokens at a code point boundary. Thread-safe. */
final class TextBudget {

    /**
     * Prefixes longer than this many characters per allowed token are not searched. Ordinary text
     * has far fewer per token, and text with unusually long tokens (long runs of one character)
     * is only cut shorter than it had to be.
     */
    private static final int MAX_CHARS_PER_TOKEN = 16;

    private TextBudget() {}

    /** Returns the longest prefix of {@code text} with at most {@code maxTokens} tokens. */
    static String cut(TokenCounter counter, String text, int maxTokens) {
        if (maxTokens <= 0) {
            return "";
        }
        int upper = (int) Math.min(text.length(), (long) maxTokens * MAX_CHARS_PER_TOKEN);
        if (upper == text.length() && counter.count(text) <= maxTokens) {
            return text;
        }
        // Binary search for the longest prefix within the budget; counting is monotonic in length
        // up to a token or two, which a one-token margin absorbs.
        int low = 0;
        int high = upper;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (counter.count(text.substring(0, boundary(text, middle))) <= maxTokens - 1) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return text.substring(0, boundary(text, low));
    }

    private static int boundary(String text, int index) {
        return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
    }
}
