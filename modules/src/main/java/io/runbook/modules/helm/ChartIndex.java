package io.runbook.modules.helm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A chart repository's {@code index.yaml} as Helm loads it ({@code repo.LoadIndexFile}): scalars as written, entries
 * whose version is not semver left out, each chart's versions newest first; and {@code IndexFile.Get}'s choice of a
 * version for a {@code --version} constraint.
 */
final class ChartIndex {
    private static final LoadSettings INDEX_YAML = LocalChart.textScalars("index.yaml");

    /** One version of a chart in the index: its version as written and its download URLs (maybe relative). */
    record Entry(String name, ChartVersion version, List<String> urls) {
    }

    /** Why no version was chosen, in Helm's words. */
    static final class NotFound extends Exception {
        NotFound(String message) {
            super(message);
        }
    }

    private final Map<?, ?> entries;

    private ChartIndex(Map<?, ?> entries) {
        this.entries = entries;
    }

    /** Reads the index; an {@link IllegalArgumentException} with Helm's words when it is not one. */
    static ChartIndex parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty index.yaml file");
        }
        Object doc;
        try {
            doc = new Load(INDEX_YAML).loadFromString(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("error converting YAML to JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(doc instanceof Map<?, ?> root) || root.get("apiVersion") == null || String.valueOf(root.get("apiVersion")).isEmpty()) {
            throw new IllegalArgumentException("no API version specified");
        }
        return new ChartIndex(root.get("entries") instanceof Map<?, ?> e ? e : Map.of());
    }

    /** The chart's versions in the index, newest first (those that are not semver left out, as Helm skips them). */
    List<Entry> versions(String chart) {
        List<Entry> out = new ArrayList<>();
        if (entries.get(chart) instanceof List<?> list) {
            for (Object item : list) {
                ChartVersion v = item instanceof Map<?, ?> m && m.get("version") != null ? ChartVersion.parse(String.valueOf(m.get("version"))) : null;
                if (v != null) {
                    Map<?, ?> m = (Map<?, ?>) item;
                    List<String> urls = m.get("urls") instanceof List<?> u ? u.stream().map(String::valueOf).toList() : List.of();
                    out.add(new Entry(chart, v, urls));
                }
            }
        }
        out.sort(Comparator.comparing(Entry::version).reversed());
        return out;
    }

    /**
     * The version {@code helm pull --version CONSTRAINT} takes: the one written exactly as {@code constraint}, else the
     * newest that satisfies it; with no constraint ({@code null} or empty) the newest stable version.
     */
    Entry get(String chart, String constraint) throws NotFound {
        if (!entries.containsKey(chart)) {
            throw new NotFound("no chart name found");
        }
        List<Entry> versions = versions(chart);
        if (versions.isEmpty()) {
            throw new NotFound("no chart version found");
        }
        boolean any = constraint == null || constraint.isEmpty();
        VersionConstraint wanted;
        try {
            wanted = VersionConstraint.parse(any ? "*" : constraint);
        } catch (IllegalArgumentException e) {
            throw new NotFound(e.getMessage());
        }
        if (!any) {
            for (Entry e : versions) {
                if (e.version().text().equals(constraint)) {
                    return e;
                }
            }
        }
        for (Entry e : versions) {
            if (wanted.matches(e.version())) {
                return e;
            }
        }
        throw new NotFound("no chart version found for " + chart + "-" + (any ? "" : constraint));
    }
}
