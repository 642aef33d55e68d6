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
    void shownObjectsHaveNoManagedFields() {
        Map<?, ?> metadata = (Map<?, ?>) ChangeDetection.shown(cm("a", "1", 1)).get("metadata");
        assertEquals(false, metadata.containsKey("managedFields"));
    }
}
