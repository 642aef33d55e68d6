package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeDetectionTest {
    static Map<String, Object> cm(String value, String resourceVersion, long generation) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "c", "namespace", "n", "resourceVersion", resourceVersion, "generation", generation,
                        "managedFields", List.of(Map.of("manager", "runbook", "time", resourceVersion))),
                "data", Map.of("k", value), "status", Map.of("observed", resourceVersion));
    }

    @Test
    void noObjectBeforeMeansCreated() {
        assertEquals(ChangeDetection.Action.CREATED, ChangeDetection.ofApply(null, cm("a", "1", 1)));
    }

    @Test
    void serverBookkeepingAloneIsUnchanged() {
        assertEquals(ChangeDetection.Action.UNCHANGED, ChangeDetection.ofApply(cm("a", "1", 1), cm("a", "2", 2)));
    }

    @Test
    void aChangedValueIsConfigured() {
        assertEquals(ChangeDetection.Action.CONFIGURED, ChangeDetection.ofApply(cm("a", "1", 1), cm("b", "1", 1)));
    }

    @Test
    void anApplyThatCreatedDiffersFromNothing() {
        // kubernetes.core's apply with wait: true compares the object it waited for with {} when there was none
        assertEquals(true, ChangeDetection.differs(null, cm("a", "1", 1)));
    }

    @Test
    void kubernetesCoreWarnsOfAWriteThatChangedOnlyTheVersion() {
        Map<String, Object> before = Map.of("kind", "ConfigMap", "metadata", Map.of("name", "c", "resourceVersion", "1"), "data", Map.of("k", "a"));
        Map<String, Object> bumped = Map.of("kind", "ConfigMap", "metadata", Map.of("name", "c", "resourceVersion", "2"), "data", Map.of("k", "a"));
        Map<String, Object> changed = Map.of("kind", "ConfigMap", "metadata", Map.of("name", "c", "resourceVersion", "2"), "data", Map.of("k", "b"));
        assertEquals(true, ChangeDetection.onlyVersionChanged(before, bumped));
        assertEquals(false, ChangeDetection.onlyVersionChanged(before, before), "a write the server did not make");
        assertEquals(false, ChangeDetection.onlyVersionChanged(before, changed), "a change");
        assertEquals(false, ChangeDetection.onlyVersionChanged(null, bumped), "a creation");
    }

    @Test
    void shownObjectsHaveNoManagedFields() {
        Map<?, ?> metadata = (Map<?, ?>) ChangeDetection.shown(cm("a", "1", 1)).get("metadata");
        assertEquals(false, metadata.containsKey("managedFields"));
    }
}
