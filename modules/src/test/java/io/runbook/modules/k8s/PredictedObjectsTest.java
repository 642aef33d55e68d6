package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The predicted objects a check-mode run carries: what reads see over what the server holds. */
class PredictedObjectsTest {
    private static Map<String, Object> object(String apiVersion, String kind, String namespace, String name, Map<String, String> labels) {
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.put("labels", labels);
        return Map.of("apiVersion", apiVersion, "kind", kind, "metadata", metadata);
    }

    private static List<String> names(List<Map<String, Object>> objects) {
        return objects.stream().map(o -> ObjectRef.of(o).name()).sorted().toList();
    }

    @Test
    void listsShowPredictedObjectsThatMatchAndHideTheOnesPredictedGone() {
        PredictedObjects p = new PredictedObjects();
        p.present(object("v1", "Secret", "app", "new-one", Map.of("app", "db")));
        p.present(object("v1", "Secret", "app", "other-app", Map.of("app", "web")));
        p.absent("v1", "Secret", "app", "deleted");
        List<Map<String, Object>> server = List.of(object("v1", "Secret", "app", "deleted", Map.of("app", "db")),
                object("v1", "Secret", "app", "kept", Map.of("app", "db")));
        assertEquals(List.of("kept", "new-one"), names(p.overlay("v1", "Secret", "app", server, Selectors.labels(List.of("app=db")))));
        assertEquals(List.of("kept", "new-one", "other-app"), names(p.overlay("v1", "Secret", null, server, o -> true)));
        assertTrue(p.lookup("v1", "Secret", "app", "deleted").orElseThrow().gone());
        assertEquals(Optional.empty(), p.lookup("v1", "Secret", "app", "kept"));
    }

    @Test
    void aNamespacePredictedDeletedTakesItsObjectsWithIt() {
        PredictedObjects p = new PredictedObjects();
        p.absent("v1", "Namespace", null, "old");
        assertEquals(Optional.of(false), p.namespace("old"));
        assertTrue(p.lookup("v1", "ConfigMap", "old", "any").orElseThrow().gone());
        assertEquals(List.of(), p.overlay("v1", "ConfigMap", "old", List.of(object("v1", "ConfigMap", "old", "c", Map.of())), o -> true));
        p.forget("v1", "Namespace", null, "old");
        assertEquals(Optional.empty(), p.namespace("old"), "a real write makes the server the truth again");
    }

    @Test
    void aPredictedCrdDefinesItsKindAndSelectorsUseTheServersGrammar() {
        PredictedObjects p = new PredictedObjects();
        p.present(Map.of("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", Map.of("name", "widgets.example.com"),
                "spec", Map.of("group", "example.com", "scope", "Namespaced",
                        "names", Map.of("kind", "Widget", "plural", "widgets"),
                        "versions", List.of(Map.of("name", "v1beta1", "served", true, "storage", false),
                                Map.of("name", "v1", "served", true, "storage", true)))));
        ResourceDefinitionContext widget = p.definedKind(null, "widget").orElseThrow();
        assertEquals(List.of("example.com", "v1", "Widget", "widgets", true),
                List.of(widget.getGroup(), widget.getVersion(), widget.getKind(), widget.getPlural(), widget.isNamespaceScoped()));
        assertEquals("v1beta1", p.definedKind("example.com/v1beta1", "Widget").orElseThrow().getVersion());
        assertTrue(p.definedKind("example.com/v2", "Widget").isEmpty());

        Map<String, Object> o = object("v1", "Pod", "a", "p", Map.of("env", "dr", "tier", "web"));
        assertTrue(Selectors.labels(List.of("env in (dr,prod),tier!=db", "!legacy")).test(o));
        assertTrue(Selectors.labels(List.of("env notin (prod)")).test(o));
        assertTrue(!Selectors.labels(List.of("legacy")).test(o));
        assertTrue(Selectors.fields(List.of("metadata.name=p", "metadata.namespace!=b")).test(o));
    }
}
