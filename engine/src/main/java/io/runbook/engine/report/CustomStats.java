package io.runbook.engine.report;

import io.runbook.engine.vars.HashBehaviour;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The custom statistics set_stats records, gathered as Ansible's strategy gathers them from each ok or changed result's
 * {@code ansible_stats} (per host, or for the run), and the lines the default callback shows them with after the recap
 * ({@code show_custom_stats}).
 */
public final class CustomStats {
    private static final String RUN = "_run";
    private final Map<String, Map<String, Object>> custom = new TreeMap<>();

    /** A result's ansible_stats, when it has them: data set or, with aggregate, added to what is there (Python's +). */
    public void add(String host, Map<String, Object> result) {
        if (!(result.get("ansible_stats") instanceof Map<?, ?> stats) || !(stats.get("data") instanceof Map<?, ?> data)) {
            return;
        }
        boolean aggregate = Boolean.TRUE.equals(stats.get("aggregate"));
        Map<String, Object> of = custom.computeIfAbsent(Boolean.TRUE.equals(stats.get("per_host")) ? host : RUN,
                h -> new TreeMap<>());
        data.forEach((k, v) -> {
            Object before = of.get(String.valueOf(k));
            of.put(String.valueOf(k), aggregate && before != null ? added(before, v) : v);
        });
    }

    /** Ansible's update_custom_stats: values of another type left as they were, maps merged, others added. */
    private static Object added(Object before, Object v) {
        if (before instanceof Map<?, ?> && v instanceof Map<?, ?>) {
            return HashBehaviour.merge(before, v);
        }
        if (before instanceof List<?> a && v instanceof List<?> b) {
            List<Object> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
        if (before instanceof String a && v instanceof String b) {
            return a + b;
        }
        if (before instanceof Double a && v instanceof Double b) {
            return a + b;
        }
        boolean whole = (before instanceof Integer || before instanceof Long) && (v instanceof Integer || v instanceof Long);
        return whole ? (Object) (((Number) before).longValue() + ((Number) v).longValue()) : before;
    }

    boolean isEmpty() {
        return custom.isEmpty();
    }

    /**
     * The lines after the {@code CUSTOM STATS:} banner, as Ansible's callback writes them: a tab, each host's stats
     * (sorted) dumped as JSON indented by one with its line breaks taken out, then the run's after an empty line, then
     * an empty line; as the callback's result format dumps them ({@link ResultFormat#stats}).
     */
    List<String> lines(ResultFormat format, Redactor redactor) {
        List<String> lines = new ArrayList<>();
        custom.forEach((host, stats) -> {
            if (!host.equals(RUN)) {
                lines.add("\t" + host + ": " + format.stats(stats, redactor));
            }
        });
        if (custom.containsKey(RUN)) {
            lines.add("");
            lines.add("\tRUN: " + format.stats(custom.get(RUN), redactor));
        }
        lines.add("");
        return lines;
    }

    /** The statistics per host, the run's ({@code set_stats} without per_host) under {@code _run}, as Ansible's. */
    public synchronized Map<String, Map<String, Object>> values() {
        return new TreeMap<>(custom);
    }
}
