package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K8sApplyTest {
    static final String TOKEN = "tok-9f8e7d6c5b4a";

    static String secretAndConfig(String ns, String value) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: oap-token, namespace: %s}
                stringData: {token: %s}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {mode: %s}
                """.formatted(ns, TOKEN, value);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> results(Result r) {
        return (List<Map<String, Object>>) r.data().get("results");
    }

    static List<String> actions(Result r) {
        return results(r).stream().map(e -> String.valueOf(e.get("action"))).toList();
    }

    @Test
    void firstRunCreatesAndSecondRunIsUnchanged() throws Exception {
        String ns = LabHost.namespace("apply");
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            Result first = run.run(Map.of("definition", secretAndConfig(ns, "a")));
            assertTrue(first.isChanged(), first.toString());
            assertEquals(List.of("created", "created"), actions(first));
            assertEquals(ns, results(first).get(1).get("namespace"), "objects without a namespace go to the host's");
            Result second = run.run(Map.of("definition", secretAndConfig(ns, "a")));
            assertFalse(second.isChanged(), second.toString());
            assertEquals(List.of("unchanged", "unchanged"), actions(second));
            Result third = run.run(Map.of("definition", secretAndConfig(ns, "b")));
            assertEquals(List.of("unchanged", "configured"), actions(third));
        }
        assertEquals("b", LabHost.client().configMaps().inNamespace(ns).withName("settings").get().getData().get("mode"));
    }

    @Test
    void checkModeChangesNothingAndPredictsTheSameChange() throws Exception {
        String ns = LabHost.namespace("apply-check");
        try (DirectRun check = LabHost.run(new K8sApply(), ns).check(true); DirectRun real = LabHost.run(new K8sApply(), ns)) {
            Result predicted = check.run(Map.of("definition", secretAndConfig(ns, "a")));
            assertTrue(predicted.isChanged());
            assertEquals(List.of("created", "created"), actions(predicted));
            assertNull(LabHost.client().secrets().inNamespace(ns).withName("oap-token").get(), "check mode must not create");
            Result applied = real.run(Map.of("definition", secretAndConfig(ns, "a")));
            assertEquals(actions(predicted), actions(applied));
            assertEquals(predicted.data().keySet(), applied.data().keySet(), "same result shape");
            Result predictedUpdate;
            try (DirectRun nextCheck = LabHost.run(new K8sApply(), ns).check(true)) {
                // a new run: what the first check run predicted is not carried into it
                predictedUpdate = nextCheck.run(Map.of("definition", secretAndConfig(ns, "b")));
            }
            assertEquals(List.of("unchanged", "configured"), actions(predictedUpdate));
            assertEquals("a", LabHost.client().configMaps().inNamespace(ns).withName("settings").get().getData().get("mode"));
            assertEquals(actions(predictedUpdate), actions(real.run(Map.of("definition", secretAndConfig(ns, "b")))));
        }
    }

    @Test
    void checkModePredictsObjectsInANamespaceTheTaskCreates() throws Exception {
        try (DirectRun check = LabHost.run(new K8sApply(), "default").check(true)) {
            Result r = check.run(Map.of("definition", List.of(
                    Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "not-yet-there")),
                    Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "c", "namespace", "not-yet-there")))));
            assertEquals(List.of("created", "created"), actions(r));
        }
        assertNull(LabHost.client().namespaces().withName("not-yet-there").get());
    }

    @Test
    void diffResultsAndRegisteredSecretsNeverShowSecretValues() throws Exception {
        String ns = LabHost.namespace("apply-diff");
        try (DirectRun run = LabHost.run(new K8sApply(), ns).diff(true)) {
            Result r = run.run(Map.of("definition", secretAndConfig(ns, "a")));
            String b64 = java.util.Base64.getEncoder().encodeToString(TOKEN.getBytes());
            assertEquals(2, r.diffs().size());
            Diff secretDiff = r.diffs().get(0);
            assertEquals("Secret " + ns + "/oap-token", secretDiff.label());
            assertTrue(secretDiff.after().contains("token: <masked sha256:"), secretDiff.after());
            for (Diff d : r.diffs()) {
                assertFalse(d.after().contains(TOKEN) || d.after().contains(b64), d.after());
            }
            assertFalse(r.toString().contains(TOKEN) || r.toString().contains(b64), r.toString());
            assertFalse(r.toString().contains("managedFields"));
            assertTrue(run.secrets().contains(TOKEN) && run.secrets().contains(b64), "values registered with the redactor");
            Result unchanged = run.run(Map.of("definition", secretAndConfig(ns, "a")));
            assertTrue(unchanged.diffs().isEmpty());
        }
    }

    @Test
    void aChangedSecretValueShowsAsAChangedHashNeverAsText() throws Exception {
        String ns = LabHost.namespace("apply-rotate");
        String v1 = "first-value-0001";
        String v2 = "second-value-0002";
        String secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: iam-signing-key}\nstringData: {kid: %s}\n";
        try (DirectRun run = LabHost.run(new K8sApply(), ns).diff(true)) {
            run.run(Map.of("definition", secret.formatted(v1)));
            Result r = run.run(Map.of("definition", secret.formatted(v2)));
            assertEquals(List.of("configured"), actions(r));
            Diff d = r.diffs().get(0);
            assertFalse(d.before().equals(d.after()), "the diff shows that the value changed");
            for (String text : List.of(d.before(), d.after(), r.toString())) {
                for (String value : List.of(v1, v2, SecretMaskTest.b64(v1), SecretMaskTest.b64(v2))) {
                    assertFalse(text.contains(value), text);
                }
            }
        }
    }

    @Test
    void absentDeletesAndAbsentOfMissingObjectsOrUnknownKindsIsOk() throws Exception {
        String ns = LabHost.namespace("apply-absent");
        Map<String, Object> cm = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "gone-soon"), "data", Map.of("a", "1"));
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            run.run(Map.of("definition", cm));
            Result deleted = run.run(Map.of("definition", cm, "state", "absent", "wait", true));
            assertTrue(deleted.isChanged());
            assertEquals(List.of("deleted"), actions(deleted));
            assertNull(LabHost.client().configMaps().inNamespace(ns).withName("gone-soon").get());
            Result again = run.run(Map.of("definition", cm, "state", "absent"));
            assertFalse(again.isChanged());
            Result unknownKind = run.run(Map.of("state", "absent", "definition",
                    Map.of("apiVersion", "install.tetrate.io/v1alpha1", "kind", "ControlPlane", "metadata", Map.of("name", "controlplane"))));
            assertFalse(unknownKind.isChanged());
            assertFalse(unknownKind.isFailed());
            assertEquals(false, results(unknownKind).get(0).get("api_found"));
        }
    }

    @Test
    void anObjectInAMissingNamespaceFailsNamingTheObjectAndTheFix() throws Exception {
        try (DirectRun run = LabHost.run(new K8sApply(), "default")) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("definition",
                    Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "c", "namespace", "nowhere")))));
            assertFalse(e.isUnreachable());
            assertTrue(e.getMessage().startsWith("ConfigMap nowhere/c: the API answered 404: "), e.getMessage());
            assertTrue(e.getMessage().contains("does namespace nowhere exist?"), e.getMessage());
        }
    }

    @Test
    void aLabelValueThatIsAListFailsNamingTheObjectAndTheField() throws Exception {
        String ns = LabHost.namespace("apply-bad-label");
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("definition", Map.of("apiVersion", "v1",
                    "kind", "ConfigMap", "metadata", Map.of("name", "c", "labels", Map.of("tier", List.of(1)))))));
            assertEquals("ConfigMap " + ns + "/c: metadata.labels.tier: expected text, not a list", e.getMessage());
        }
        assertNull(LabHost.client().configMaps().inNamespace(ns).withName("c").get(), "nothing was sent");
    }

    @Test
    void labelValuesThatAreNumbersOrBooleansAreSentAsText() throws Exception {
        String ns = LabHost.namespace("apply-label-text");
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            Result r = run.run(Map.of("definition", Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("name", "c", "labels", Map.of("n", 1, "b", true, "y", "yes")))));
            assertFalse(r.isFailed(), r.toString());
            assertFalse(run.run(Map.of("definition", Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("name", "c", "labels", Map.of("n", 1, "b", true, "y", "yes"))))).isChanged(), "a second run changes nothing");
        }
        assertEquals(Map.of("n", "1", "b", "true", "y", "yes"),
                LabHost.client().configMaps().inNamespace(ns).withName("c").get().getMetadata().getLabels());
    }

    @Test
    void anUnknownKindToCreateFailsNamingTheCrd() throws Exception {
        try (DirectRun run = LabHost.run(new K8sApply(), "default")) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("definition",
                    Map.of("apiVersion", "install.tetrate.io/v1alpha1", "kind", "ControlPlane", "metadata", Map.of("name", "cp")))));
            assertTrue(e.getMessage().contains("does not serve kind ControlPlane") && e.getMessage().contains("CRD"), e.getMessage());
        }
    }

    @Test
    void srcMustacheFilesAreRenderedBeforeApplying(@TempDir Path dir) throws Exception {
        String ns = LabHost.namespace("apply-src");
        Path src = dir.resolve("cm.yaml.mustache");
        Files.writeString(src, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: rendered}\ndata: {host: '{{mp_host}}'}\n");
        try (DirectRun run = LabHost.run(new K8sApply(), ns).baseDir(dir).renderer(t -> t.replace("{{mp_host}}", "tsb.example.com"))) {
            Result r = run.run(Map.of("src", "cm.yaml.mustache"));
            assertEquals(List.of("created"), actions(r));
        }
        assertEquals("tsb.example.com", LabHost.client().configMaps().inNamespace(ns).withName("rendered").get().getData().get("host"));
    }

    @Test
    void aBackupTakenWithKubectlGetAppliesToANewCluster() throws Exception {
        String ns = LabHost.namespace("apply-backup");
        String backup = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Secret
                  metadata:
                    name: iam-signing-key
                    namespace: %s
                    uid: 7a1c0a52-0000-4000-8000-000000000001
                    resourceVersion: "123456"
                    creationTimestamp: "2024-01-01T00:00:00Z"
                  type: Opaque
                  data: {private.key: %s}
                """.formatted(ns, SecretMaskTest.b64("-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n"));
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            assertEquals(List.of("created"), actions(run.run(Map.of("definition", backup))));
            assertEquals(List.of("unchanged"), actions(run.run(Map.of("definition", backup))));
            assertTrue(run.secrets().contains("MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu"), "PEM lines registered too");
        }
    }

    @Test
    void badArgumentsAreReportedWithTheirPosition() {
        try (DirectRun run = LabHost.run(new K8sApply(), "default")) {
            UserError unknown = assertThrows(UserError.class, () -> run.run(Map.of("definition", Map.of(), "stat", "absent")));
            assertNotNull(unknown.position());
            assertTrue(unknown.format().contains("unknown argument 'stat'") && unknown.format().contains("state"), unknown.format());
            UserError choice = assertThrows(UserError.class, () -> run.run(Map.of("definition", Map.of(), "state", "gone")));
            assertTrue(choice.format().contains("state"), choice.format());
            UserError badWait = assertThrows(UserError.class, () -> run.run(Map.of("definition", secretAndConfig("default", "x"), "wait", Map.of("conditon", "Ready"))));
            assertTrue(badWait.format().contains("argument 'wait'") && badWait.format().contains("conditon"), badWait.format());
            assertThrows(UserError.class, () -> run.run(Map.of("state", "present")), "definition or src is required");
        }
    }

    @Test
    void aManifestWithoutNameFailsNamingTheDocumentsPlace() {
        try (DirectRun run = LabHost.run(new K8sApply(), "default")) {
            UserError e = assertThrows(UserError.class, () -> run.run(Map.of("definition",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n")));
            assertEquals("definition:5:1: the object has no metadata.name (kind ConfigMap)", e.format());
        }
    }

    @Test
    void aDefinitionThatIsAYamlScalarIsAnErrorNotAStackOverflow() {
        try (DirectRun run = LabHost.run(new K8sApply(), "default")) {
            UserError text = assertThrows(UserError.class, () -> run.run(Map.of("definition", "just a scalar")));
            assertEquals("definition:1:1: a manifest must be a mapping with apiVersion, kind and metadata (or a list of them),"
                    + " not a string", text.format());
            // a text in the list is YAML, as kubernetes.core reads it: its scalar document is the mistake
            UserError item = assertThrows(UserError.class, () -> run.run(Map.of("definition", List.of("just a scalar"))));
            assertEquals("definition item 1:1:1: a manifest must be a mapping with apiVersion, kind and metadata (or a list of them),"
                    + " not a string", item.format());
            UserError number = assertThrows(UserError.class, () -> run.run(Map.of("definition", List.of(42))));
            assertEquals("definition item 1: a manifest must be a mapping with apiVersion, kind and metadata or YAML text, not a number",
                    number.format());
        }
    }

    @Test
    void anUnreachableClusterMakesTheHostUnreachable(@TempDir Path dir) throws Exception {
        try (DirectRun run = LabHost.unreachable(new K8sApply(), dir)) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("definition", secretAndConfig("default", "a"))));
            assertTrue(e.isUnreachable(), e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot reach the Kubernetes API at http://127.0.0.1:"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        }
    }

    @Test
    void anApiServerAnswering503MakesTheHostUnreachable() throws Exception {
        io.runbook.lab.Lab lab = io.runbook.lab.Lab.start(io.runbook.lab.LabOptions.builder().clusters(List.of("down")).build());
        try (lab; DirectRun run = DirectRun.of(new K8sApply()).vars(Map.of("kubeconfig", "lab", "kube_context", "down"))
                .service(ClusterDirectory.class, m -> java.util.Optional.of(lab.kubeconfigYaml()))) {
            lab.cluster("down").unavailable(true);
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("definition", secretAndConfig("default", "a"))));
            assertTrue(e.isUnreachable(), e.getMessage());
            assertTrue(e.getMessage().contains(lab.cluster("down").apiUrl()) && e.getMessage().contains("lab context down"), e.getMessage());
        }
    }

    @Test
    void aLabHostWithoutALabFailsClearly() {
        try (DirectRun run = DirectRun.of(new K8sApply()).vars(Map.of("kubeconfig", "lab", "kube_context", "t1"))) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("definition", secretAndConfig("default", "a"))));
            assertFalse(e.isUnreachable());
            assertTrue(e.getMessage().contains("kubeconfig: lab") && e.getMessage().contains("no lab"), e.getMessage());
        }
    }

    @Test
    void anUnknownContextNamesTheContextsThereAre() {
        try (DirectRun run = LabHost.run(new K8sApply(), "default").vars(Map.of("kubeconfig", "lab", "kube_context", "cp-9"))) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("definition", secretAndConfig("default", "a"))));
            assertTrue(e.getMessage().contains("no context 'cp-9'") && e.getMessage().contains("t1, t2"), e.getMessage());
        }
    }
}
