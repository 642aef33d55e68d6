package io.runbook.modules.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Client-side apply as kubernetes.core's {@code k8s} with {@code apply: true} does it (kubectl's older apply): the
 * declared object is kept in the {@code kubectl.kubernetes.io/last-applied-configuration} annotation, and a later
 * apply sends a merge patch of what the user removed since (from that annotation) and what differs from the live
 * object. Lists are replaced whole (kubernetes.core merges a few pod-spec lists by key; the engine does not).
 */
final class LastApplied {
    private static final ObjectMapper SORTED = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private LastApplied() {
    }

    /** The object with its own compact JSON as its last-applied annotation. */
    static Map<String, Object> annotated(Map<String, Object> desired) {
        return PredictedMerge.merged(desired, annotation(desired));
    }

    /** The merge patch that applies {@code desired} over {@code live}; empty when nothing would change. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> patch(Map<String, Object> live, Map<String, Object> desired) {
        Object text = live.get("metadata") instanceof Map<?, ?> m && m.get("annotations") instanceof Map<?, ?> a
                ? a.get(SecretMask.LAST_APPLIED) : null;
        Map<String, Object> annotatedDesired = annotated(desired);
        if (text == null) {
            return delta(Map.of(), live, annotatedDesired);
        }
        Map<String, Object> last;
        try {
            last = SORTED.readValue(String.valueOf(text), Map.class);
        } catch (JsonProcessingException e) {
            last = Map.of();
        }
        Map<String, Object> annotatedLast = annotated(last);
        return PredictedMerge.merged(deletions(annotatedLast, annotatedDesired), delta(annotatedLast, live, annotatedDesired));
    }

    private static Map<String, Object> annotation(Map<String, Object> desired) {
        String json;
        try {
            json = SORTED.writeValueAsString(desired);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the last-applied annotation: " + e.getOriginalMessage());
        }
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(SecretMask.LAST_APPLIED, json);
        return Map.of("metadata", Map.of("annotations", annotations));
    }

    /** What was applied last and is no longer declared (or declared differently): null deletes it in a merge patch. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> deletions(Map<String, Object> last, Map<String, Object> desired) {
        Map<String, Object> patch = new LinkedHashMap<>();
        last.forEach((key, was) -> {
            Object now = desired.get(key);
            if (was instanceof Map<?, ?> w && now instanceof Map<?, ?> n) {
                Map<String, Object> inner = deletions((Map<String, Object>) w, (Map<String, Object>) n);
                if (!inner.isEmpty()) {
                    patch.put(key, inner);
                }
            } else if (!Objects.equals(was, now)) {
                patch.put(key, now);
            }
        });
        return patch;
    }

    /** What is declared and differs from the live object. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> delta(Map<String, Object> last, Map<String, Object> live, Map<String, Object> desired) {
        Map<String, Object> patch = new LinkedHashMap<>();
        desired.forEach((key, want) -> {
            Object have = live.get(key);
            if (have == null) {
                patch.put(key, want);
            } else if (want instanceof Map<?, ?> w && have instanceof Map<?, ?> h) {
                Object lastValue = last.get(key);
                Map<String, Object> inner = delta(lastValue instanceof Map<?, ?> l ? (Map<String, Object>) l : Map.of(),
                        (Map<String, Object>) h, (Map<String, Object>) w);
                if (!inner.isEmpty()) {
                    patch.put(key, inner);
                }
            } else if (!Objects.equals(want, have)) {
                patch.put(key, want);
            }
        });
        return patch;
    }
}
