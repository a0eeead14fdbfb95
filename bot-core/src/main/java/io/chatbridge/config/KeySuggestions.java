package io.chatbridge.config;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Finds the known name that a mistyped key or variable name was most likely meant to be. */
final class KeySuggestions {

    /** Typos further apart than this are more likely a different name than a slip. */
    private static final int MAX_EDITS = 2;

    private KeySuggestions() {}

    /**
     * Returns the candidate closest to {@code name}, or null when none is close. A candidate
     * that differs only in case, {@code _} or {@code -} (such as {@code apiKey} for
     * {@code api_key}) wins. Otherwise the one with the fewest edits wins, if there are at most
     * two and fewer than a third of the name's length.
     */
    static @Nullable String closest(String name, Collection<String> candidates) {
        String normalized = normalize(name);
        for (String candidate : candidates) {
            if (normalize(candidate).equals(normalized)) {
                return candidate;
            }
        }

        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.min(MAX_EDITS, Math.max(1, (name.length() - 1) / 3));
        for (String candidate : candidates) {
            int distance = editDistance(normalized, normalize(candidate));
            if (distance <= limit && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Returns the optimal string alignment distance, which counts a swap of neighbours as one edit. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                boolean swapped = i > 1 && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1);
                if (swapped) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
