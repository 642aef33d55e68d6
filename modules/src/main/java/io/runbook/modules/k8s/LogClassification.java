package io.runbook.modules.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sorts log lines into {@link LogCategory categories}: counts and a few example lines (masked) per
 * category, and whether any line matched the healthy patterns.
 */
public final class LogClassification {
    private final List<LogCategory> categories;
    private final List<Pattern> healthy;
    private final int examplesPerCategory;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();
    private int lines;
    private int healthyLines;

    public LogClassification(List<LogCategory> categories, List<Pattern> healthy, int examplesPerCategory) {
        this.categories = List.copyOf(categories);
        this.healthy = List.copyOf(healthy);
        this.examplesPerCategory = examplesPerCategory;
    }

    /** Classifies one line; {@code source} (such as {@code edge-7f9c/edge}) prefixes the example. */
    public void add(String source, String line) {
        lines++;
        if (healthy.stream().anyMatch(p -> p.matcher(line).find())) {
            healthyLines++;
        }
        for (LogCategory c : categories) {
            if (c.matches(line)) {
                counts.merge(c.name(), 1, Integer::sum);
                List<String> list = examples.computeIfAbsent(c.name(), k -> new ArrayList<>());
                if (list.size() < examplesPerCategory) {
                    list.add((source == null ? "" : source + ": ") + LineMask.mask(line.strip()));
                }
                return;
            }
        }
    }

    public int lines() {
        return lines;
    }

    public int matched() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int healthyLines() {
        return healthyLines;
    }

    /** The categories that matched, in the order they are declared (the first is the most specific). */
    public List<LogCategory> found() {
        // a category may be listed twice (specific patterns early, generic ones late): report it once
        java.util.Set<String> seen = new java.util.HashSet<>();
        return categories.stream().filter(c -> counts.containsKey(c.name()) && seen.add(c.name())).toList();
    }

    public int count(String category) {
        return counts.getOrDefault(category, 0);
    }

    /** The result form: per matched category its count, examples and remedy. */
    public Map<String, Object> asResult() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (LogCategory c : found()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("count", counts.get(c.name()));
            entry.put("examples", List.copyOf(examples.get(c.name())));
            if (c.remedy() != null) {
                entry.put("remedy", c.remedy());
            }
            out.put(c.name(), entry);
        }
        return out;
    }

    /** One line for a failure: which categories, how many lines, one example, and the first remedy. */
    public String failureMessage(String where) {
        List<String> parts = new ArrayList<>();
        found().forEach(c -> parts.add(c.name() + " (" + counts.get(c.name()) + " lines)"));
        LogCategory first = found().get(0);
        String example = examples.get(first.name()).get(0);
        return where + " show " + String.join(", ", parts) + ", e.g. " + example
                + (first.remedy() == null ? "" : " — remedy: " + first.remedy());
    }
}
