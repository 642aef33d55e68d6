package io.runbook.engine.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks every value registered as secret (vault values, secret module arguments, Secret data, TSIG keys)
 * in text about to leave the engine. Sits in front of every sink: console, event log, reports.
 *
 * <p>A secret that looks like an ordinary word (letters and digits only, shorter than
 * {@value #WORD_LENGTH} characters) is masked where it stands as a word of its own, never inside a longer
 * word: a password {@code admin1} hides {@code admin1} in {@code user=admin1} or {@code admin1-token}, but
 * {@code admin123} stays readable (masking part of it would garble the text and hint at the secret). Other
 * secrets are masked wherever they occur.
 */
public final class Redactor {
    public static final String MASK = "********";
    private static final int MIN_LENGTH = 3;
    /** Secrets of letters and digits shorter than this are matched as whole words only. */
    static final int WORD_LENGTH = 12;
    private static final Pattern WORD_LIKE = Pattern.compile("[A-Za-z0-9]+");
    /** Marks a secret that is masked wherever it occurs (plain text replacement, no pattern). */
    private static final Pattern ANYWHERE = Pattern.compile("");
    /** Up to this many secrets, a text is searched for each (as quick as one pass over it). */
    private static final int FEW = 8;
    /** Bits of the hash of a secret's first three characters in {@link #starts}. */
    private static final int START_BITS = 20;
    /** Each secret, with the pattern that finds it as a word of its own, or {@link #ANYWHERE}. */
    private final Map<String, Pattern> secrets = new ConcurrentHashMap<>();
    /** The secrets in the order they were learnt (for {@link #knownSince}). */
    private final List<String> order = new ArrayList<>();
    /**
     * Which secrets a text may hold is found in one pass over it, not one search per secret (a run over a thousand
     * clusters learns thousands of tokens, and every line it writes was searched for each): the secrets by their first
     * three characters, and a bit per hash of three characters that starts one (most places of a text start none).
     */
    private final Map<Long, List<String>> byStart = new ConcurrentHashMap<>();
    private final AtomicLongArray starts = new AtomicLongArray(1 << (START_BITS - 6));
    /** Secrets with a {@code *}: a mask put in the text may complete one, so they are searched for after each mask. */
    private final Set<String> starred = ConcurrentHashMap.newKeySet();

    public void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            learn(secret, wordPattern(secret));
            String escaped = Json.escape(secret);
            if (!escaped.equals(secret)) {
                learn(escaped, ANYWHERE);
            }
        }
    }

    private void learn(String secret, Pattern pattern) {
        if (secrets.containsKey(secret)) {
            return;
        }
        // indexed before it is known, so that no text is searched without it once add returned
        if (secret.indexOf('*') >= 0) {
            starred.add(secret);
        }
        long key = key(secret, 0);
        byStart.compute(key, (k, list) -> {
            List<String> l = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
            if (!l.contains(secret)) {
                l.add(secret);
            }
            return List.copyOf(l);
        });
        int bit = bit(key);
        starts.accumulateAndGet(bit >>> 6, 1L << (bit & 63), (a, b) -> a | b);
        if (secrets.putIfAbsent(secret, pattern) == null) {
            synchronized (order) {
                order.add(secret);
            }
        }
    }

    /** The secrets known so far (for the run journal, which seals them so a resumed run masks them too). */
    public List<String> known() {
        synchronized (order) {
            return List.copyOf(order);
        }
    }

    /** The secrets learnt after the first {@code from} of them ({@link #known} in the order learnt); {@code from} as given. */
    public List<String> knownSince(int from) {
        synchronized (order) {
            return from >= order.size() ? List.of() : List.copyOf(order.subList(from, order.size()));
        }
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        List<String> found = occurring(text);
        if (found.isEmpty()) {
            return text;
        }
        String out = text;
        // longest first, so a secret that contains another is masked whole
        found.sort(Comparator.comparingInt(String::length).reversed());
        for (String s : found) {
            Pattern p = secrets.get(s);
            if (p != null && out.contains(s)) {
                out = p == ANYWHERE ? out.replace(s, MASK) : p.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
            }
        }
        return out;
    }

    /**
     * The secrets that occur in {@code text}, and those with a {@code *} (masking may make one occur). Masking
     * replaces a secret by {@link #MASK}, so it cannot make any other secret occur that has no {@code *}.
     */
    private List<String> occurring(String text) {
        List<String> found = new ArrayList<>();
        if (secrets.size() <= FEW) {
            for (String s : secrets.keySet()) {
                if (text.contains(s) || starred.contains(s)) {
                    found.add(s);
                }
            }
            return found;
        }
        for (int i = 0, last = text.length() - MIN_LENGTH; i <= last; i++) {
            long key = key(text, i);
            int bit = bit(key);
            if ((starts.get(bit >>> 6) & (1L << (bit & 63))) == 0) {
                continue;
            }
            List<String> candidates = byStart.get(key);
            if (candidates != null) {
                for (String s : candidates) {
                    if (text.startsWith(s, i) && !found.contains(s)) {
                        found.add(s);
                    }
                }
            }
        }
        for (String s : starred) {
            if (!found.contains(s)) {
                found.add(s);
            }
        }
        return found;
    }

    private static long key(String s, int at) {
        return (long) s.charAt(at) << 32 | (long) s.charAt(at + 1) << 16 | s.charAt(at + 2);
    }

    private static int bit(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> (64 - START_BITS));
    }

    private static Pattern wordPattern(String secret) {
        if (secret.length() >= WORD_LENGTH || !WORD_LIKE.matcher(secret).matches()) {
            return ANYWHERE;
        }
        return Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])");
    }
}
