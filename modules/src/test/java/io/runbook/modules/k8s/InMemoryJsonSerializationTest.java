package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The run's serialization reads what fabric8's own reads, the same way: JSON documents in memory from their bytes,
 * YAML and streams through fabric8, typed Kubernetes objects (a watch event's object too) and failures alike.
 */
class InMemoryJsonSerializationTest {
    private static final String SECRET = "  \n{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"namespace\":\"ns\","
            + "\"uid\":\"u-1\"},\"type\":\"Opaque\",\"data\":{\"token\":\"dA==\"}}";
    private final KubernetesSerialization ours = new InMemoryJsonSerialization();
    private final KubernetesSerialization fabric8 = new KubernetesSerialization();

    @Test
    void aJsonDocumentReadsAsFabric8ReadsIt() {
        GenericKubernetesResource generic = ours.unmarshal(bytes(SECRET), GenericKubernetesResource.class);
        assertEquals(fabric8.unmarshal(bytes(SECRET), GenericKubernetesResource.class), generic);
        assertEquals("u-1", generic.getMetadata().getUid());
        Object typed = ours.unmarshal(SECRET);
        assertTrue(typed instanceof Secret, "the kind picks the model class: " + typed.getClass());
        assertEquals(fabric8.unmarshal(SECRET, Secret.class), typed);
    }

    @Test
    void aWatchEventsObjectIsTyped() {
        String event = "{\"type\":\"DELETED\",\"object\":" + SECRET.strip() + "}";
        WatchEvent read = ours.unmarshal(event, WatchEvent.class);
        assertEquals("DELETED", read.getType());
        assertTrue(read.getObject() instanceof Secret, "object read as " + read.getObject().getClass());
    }

    @Test
    void aJsonArrayReadsAsAList() {
        List<?> list = ours.unmarshal(bytes("[1, 2]"), List.class);
        assertEquals(List.of(1, 2), list);
    }

    @Test
    void yamlStillReadsThroughFabric8() {
        String yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: ns\n";
        assertEquals(fabric8.unmarshal(bytes(yaml), GenericKubernetesResource.class),
                ours.unmarshal(bytes(yaml), GenericKubernetesResource.class));
        assertEquals(fabric8.unmarshal(yaml, Secret.class), ours.unmarshal(yaml, Secret.class));
    }

    @Test
    void brokenJsonFailsAsFabric8Fails() {
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> ours.unmarshal(bytes("{\"kind\": "), GenericKubernetesResource.class));
        KubernetesClientException theirs = assertThrows(KubernetesClientException.class,
                () -> fabric8.unmarshal(bytes("{\"kind\": "), GenericKubernetesResource.class));
        assertEquals(theirs.getCause().getClass(), e.getCause().getClass());
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
