package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client-side apply's patch (kubernetes.core's apply: true): removals since the last apply, and what differs from the live object. */
class LastAppliedTest {
    private static Map<String, Object> configMap(Map<String, Object> data) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", "ConfigMap");
        object.put("metadata", new LinkedHashMap<>(Map.of("name", "endpoints", "namespace", "dr")));
        object.put("data", new LinkedHashMap<>(data));
        return object;
    }

    @Test
    void theSameDeclarationAgainPatchesNothing() {
        Map<String, Object> declared = configMap(Map.of("primary", "db-0"));
        Map<String, Object> live = LastApplied.annotated(declared);
        assertEquals(Map.of(), LastApplied.patch(live, declared));
    }

    @Test
    void aKeyRemovedSinceTheLastApplyIsDeletedAndAChangedOneSet() {
        Map<String, Object> live = LastApplied.annotated(configMap(Map.of("primary", "db-0", "standby", "db-1")));
        Map<String, Object> patch = LastApplied.patch(live, configMap(Map.of("primary", "db-2")));
        Map<?, ?> data = (Map<?, ?>) patch.get("data");
        assertEquals("db-2", data.get("primary"));
        assertTrue(data.containsKey("standby") && data.get("standby") == null, "null deletes it in a merge patch: " + patch);
        assertTrue(((Map<?, ?>) ((Map<?, ?>) patch.get("metadata")).get("annotations")).containsKey(SecretMask.LAST_APPLIED), patch.toString());
    }

    @Test
    void aKeySomeoneElseAddedIsKept() {
        Map<String, Object> live = LastApplied.annotated(configMap(Map.of("primary", "db-0")));
        ((Map<String, Object>) live.get("data")).put("added-by-operator", "x");
        assertEquals(Map.of(), LastApplied.patch(live, configMap(Map.of("primary", "db-0"))));
    }
}
