package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;

/**
 * The lookups that combine lists, as Ansible's {@code nested}, {@code together} and {@code random_choice} make them:
 * for their {@code with_*} loops and for {@code lookup()}/{@code query()} alike.
 */
public final class ListLookups {
    private ListLookups() {
    }

    /** A term that is a list, or one that is not as a list of it alone (none for null). */
    public static List<Object> asList(Object term) {
        if (term instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        List<Object> one = new ArrayList<>();
        if (term != null) {
            one.add(term);
        }
        return one;
    }

    /** Every combination of one element of each term, in order ({@code with_nested}); none without terms. */
    public static List<Object> nested(List<Object> terms) {
        List<Object> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (Object term : terms) {
            List<Object> next = new ArrayList<>();
            for (Object prefix : out) {
                for (Object x : asList(term)) {
                    List<Object> combined = new ArrayList<>((List<?>) prefix);
                    combined.add(x);
                    next.add(combined);
                }
            }
            out = next;
        }
        return terms.isEmpty() ? List.of() : out;
    }

    /**
     * The terms' elements side by side ({@code with_together}), as long as the longest, the shorter filled with None;
     * null without terms (Ansible's plugin refuses that).
     */
    public static List<Object> together(List<Object> terms) {
        if (terms.isEmpty()) {
            return null;
        }
        int longest = terms.stream().mapToInt(t -> asList(t).size()).max().orElse(0);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < longest; i++) {
            List<Object> row = new ArrayList<>();
            for (Object term : terms) {
                List<Object> l = asList(term);
                row.add(i < l.size() ? l.get(i) : null);
            }
            out.add(row);
        }
        return out;
    }

    /** One of the terms, chosen at random ({@code with_random_choice}); none without terms. */
    public static List<Object> randomChoice(List<Object> terms) {
        if (terms.isEmpty()) {
            return List.of();
        }
        List<Object> one = new ArrayList<>();
        one.add(terms.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(terms.size())));
        return one;
    }
}
