package io.runbook.engine.report;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Masks every value registered as secret (vault values, secret module arguments, Secret data, TSIG keys)
 * in text about to leave the engine. Sits in front of every sink: console, event log, reports.
 */
public final class Redactor {
    public static final String MASK = "********";
    private static final int MIN_LENGTH = 3;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    public void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            secrets.add(secret);
            String escaped = Json.escape(secret);
            if (!escaped.equals(secret)) {
                secrets.add(escaped);
            }
        }
    }

    /** The secrets known so far (for the run journal, which seals them so a resumed run masks them too). */
    public List<String> known() {
        return List.copyOf(secrets);
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        // longest first, so a secret that contains another is masked whole
        List<String> ordered = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String s : ordered) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }
}
