package io.runbook.modules.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of what {@code wait_pods} waits for: the matching pods (terminating ones left out) and the
 * named workloads, each with its readiness verdict; says whether the wait is over and how to report it.
 */
record PodCensus(List<Entry> pods, List<Entry> workloads, List<String> missingWorkloads) {
    /** One pod or workload: name, short name, and its readiness verdict. */
    record Entry(String kind, String name, String shortName, Readiness.Verdict verdict) {
    }

    static PodCensus of(List<Map<String, Object>> pods, List<Map<String, Object>> workloads, List<String> missingWorkloads) {
        List<Entry> p = new ArrayList<>();
        for (Map<String, Object> pod : pods) {
            if (FieldPath.read(pod, "metadata.deletionTimestamp").isPresent()) {
                continue;
            }
            p.add(new Entry("Pod", name(pod), PodDiagnosis.shortName(pod), PodDiagnosis.verdict(pod)));
        }
        p.sort(java.util.Comparator.comparing(Entry::name));
        List<Entry> w = new ArrayList<>();
        for (Map<String, Object> workload : workloads) {
            w.add(new Entry(String.valueOf(workload.get("kind")), name(workload), name(workload), Readiness.of(workload)));
        }
        return new PodCensus(List.copyOf(p), List.copyOf(w), List.copyOf(missingWorkloads));
    }

    int total() {
        return pods.size();
    }

    int ready() {
        return (int) pods.stream().filter(e -> e.verdict().ready()).count();
    }

    /** Whether the wait is over: named workloads ready and the pods satisfy min_ready / expected / all ready. */
    boolean satisfied(Integer minReady, Integer expected, boolean podsCount) {
        if (!missingWorkloads.isEmpty() || workloads.stream().anyMatch(e -> !e.verdict().ready())) {
            return false;
        }
        if (!podsCount) {
            return true;
        }
        if (minReady != null) {
            return ready() >= minReady;
        }
        if (expected != null) {
            return total() == expected && ready() == expected;
        }
        return total() > 0 && ready() == total();
    }

    /** Nothing to wait for at all: no pods match and no named workload exists. */
    boolean nothingMatches(boolean podsCount) {
        return (podsCount ? pods.isEmpty() : true) && workloads.isEmpty();
    }

    /** {@code tsb: 9/14 ready (37 s) — waiting: central, oap, web}. */
    String progress(String namespace, long seconds) {
        Set<String> waiting = new LinkedHashSet<>(missingWorkloads);
        workloads.stream().filter(e -> !e.verdict().ready()).forEach(e -> waiting.add(e.shortName()));
        pods.stream().filter(e -> !e.verdict().ready()).forEach(e -> waiting.add(e.shortName()));
        String line = namespace + ": " + ready() + "/" + total() + " ready (" + seconds + " s)";
        return waiting.isEmpty() ? line : line + " — waiting: " + String.join(", ", waiting);
    }

    /** Each workload and pod that is not ready, and why, one per entry. */
    List<String> unreadyReport() {
        return unreadyReport(Map.of());
    }

    /** As {@link #unreadyReport()}, adding each pod's latest Warning event when it says more than the status does. */
    List<String> unreadyReport(Map<String, String> warningsByPod) {
        List<String> out = new ArrayList<>();
        missingWorkloads.forEach(m -> out.add(m + ": does not exist"));
        workloads.stream().filter(e -> !e.verdict().ready()).forEach(e -> out.add(e.kind() + " " + e.name() + ": " + e.verdict().reason()));
        for (Entry e : pods) {
            if (!e.verdict().ready()) {
                String warning = warningsByPod.get(e.name());
                String extra = warning == null || e.verdict().reason().contains(warning.substring(warning.indexOf(": ") + 2)) ? "" : "; last warning: " + warning;
                out.add(e.name() + ": " + e.verdict().reason() + extra);
            }
        }
        return out;
    }

    /** The names of the pods that are not ready. */
    Set<String> unreadyPods() {
        Set<String> names = new LinkedHashSet<>();
        pods.stream().filter(e -> !e.verdict().ready()).forEach(e -> names.add(e.name()));
        return names;
    }

    /** The per-pod result rows. */
    List<Map<String, Object>> podRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Entry e : pods) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", e.name());
            row.put("ready", e.verdict().ready());
            if (!e.verdict().ready()) {
                row.put("reason", e.verdict().reason());
            }
            rows.add(row);
        }
        return rows;
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(FieldPath.read(object, "metadata.name").orElse("?"));
    }
}
