package io.runbook.engine.vars;

import io.runbook.engine.error.Suggestions;
import java.util.Collection;

/**
 * "Did you mean" for variable, filter and test names: two swapped neighbouring letters first ({@code nmae} →
 * {@code name}, the commonest typo, which plain edit distance counts as two edits), then {@link Suggestions}.
 */
final class Spelling {
    private Spelling() {
    }

    static String didYouMean(String word, Collection<String> candidates) {
        for (String candidate : candidates) {
            if (swappedNeighbours(word, candidate)) {
                return "did you mean '" + candidate + "'?";
            }
        }
        return Suggestions.didYouMean(word, candidates);
    }

    private static boolean swappedNeighbours(String a, String b) {
        if (a.length() != b.length() || a.equals(b)) {
            return false;
        }
        int first = 0;
        while (a.charAt(first) == b.charAt(first)) {
            first++;
        }
        return first + 1 < a.length()
                && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                && a.substring(first + 2).equals(b.substring(first + 2));
    }
}
