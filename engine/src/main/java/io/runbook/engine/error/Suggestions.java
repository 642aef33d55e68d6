package io.runbook.engine.error;

import java.util.Collection;
import java.util.Optional;

/** Finds the nearest known word to a misspelled one, for "did you mean" hints. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate within a small edit distance, if any. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(word.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance || d == bestDistance && better(word, candidate, best)) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        boolean prefix = best != null && word.length() >= 3 && best.startsWith(word);
        return best != null && (bestDistance <= allowed || prefix) ? Optional.of(best) : Optional.empty();
    }

    /**
     * Breaks a tie the same way every time (candidates often come from an unordered set): a word that only
     * lost letters ('taks' in 'tasks') beats a substitution ('tags'), then alphabetical order.
     */
    private static boolean better(String word, String candidate, String current) {
        boolean mine = isSubsequence(word.toLowerCase(), candidate.toLowerCase());
        boolean theirs = isSubsequence(word.toLowerCase(), current.toLowerCase());
        return mine != theirs ? mine : candidate.compareTo(current) < 0;
    }

    private static boolean isSubsequence(String word, String candidate) {
        int i = 0;
        for (int j = 0; j < candidate.length() && i < word.length(); j++) {
            if (word.charAt(i) == candidate.charAt(j)) {
                i++;
            }
        }
        return i == word.length();
    }

    /** A "did you mean 'x'?" hint, or null. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(s -> "did you mean '" + s + "'?").orElse(null);
    }

    /** Edit distance where swapping two neighbouring letters (the commonest typo: 'debgu') costs one. */
    static int distance(String a, String b) {
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
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
