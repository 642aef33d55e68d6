package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretDeleteTest {
    static final List<String> TOKENS = List.of("otel-token", "oap-token", "ngac-token", "xcp-edge-central-auth-token");

    static void seedTokens(String ns) {
        for (String name : TOKENS) {
            LabHost.client().secrets().inNamespace(ns).resource(secret(ns, name, "value-of-" + name)).create();
        }
    }

    static Secret secret(String ns, String name, String value) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .addToStringData("token", value).build();
    }

    /** Plays the control-plane operator: recreates each token Secret shortly after it is deleted. */
    static Watch regenerator(String ns, List<String> names) {
        return LabHost.client().secrets().inNamespace(ns).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Secret s) {
                String name = s.getMetadata().getName();
                if (action == Action.DELETED && names.contains(name)) {
                    LabHost.client().secrets().inNamespace(ns).resource(secret(ns, name, "fresh-" + name)).create();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    @Test
    void deletesTheTokensAndASecondRunHasNothingToDo() throws Exception {
        String ns = LabHost.namespace("tokens");
        seedTokens(ns);
        try (DirectRun run = LabHost.run(new SecretDelete(), ns)) {
            Result first = run.run(Map.of("names", TOKENS.subList(0, 3)));
            assertTrue(first.isChanged());
            assertEquals(TOKENS.subList(0, 3), first.data().get("deleted"));
            assertNull(LabHost.client().secrets().inNamespace(ns).withName("otel-token").get());
            assertNotNull(LabHost.client().secrets().inNamespace(ns).withName("xcp-edge-central-auth-token").get());
            Result second = run.run(Map.of("names", TOKENS.subList(0, 3)));
            assertFalse(second.isChanged());
            assertEquals(TOKENS.subList(0, 3), second.data().get("absent"));
        }
    }

    @Test
    void checkModeDeletesNothingAndPredictsTheChangeWithMaskedDiffs() throws Exception {
        String ns = LabHost.namespace("tokens-check");
        seedTokens(ns);
        try (DirectRun run = LabHost.run(new SecretDelete(), ns).check(true).diff(true)) {
            Result r = run.run(Map.of("names", TOKENS, "wait_regenerated", true));
            assertTrue(r.isChanged());
            assertEquals(TOKENS, r.data().get("deleted"));
            assertTrue(r.msg().startsWith("would delete"), r.msg());
            assertEquals(4, r.diffs().size());
            assertFalse(r.diffs().toString().contains("value-of-") || r.diffs().toString().contains(SecretMaskTest.b64("value-of-oap-token")));
            assertTrue(r.diffs().get(0).before().contains("<masked sha256:"), r.diffs().get(0).before());
            assertTrue(run.secrets().contains("value-of-oap-token"));
        }
        assertEquals(4, TOKENS.stream().filter(n -> LabHost.client().secrets().inNamespace(ns).withName(n).get() != null).count());
    }

    @Test
    void waitRegeneratedWatchesUntilEachTokenIsBackWithANewUid() throws Exception {
        String ns = LabHost.namespace("tokens-regen");
        seedTokens(ns);
        String oldUid = LabHost.client().secrets().inNamespace(ns).withName("oap-token").get().getMetadata().getUid();
        try (Watch operator = regenerator(ns, TOKENS); DirectRun run = LabHost.run(new SecretDelete(), ns)) {
            Result r = run.run(Map.of("names", TOKENS, "wait_regenerated", true, "timeout", "5m"));
            assertFalse(r.isFailed(), r.toString());
            assertTrue(r.isChanged());
            assertEquals(TOKENS.size(), ((Map<?, ?>) r.data().get("regenerated")).size(), r.toString());
        }
        assertFalse(oldUid.equals(LabHost.client().secrets().inNamespace(ns).withName("oap-token").get().getMetadata().getUid()));
    }

    @Test
    void waitRegeneratedMasksWhatTheDeletesAnsweredAndWithDiffReadsEachSecretFirst() throws Exception {
        String ns = LabHost.namespace("tokens-regen-masked");
        seedTokens(ns);
        try (Watch operator = regenerator(ns, TOKENS); DirectRun run = LabHost.run(new SecretDelete(), ns)) {
            // the uids to wait past and the values to mask come from the deletes' answers (no read before them)
            Result r = run.run(Map.of("names", TOKENS, "wait_regenerated", true, "timeout", "5m"));
            assertFalse(r.isFailed(), r.toString());
            assertEquals(TOKENS, r.data().get("deleted"));
            assertEquals(TOKENS.size(), ((Map<?, ?>) r.data().get("regenerated")).size(), r.toString());
            assertTrue(run.secrets().contains("value-of-oap-token"), run.secrets().toString());
        }
        try (Watch operator = regenerator(ns, TOKENS); DirectRun run = LabHost.run(new SecretDelete(), ns).diff(true)) {
            // with --diff each Secret is read by name before its delete; the wait is the same
            Result r = run.run(Map.of("names", TOKENS, "wait_regenerated", true, "timeout", "5m"));
            assertFalse(r.isFailed(), r.toString());
            assertEquals(TOKENS.size(), r.diffs().size());
            assertEquals(TOKENS.size(), ((Map<?, ?>) r.data().get("regenerated")).size(), r.toString());
            assertTrue(run.secrets().contains("fresh-oap-token"), run.secrets().toString());
            assertFalse(r.diffs().toString().contains("fresh-oap-token"));
        }
    }

    @Test
    void aTokenThatNeverComesBackIsNamedOnTimeout() throws Exception {
        String ns = LabHost.namespace("tokens-timeout");
        seedTokens(ns);
        try (Watch operator = regenerator(ns, List.of("otel-token", "oap-token")); DirectRun run = LabHost.run(new SecretDelete(), ns)) {
            // long enough for the two that do come back, however slow the machine: only the other two are missing
            Result r = run.run(Map.of("names", TOKENS, "wait_regenerated", true, "timeout", "20s"));
            assertTrue(r.isFailed());
            assertEquals(List.of("ngac-token", "xcp-edge-central-auth-token"), r.data().get("missing"));
            assertTrue(r.msg().contains("ngac-token, xcp-edge-central-auth-token not regenerated"), r.msg());
        }
    }

    @Test
    void badArgumentsAreReportedWithTheirPosition() {
        try (DirectRun run = LabHost.run(new SecretDelete(), "default")) {
            UserError missing = assertThrows(UserError.class, () -> run.run(Map.of("namespace", "istio-system")));
            assertTrue(missing.format().contains("names"), missing.format());
            UserError duration = assertThrows(UserError.class, () -> run.run(Map.of("names", List.of("a"), "timeout", "soon")));
            assertTrue(duration.format().contains("timeout"), duration.format());
        }
    }

    @Test
    void anUnreachableClusterMakesTheHostUnreachable(@TempDir Path dir) throws Exception {
        try (DirectRun run = LabHost.unreachable(new SecretDelete(), dir)) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("names", TOKENS)));
            assertTrue(e.isUnreachable(), e.getMessage());
        }
    }
}
