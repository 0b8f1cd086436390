package dev.nnj.core.registry;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" for misspelled ids and keys. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * Finds the likely intended word, ignoring case. Close enough means an edit distance of at most
     * a third of the word's length, between 1 and 3.
     *
     * @param word the misspelled id or key
     * @param candidates the known ids or keys
     * @return the candidate closest to {@code word} by edit distance, if it is close enough to be a typo
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /**
     * The suggestion as messages append it.
     *
     * @param word the misspelled id or key
     * @param candidates the known ids or keys
     * @return {@code " Did you mean 'x'?"} or an empty string
     */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> " Did you mean '" + c + "'?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
