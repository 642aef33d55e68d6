package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code k8s_apply} reads the objects of one kind and namespace it is about to apply with one LIST instead of a GET
 * each ({@link ReadAhead}), with the same results, changes, check-mode predictions and diffs; a list the server refuses
 * or truncates leaves the rest to their GETs, and is not tried again on that cluster.
 */
class K8sApplyListReadTest {
    private static final List<String> TOKENS = List.of("otel-token", "oap-token", "ngac-token", "xcp-edge-central-auth-token");

    private static String tokens(String ns, String value) {
        StringBuilder yaml = new StringBuilder();
        for (String name : TOKENS) {
            yaml.append("---\n").append("""
                    apiVersion: v1
                    kind: Secret
                    type: Opaque
                    metadata: {name: %s, namespace: %s, labels: {app: %s}}
                    stringData: {token: %s-%s}
                    """.formatted(name, ns, value, value, name));
        }
        return yaml.toString();
    }

    private static DirectRun through(RecordingProxy proxy, Path dir, String ns) throws Exception {
        return DirectRun.of(new K8sApply()).host(LabHost.CLUSTER)
                .vars(Map.of("kubeconfig", proxy.kubeconfig(dir, LabHost.CLUSTER).toString(), "namespace", ns));
    }

    /** The requests seen, as {@code METHOD path?query} without the API prefix, in order. */
    private static List<String> requests(RecordingProxy proxy, String ns) {
        String prefix = "/api/v1/namespaces/" + ns + "/";
        return proxy.seen().stream().map(s -> s.method() + " " + s.uri().replace(prefix, "").replaceAll("[?&]fieldManager=[^&]*", ""))
                .toList();
    }

    private static long count(List<String> requests, String start) {
        return requests.stream().filter(r -> r.startsWith(start)).count();
    }

    @Test
    void fourSecretsAreReadWithOneListInsteadOfFourGets(@TempDir Path dir) throws Exception {
        String ns = LabHost.namespace("list-read");
        try (RecordingProxy proxy = new RecordingProxy(LabHost.cluster().apiUrl()); DirectRun run = through(proxy, dir, ns)) {
            Result created = run.run(Map.of("definition", tokens(ns, "a")));
            assertEquals(List.of("created", "created", "created", "created"), K8sApplyTest.actions(created), created.toString());
            List<String> seen = requests(proxy, ns);
            assertEquals(List.of("GET secrets?limit=16", "PATCH secrets/otel-token", "PATCH secrets/oap-token", "PATCH secrets/ngac-token",
                    "PATCH secrets/xcp-edge-central-auth-token"), seen);
            Result again = run.run(Map.of("definition", tokens(ns, "a")));
            assertFalse(again.isChanged(), again.toString());
            assertEquals(List.of("unchanged", "unchanged", "unchanged", "unchanged"), K8sApplyTest.actions(again));
            seen = requests(proxy, ns);
            assertEquals(2, count(seen, "GET secrets?limit="), seen.toString());
            assertEquals(0, count(seen, "GET secrets/"), seen.toString());
        }
    }

    @Test
    void resultsPredictionsAndDiffsAreThoseOfAGetPerObject(@TempDir Path dir) throws Exception {
        String ns = LabHost.namespace("list-same");
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            run.run(Map.of("definition", tokens(ns, "a")));
        }
        String changed = tokens(ns, "a").replace("token: a-oap-token", "token: b-oap-token").replace("name: ngac-token, namespace: " + ns
                + ", labels: {app: a}", "name: ngac-token, namespace: " + ns + ", labels: {app: b}");
        List<Map<String, Object>> oneByOne = new ArrayList<>();
        List<Diff> diffsOneByOne = new ArrayList<>();
        try (DirectRun check = LabHost.run(new K8sApply(), ns).check(true).diff(true)) {
            for (String document : changed.split("---\n")) {
                if (!document.isBlank()) {
                    Result one = check.run(Map.of("definition", document));
                    oneByOne.addAll(K8sApplyTest.results(one));
                    diffsOneByOne.addAll(one.diffs());
                }
            }
        }
        try (DirectRun check = LabHost.run(new K8sApply(), ns).check(true).diff(true)) {
            Result together = check.run(Map.of("definition", changed));
            assertEquals(oneByOne, K8sApplyTest.results(together));
            assertEquals(diffsOneByOne, together.diffs());
            assertEquals("2 configured, 2 unchanged (dry run)", together.msg());
        }
        try (DirectRun real = LabHost.run(new K8sApply(), ns).diff(true)) {
            Result applied = real.run(Map.of("definition", changed));
            assertEquals(oneByOne, K8sApplyTest.results(applied));
            assertEquals(diffsOneByOne.stream().map(Diff::before).toList(), applied.diffs().stream().map(Diff::before).toList());
            assertTrue(applied.isChanged());
        }
    }

    @Test
    void aListTheServerRefusesLeavesTheReadsToGetsAndIsNotTriedAgain(@TempDir Path dir) throws Exception {
        String ns = LabHost.namespace("list-denied");
        try (RecordingProxy proxy = new RecordingProxy(LabHost.cluster().apiUrl()); DirectRun run = through(proxy, dir, ns)) {
            // what an API server answers a token whose Role grants get by resourceNames but not list
            proxy.answer(new RecordingProxy.Answer(req -> req.method().name().equals("GET") && req.uri().contains("limit="), 403, """
                    {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                     "message":"secrets is forbidden: User \\"rotator\\" cannot list resource \\"secrets\\" in API group \\"\\" in the namespace \\"%s\\""}
                    """.formatted(ns)));
            Result created = run.run(Map.of("definition", tokens(ns, "a")));
            assertEquals(List.of("created", "created", "created", "created"), K8sApplyTest.actions(created), created.toString());
            assertEquals("4 created", created.msg());
            Result again = run.run(Map.of("definition", tokens(ns, "b")));
            assertEquals(List.of("configured", "configured", "configured", "configured"), K8sApplyTest.actions(again), again.toString());
            List<String> seen = requests(proxy, ns);
            assertEquals(1, count(seen, "GET secrets?limit="), "refused once, not asked again: " + seen);
            assertEquals(8, count(seen, "GET secrets/"), seen.toString());
            assertEquals(8, count(seen, "PATCH secrets/"), seen.toString());
        }
    }

    @Test
    void aTruncatedListAnswersForWhatItHoldsAndTheRestIsReadByName(@TempDir Path dir) throws Exception {
        String ns = LabHost.namespace("list-truncated");
        for (int i = 0; i < 20; i++) {
            LabHost.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(String.format("a-%02d", i))
                    .endMetadata().addToData("n", String.valueOf(i)).build()).create();
        }
        String definition = """
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: a-01}, data: {n: "1"}}
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: z-new}, data: {n: "new"}}
                """;
        try (RecordingProxy proxy = new RecordingProxy(LabHost.cluster().apiUrl()); DirectRun run = through(proxy, dir, ns)) {
            Result first = run.run(Map.of("definition", definition));
            assertEquals(List.of("unchanged", "created"), K8sApplyTest.actions(first), first.toString());
            // a page of 8 (a-00 .. a-07) holds a-01; z-new is past it, so only a GET can say it is absent
            assertEquals(List.of("GET configmaps?limit=8", "PATCH configmaps/a-01", "GET configmaps/z-new", "PATCH configmaps/z-new"),
                    requests(proxy, ns));
            Result second = run.run(Map.of("definition", definition));
            assertEquals(List.of("unchanged", "unchanged"), K8sApplyTest.actions(second), second.toString());
            List<String> seen = requests(proxy, ns);
            assertEquals(1, count(seen, "GET configmaps?limit="), "a large namespace is not listed again: " + seen);
            assertEquals(List.of("GET configmaps/a-01", "PATCH configmaps/a-01", "GET configmaps/z-new", "PATCH configmaps/z-new"),
                    seen.subList(4, seen.size()));
        }
    }

    @Test
    void theLabListsInChunksAsTheApiServerDoes() {
        String ns = LabHost.namespace("list-chunks");
        for (int i = 0; i < 20; i++) {
            LabHost.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(String.format("c-%02d", i))
                    .endMetadata().build()).create();
        }
        List<String> names = new ArrayList<>();
        String token = null;
        List<Long> remaining = new ArrayList<>();
        do {
            ConfigMapList page = LabHost.client().configMaps().inNamespace(ns)
                    .list(new ListOptionsBuilder().withLimit(8L).withContinue(token).build());
            page.getItems().forEach(c -> names.add(c.getMetadata().getName()));
            token = page.getMetadata().getContinue();
            remaining.add(page.getMetadata().getRemainingItemCount());
        } while (token != null && !token.isEmpty());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(String.format("c-%02d", i));
        }
        assertEquals(expected, names);
        assertEquals(java.util.Arrays.asList(12L, 4L, null), remaining);
    }
}
