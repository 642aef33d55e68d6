package io.runbook.engine.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Each secret, with the pattern that finds it as a word of its own, or {@link #ANYWHERE}. */
    private final Map<String, Pattern> secrets = new ConcurrentHashMap<>();

    public void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            secrets.putIfAbsent(secret, wordPattern(secret));
            String escaped = Json.escape(secret);
            if (!escaped.equals(secret)) {
                secrets.putIfAbsent(escaped, ANYWHERE);
            }
        }
    }

    /** The secrets known so far (for the run journal, which seals them so a resumed run masks them too). */
    public List<String> known() {
        return List.copyOf(secrets.keySet());
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        // longest first, so a secret that contains another is masked whole
        List<Map.Entry<String, Pattern>> ordered = secrets.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Pattern> e) -> e.getKey().length()).reversed()).toList();
        for (Map.Entry<String, Pattern> s : ordered) {
            if (out.contains(s.getKey())) {
                out = s.getValue() == ANYWHERE ? out.replace(s.getKey(), MASK)
                        : s.getValue().matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
            }
        }
        return out;
    }

    private static Pattern wordPattern(String secret) {
        if (secret.length() >= WORD_LENGTH || !WORD_LIKE.matcher(secret).matches()) {
            return ANYWHERE;
        }
        return Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])");
    }
}
