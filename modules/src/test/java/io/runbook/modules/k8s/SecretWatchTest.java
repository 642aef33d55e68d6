package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Watch;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** secret_delete's wait on the re-issued tokens, seen through a proxy in front of the lab: the watch requests it sends. */
class SecretWatchTest {
    private static final List<String> TOKENS = SecretDeleteTest.TOKENS;

    private static DirectRun through(RecordingProxy proxy, Path dir, String ns) throws Exception {
        return DirectRun.of(new SecretDelete()).host(LabHost.CLUSTER)
                .vars(Map.of("kubeconfig", proxy.kubeconfig(dir, LabHost.CLUSTER).toString(), "namespace", ns));
    }

    private static Map<String, Object> rotation() {
        return Map.of("names", TOKENS, "wait_regenerated", true, "timeout", "5m");
    }

    private static void recreate(String ns) {
        for (String name : TOKENS) {
            LabHost.client().secrets().inNamespace(ns).resource(SecretDeleteTest.secret(ns, name, "fresh-" + name)).create();
        }
    }

    @Test
    void theReissuedTokensAreSeenOnOnePlainHttpWatchWithoutAWebSocket(@TempDir Path dir) throws Exception {
        String ns = LabHost.namespace("watch-http");
        SecretDeleteTest.seedTokens(ns);
        try (RecordingProxy proxy = new RecordingProxy(LabHost.cluster().apiUrl());
             Watch operator = SecretDeleteTest.regenerator(ns, TOKENS); DirectRun run = through(proxy, dir, ns)) {
            Result r = run.run(rotation());
            assertFalse(r.isFailed(), r.toString());
            assertEquals(TOKENS.size(), ((Map<?, ?>) r.data().get("regenerated")).size(), r.toString());
            assertTrue(proxy.seen().stream().noneMatch(RecordingProxy.Seen::upgrade), proxy.seen().toString());
            List<RecordingProxy.Seen> watches = proxy.watches();
            assertEquals(1, watches.size(), proxy.seen().toString());
            assertEquals("GET", watches.get(0).method());
            assertTrue(watches.get(0).uri().startsWith("/api/v1/namespaces/" + ns + "/secrets?"), watches.get(0).uri());
            assertFalse(watches.get(0).uri().contains("resourceVersion"), watches.get(0).uri());
            assertEquals(TOKENS.size(), proxy.seen().stream().filter(s -> s.method().equals("DELETE")).count(), proxy.seen().toString());
            // the watch holds one pooled connection, the other requests share a second one
            assertTrue(proxy.connections() <= 2, "connections: " + proxy.connections());
        }
    }

    @Test
    void aRefusedWatchFailsTheTaskWithTheServersAnswerBeforeAnyDelete(@TempDir Path dir) throws Exception {
        String ns = LabHost.namespace("watch-refused");
        SecretDeleteTest.seedTokens(ns);
        try (RecordingProxy proxy = new RecordingProxy(LabHost.cluster().apiUrl()); DirectRun run = through(proxy, dir, ns)) {
            proxy.answer(new RecordingProxy.Answer(req -> req.uri().contains("watch=true"), 403, """
                    {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                     "message":"secrets is forbidden: User \\"rotator\\" cannot watch resource \\"secrets\\" in the namespace \\"%s\\""}
                    """.formatted(ns)));
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(rotation()));
            assertFalse(e.isUnreachable(), e.getMessage());
            assertTrue(e.getMessage().contains("answered HTTP 403 Forbidden: secrets is forbidden: User \"rotator\" cannot watch"),
                    e.getMessage());
            assertEquals(1, proxy.watches().size(), proxy.seen().toString());
            assertTrue(proxy.seen().stream().noneMatch(s -> s.method().equals("DELETE")), proxy.seen().toString());
        }
        assertEquals(TOKENS.size(), TOKENS.stream().filter(n -> LabHost.client().secrets().inNamespace(ns).withName(n).get() != null).count());
    }

    @Test
    void aDroppedWatchResumesFromTheLastVersionItSaw(@TempDir Path dir) throws Exception {
        String ns = LabHost.namespace("watch-dropped");
        SecretDeleteTest.seedTokens(ns);
        try (RecordingProxy proxy = new RecordingProxy(LabHost.cluster().apiUrl()); DirectRun run = through(proxy, dir, ns)) {
            Result waiting = run.start(rotation());
            proxy.dropStreams();
            LabHost.eventually(Duration.ofSeconds(60), () -> proxy.watches().size() == 2);
            assertTrue(proxy.watches().get(1).uri().contains("resourceVersion="), proxy.watches().toString());
            recreate(ns);
            Result r = waiting.rest().toCompletableFuture().join();
            assertFalse(r.isFailed(), r.toString());
            assertEquals(TOKENS.size(), ((Map<?, ?>) r.data().get("regenerated")).size(), r.toString());
            assertEquals(2, proxy.watches().size(), proxy.watches().toString());
        }
    }

    @Test
    void aResumeTheServerRefusesAsGoneWatchesAgainFromWhatExists(@TempDir Path dir) throws Exception {
        String ns = LabHost.namespace("watch-gone");
        SecretDeleteTest.seedTokens(ns);
        try (RecordingProxy proxy = new RecordingProxy(LabHost.cluster().apiUrl()); DirectRun run = through(proxy, dir, ns)) {
            proxy.answer(new RecordingProxy.Answer(req -> req.uri().contains("watch=true") && req.uri().contains("resourceVersion="), 410, """
                    {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Expired","code":410,"message":"too old resource version"}
                    """));
            Result waiting = run.start(rotation());
            proxy.dropStreams();
            // the resume is refused as Gone: the wait watches again without a version, which sends the Secrets that exist
            LabHost.eventually(Duration.ofSeconds(60), () -> proxy.watches().size() == 3);
            assertTrue(proxy.watches().get(1).uri().contains("resourceVersion="), proxy.watches().toString());
            assertFalse(proxy.watches().get(2).uri().contains("resourceVersion="), proxy.watches().toString());
            recreate(ns);
            Result r = waiting.rest().toCompletableFuture().join();
            assertFalse(r.isFailed(), r.toString());
            assertEquals(TOKENS.size(), ((Map<?, ?>) r.data().get("regenerated")).size(), r.toString());
        }
    }
    @Test
    void aBookmarkOnlyMovesTheVersionToResumeFrom(@TempDir Path dir) throws Exception {
        String ns = LabHost.namespace("watch-bookmark");
        SecretDeleteTest.seedTokens(ns);
        try (RecordingProxy proxy = new RecordingProxy(LabHost.cluster().apiUrl()); DirectRun run = through(proxy, dir, ns)) {
            Result waiting = run.start(Map.of("names", TOKENS, "wait_regenerated", true, "timeout", "60s"));
            // what a real API server sends now and then (the lab does not): an object with a version and no name;
            // then, in the same chunk, the four tokens written again
            StringBuilder chunk = new StringBuilder("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\","
                    + "\"metadata\":{\"resourceVersion\":\"999999\"}}}\n");
            for (String name : TOKENS) {
                chunk.append("{\"type\":\"ADDED\",\"object\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"")
                        .append(name).append("\",\"namespace\":\"").append(ns).append("\",\"uid\":\"reissued-").append(name)
                        .append("\",\"resourceVersion\":\"1000000\"},\"data\":{\"token\":\"ZnJlc2g=\"}}}\n");
            }
            proxy.inject(chunk.toString());
            Result r = waiting.rest().toCompletableFuture().join();
            assertFalse(r.isFailed(), r.toString());
            assertEquals(TOKENS.size(), ((Map<?, ?>) r.data().get("regenerated")).size(), r.toString());
            assertEquals(1, proxy.watches().size(), proxy.watches().toString());
        }
    }
}
