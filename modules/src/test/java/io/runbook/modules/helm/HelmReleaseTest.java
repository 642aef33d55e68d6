package io.runbook.modules.helm;

import static io.runbook.modules.helm.HelmLab.allText;
import static io.runbook.modules.helm.HelmLab.args;
import static io.runbook.modules.helm.HelmLab.client;
import static io.runbook.modules.helm.HelmLab.history;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.ClosedPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** helm_release against the lab: install, idempotency, upgrades, local chart edits, uninstall, results. */
class HelmReleaseTest {
    private static final String PASSWORD = "s3cr3t-from-values-file";

    @Test
    void installIsChangedAndTheSameRunAgainIsOkWithTheSameRevision(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("install");
        Map<String, Object> args = args("name", "web", "chart", HelmLab.chartCopy(dir).toString(), "values", Map.of("message", "hi"));
        try (DirectRun run = HelmLab.run(ns)) {
            Result first = run.run(args);
            assertTrue(first.isChanged(), first.toString());
            assertEquals("installed", first.data().get("action"));
            assertEquals(1, first.data().get("revision"));
            assertEquals("deployed", first.data().get("status"));
            assertEquals("demo-0.1.0", first.data().get("chart"));
            assertEquals("1.0.0", first.data().get("app_version"));
            assertEquals("hi", client().configMaps().inNamespace(ns).withName("web-config").get().getData().get("message"));

            Result second = run.run(args);
            assertFalse(second.isChanged(), second.toString());
            assertFalse(second.isFailed());
            assertEquals("unchanged", second.data().get("action"));
            assertEquals(1, second.data().get("revision"));
            assertEquals(1, history(ns, "web").size(), "the second run did not touch the release");
        }
    }

    @Test
    void changedValuesUpgradeTheRelease(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("values");
        String chart = HelmLab.chartCopy(dir).toString();
        try (DirectRun run = HelmLab.run(ns)) {
            run.run(args("name", "web", "chart", chart, "values", Map.of("message", "one")));
            Result upgraded = run.run(args("name", "web", "chart", chart, "values", Map.of("message", "one"),
                    "set", Map.of("replicas", 2)));
            assertTrue(upgraded.isChanged());
            assertEquals("upgraded", upgraded.data().get("action"));
            assertEquals(2, upgraded.data().get("revision"));
            assertEquals(List.of("values changed: replicas"), upgraded.data().get("reasons"));
            assertEquals(2, client().apps().deployments().inNamespace(ns).withName("web-web").get().getSpec().getReplicas());

            Result again = run.run(args("name", "web", "chart", chart, "values", Map.of("message", "one"), "set", Map.of("replicas", 2)));
            assertFalse(again.isChanged(), again.toString());
            assertEquals(2, again.data().get("revision"));
        }
    }

    @Test
    void historyIsKeptToHistoryMaxRevisions(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("history");
        String chart = HelmLab.chartCopy(dir).toString();
        try (DirectRun run = HelmLab.run(ns)) {
            for (int i = 1; i <= 4; i++) {
                assertTrue(run.run(args("name", "web", "chart", chart, "history_max", 2, "values", Map.of("message", "m" + i))).isChanged());
            }
            assertEquals(List.of("3:superseded", "4:deployed"),
                    history(ns, "web").stream().map(r -> r.revision() + ":" + r.status()).toList());
        }
    }

    @Test
    void localTemplateEditUnderTheSameVersionIsAChange(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("edit");
        Path chart = HelmLab.chartCopy(dir);
        Map<String, Object> args = args("name", "web", "chart", chart.toString());
        try (DirectRun run = HelmLab.run(ns)) {
            run.run(args);
            Path template = chart.resolve("templates/configmap.yaml");
            Files.writeString(template, Files.readString(template) + "  edited: \"yes\"\n");

            Result predicted = run.check(true).run(args);
            assertTrue(predicted.isChanged(), "check mode sees the edit too: " + predicted);
            assertEquals("upgrade", predicted.data().get("action"));

            Result edited = run.check(false).run(args);
            assertTrue(edited.isChanged(), edited.toString());
            assertEquals("upgraded", edited.data().get("action"));
            assertTrue(String.valueOf(edited.data().get("reasons")).contains("chart content changed under the same version"));
            assertEquals("yes", client().configMaps().inNamespace(ns).withName("web-config").get().getData().get("edited"));
            assertFalse(run.run(args).isChanged(), "the edited chart, once deployed, is current");
        }
    }

    @Test
    void checkModeChangesNothingAndPredictsInstallUpgradeAndNoChange(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("check");
        String chart = HelmLab.chartCopy(dir).toString();
        Map<String, Object> v1 = args("name", "web", "chart", chart, "values", Map.of("message", "v1"));
        // each check is a run of its own: a run carries what it predicted, and these ask about the real release
        try (DirectRun check = HelmLab.run(ns).check(true); DirectRun real = HelmLab.run(ns);
             DirectRun check2 = HelmLab.run(ns).check(true); DirectRun check3 = HelmLab.run(ns).check(true)) {
            Result predictedInstall = check.run(v1);
            assertTrue(predictedInstall.isChanged());
            assertEquals("install", predictedInstall.data().get("action"));
            assertTrue(history(ns, "web").isEmpty(), "check mode installed nothing");
            assertNull(client().configMaps().inNamespace(ns).withName("web-config").get());

            real.run(v1);
            Result predictedUpgrade = check2.run(args("name", "web", "chart", chart, "values", Map.of("message", "v2")));
            assertTrue(predictedUpgrade.isChanged());
            assertEquals("upgrade", predictedUpgrade.data().get("action"));
            assertEquals(1, predictedUpgrade.data().get("revision"));
            assertEquals(1, history(ns, "web").size());
            assertEquals("v1", client().configMaps().inNamespace(ns).withName("web-config").get().getData().get("message"));

            Result predictedNothing = check3.run(v1);
            assertFalse(predictedNothing.isChanged());
            assertEquals("unchanged", predictedNothing.data().get("action"));
        }
    }

    @Test
    void secretValuesFromAValuesFileNeverShowInDiffOrResult(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("secret");
        String chart = HelmLab.chartCopy(dir).toString();
        Path secrets = dir.resolve("secrets.yaml");
        Files.writeString(secrets, "credentials:\n  password: " + PASSWORD + "\n");
        Map<String, Object> args = args("name", "web", "chart", chart, "values_files", List.of(secrets.toString()),
                "return_manifest", true);
        try (DirectRun run = HelmLab.run(ns).diff(true)) {
            Result installed = run.run(args);
            assertTrue(installed.isChanged());
            assertEquals(2, installed.diffs().size(), "a values diff and a manifest diff");
            String manifestDiff = installed.diffs().get(1).after();
            assertTrue(manifestDiff.contains("kind: Secret") && manifestDiff.contains("password: <masked sha256:"), manifestDiff);
            assertTrue(installed.diffs().get(0).after().contains("password: <masked>"), installed.diffs().get(0).after());
            assertTrue(String.valueOf(installed.data().get("manifest")).contains("<masked sha256:"));
            assertFalse(allText(installed).contains(PASSWORD), allText(installed));
            assertTrue(run.secrets().contains(PASSWORD), "the value is registered with the redactor");

            Files.writeString(secrets, "credentials:\n  password: another-" + PASSWORD + "\n");
            Result predicted = run.check(true).run(args);
            assertTrue(predicted.isChanged());
            Diff manifest = new Diff(predicted.diffs().get(1));
            assertFalse(manifest.before().equals(manifest.after()), "a changed Secret value shows as a changed hash");
            assertFalse(allText(predicted).contains(PASSWORD), allText(predicted));
            assertTrue(run.secrets().contains("another-" + PASSWORD));
        }
    }

    @Test
    void aBrokenValuesFileIsNamedWithoutQuotingItsContent(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "credentials:\n  password: " + PASSWORD + "\n  list: [unclosed\n");
        try (DirectRun run = HelmLab.run(HelmLab.namespace("broken"))) {
            UserError e = assertThrows(UserError.class, () -> run.run(args("name", "web",
                    "chart", HelmLab.chartCopy(dir).toString(), "values_files", List.of(broken.toString()))));
            assertTrue(e.format().contains("broken.yaml:4:1: invalid YAML: "), e.format());
            assertFalse(e.format().contains(PASSWORD), e.format());
        }
    }

    @Test
    void mustacheValuesFilesAreRenderedWithTheHostsVariables(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("mustache");
        Path values = dir.resolve("mp-values.yaml.mustache");
        Files.writeString(values, "message: \"org {{ org }}\"\n");
        try (DirectRun run = HelmLab.run(ns)) {
            Result r = run.run(args("name", "mp", "chart", HelmLab.chartCopy(dir).toString(), "values_files", List.of(values.toString())));
            assertTrue(r.isChanged());
            assertEquals("org tetrate", client().configMaps().inNamespace(ns).withName("mp-config").get().getData().get("message"));
        }
    }

    @Test
    void uninstallIsChangedThenOk(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("absent");
        try (DirectRun run = HelmLab.run(ns)) {
            run.run(args("name", "web", "chart", HelmLab.chartCopy(dir).toString()));
            Result predicted = run.check(true).diff(true).run(args("name", "web", "state", "absent"));
            assertTrue(predicted.isChanged());
            assertTrue(predicted.diffs().get(0).before().contains("name: web-config") && predicted.diffs().get(0).after().isEmpty());
            assertFalse(allText(predicted).contains("chart-default-password"), allText(predicted));
            assertEquals(1, history(ns, "web").size(), "check mode uninstalled nothing");

            Result removed = run.check(false).diff(false).run(args("name", "web", "state", "absent"));
            assertTrue(removed.isChanged());
            assertEquals("uninstalled", removed.data().get("action"));
            assertTrue(history(ns, "web").isEmpty());
            assertNull(client().configMaps().inNamespace(ns).withName("web-config").get());

            Result again = run.run(args("name", "web", "state", "absent"));
            assertFalse(again.isChanged());
            assertEquals("absent", again.data().get("action"));
        }
    }

    @Test
    void uninstallWithWaitReturnsOnceTheObjectsAreGone(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("absentwait");
        try (DirectRun run = HelmLab.run(ns)) {
            run.run(args("name", "web", "chart", HelmLab.chartCopy(dir).toString()));
            // a controller still holds the ConfigMap: Helm's delete leaves it terminating
            var config = client().configMaps().inNamespace(ns).withName("web-config");
            config.edit(cm -> new ConfigMapBuilder(cm).editMetadata().addToFinalizers("example.com/hold").endMetadata().build());
            CompletableFuture<Result> uninstall = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.run(args("name", "web", "state", "absent", "wait", true, "timeout", "5m"));
                } catch (ModuleException | InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            String waiting = "ConfigMap " + ns + "/web-config: still exists";
            awaitProgressWhileRunning(run, l -> l.contains(waiting), uninstall, "returned while the ConfigMap was still there: ");
            assertTrue(run.progressLines().stream().anyMatch(l -> l.startsWith(ns + ": waiting for the release's ")
                    && l.contains(waiting)), run.progressLines().toString());
            assertNull(client().apps().deployments().inNamespace(ns).withName("web-web").get());
            assertNull(client().secrets().inNamespace(ns).withName("web-credentials").get());

            config.edit(cm -> new ConfigMapBuilder(cm).editMetadata().withFinalizers(List.of()).endMetadata().build());
            Result removed = uninstall.get(5, TimeUnit.MINUTES);
            assertTrue(removed.isChanged() && !removed.isFailed(), removed.toString());
            assertNull(config.get());
        }
    }

    @Test
    void waitShowsProgressAndEndsWithTheWorkloadsReady(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("wait");
        // the release's pod is held starting until progress was shown: Helm is seen waiting, whatever the load
        HelmLab.lab().cluster(HelmLab.CLUSTER).failPods(ns, Map.of("app.kubernetes.io/instance", "web"), "ContainerCreating", "");
        try (DirectRun run = HelmLab.run(ns)) {
            Map<String, Object> install = args("name", "web", "chart", HelmLab.chartCopy(dir).toString(), "wait", true, "timeout", "5m");
            CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.run(install);
                } catch (ModuleException | InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            awaitProgressWhileRunning(run, l -> true, waiting, "returned while the pod was held starting: ");
            HelmLab.lab().cluster(HelmLab.CLUSTER).clearPodFailures(ns);
            Result r = waiting.get(5, TimeUnit.MINUTES);
            assertTrue(r.isChanged());
            assertEquals("deployed", r.data().get("status"));
            assertEquals(1, client().apps().deployments().inNamespace(ns).withName("web-web").get().getStatus().getReadyReplicas());
            assertFalse(run.progressLines().isEmpty(), "Helm waited for seconds: progress was shown");
            run.progressLines().forEach(l -> assertTrue(l.startsWith(ns + "/web: ") && l.contains("workloads ready"), l));
        }
    }

    @Test
    void aWaitThatTimesOutNamesWhatIsNotReadyAndTheNextRunReportsTheFailedRelease(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("timeout");
        HelmLab.lab().cluster(HelmLab.CLUSTER).failPods(ns, Map.of("app.kubernetes.io/instance", "web"), "ImagePullBackOff",
                "Back-off pulling image nginx:1.27");
        Map<String, Object> args = args("name", "web", "chart", HelmLab.chartCopy(dir).toString(), "wait", true, "timeout", "20s");
        try (DirectRun run = HelmLab.run(ns)) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(args));
            assertTrue(e.getMessage().startsWith("helm install of " + ns + "/web"), e.getMessage());
            assertTrue(e.getMessage().contains("not ready: Deployment web-web (pod web-web-"), e.getMessage());
            assertTrue(e.getMessage().contains("ImagePullBackOff"), e.getMessage());
            assertTrue(e.getMessage().contains("timeout ran out"), e.getMessage());
            assertTrue(e.getMessage().endsWith("the release is now revision 1 failed"), e.getMessage());

            Result next = run.run(args);
            assertTrue(next.isFailed());
            assertTrue(next.msg().contains("revision 1 (demo-0.1.0) is failed") && next.msg().contains("no earlier revision is deployed"),
                    next.msg());
            assertTrue(next.msg().endsWith("Set stuck: rollback or stuck: uninstall to remove the release and install it again"), next.msg());
        }
    }

    @Test
    void atomicRemovesAFailedFirstInstall(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("atomic");
        HelmLab.lab().cluster(HelmLab.CLUSTER).failPods(ns, Map.of("app.kubernetes.io/instance", "web"), "CrashLoopBackOff", "boom");
        try (DirectRun run = HelmLab.run(ns)) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(args("name", "web",
                    "chart", HelmLab.chartCopy(dir).toString(), "atomic", true, "timeout", "20s")));
            assertTrue(e.getMessage().endsWith("the release is not installed"), e.getMessage());
            assertTrue(history(ns, "web").isEmpty());
        }
    }

    @Test
    void aMissingChartIsAPositionedError() {
        try (DirectRun run = HelmLab.run("default")) {
            io.runbook.engine.error.UserError e = assertThrows(io.runbook.engine.error.UserError.class,
                    () -> run.run(args("name", "web", "chart", "no-such-chart")));
            assertTrue(e.getMessage().contains("no-such-chart"), e.getMessage());
        }
    }

    @Test
    void installingIntoAMissingNamespaceSaysHowToFixIt(@TempDir Path dir) throws Exception {
        try (DirectRun run = HelmLab.run("default")) {
            Map<String, Object> args = args("name", "web", "chart", HelmLab.chartCopy(dir).toString(), "namespace", "not-there");
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(args));
            assertTrue(e.getMessage().contains("namespace not-there does not exist") && e.getMessage().contains("create_namespace: true"),
                    e.getMessage());
            // check mode predicts the same failure: no earlier task of the run would have created the namespace
            ModuleException predicted = assertThrows(ModuleException.class, () -> run.check(true).run(args));
            assertEquals(e.getMessage(), predicted.getMessage());

            Result created = run.check(false).run(args("name", "web", "chart", HelmLab.chartCopy(dir.resolve("b")).toString(),
                    "namespace", "created-by-helm", "create_namespace", true));
            assertTrue(created.isChanged());
            assertEquals("created-by-helm", client().namespaces().withName("created-by-helm").get().getMetadata().getName());
        }
    }

    @Test
    void aHostWhoseKubeconfigIsAFileReachesItsContext(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("file");
        Path kubeconfig = dir.resolve("kubeconfig.yaml");
        HelmLab.lab().writeKubeconfig(kubeconfig); // current context: h1; the host asks for h2
        Map<String, Object> vars = Map.of("kubeconfig", kubeconfig.toString(), "kube_context", HelmLab.OTHERS.get(0), "namespace", ns);
        try (DirectRun run = DirectRun.of(new HelmRelease()).host("h2").vars(vars)) {
            Result r = run.run(args("name", "web", "chart", HelmLab.chartCopy(dir).toString(), "create_namespace", true));
            assertTrue(r.isChanged() && !r.isFailed(), r.toString());
        }
        assertEquals("hello", HelmLab.lab().cluster(HelmLab.OTHERS.get(0)).client().configMaps().inNamespace(ns)
                .withName("web-config").get().getData().get("message"));
        assertNull(client().configMaps().inNamespace(ns).withName("web-config").get(), "not on the kubeconfig's current context");
    }

    @Test
    void anUnreachableClusterMakesTheHostUnreachable(@TempDir Path dir) throws Exception {
        ClosedPort closed = ClosedPort.tcp();
        int port = closed.port();
        Path kubeconfig = dir.resolve("closed-port.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: gone, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: gone, user: {token: t}}]
                contexts: [{name: gone, context: {cluster: gone, user: gone, namespace: default}}]
                current-context: gone
                """.formatted(port));
        try (closed; DirectRun run = DirectRun.of(new HelmRelease()).host("gone").vars(Map.of("kubeconfig", kubeconfig.toString()))) {
            ModuleException e = assertThrows(ModuleException.class,
                    () -> run.run(args("name", "web", "chart", HelmLab.chartCopy(dir).toString())));
            assertTrue(e.isUnreachable(), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
    }

    /** A diff's two sides, for readability. */
    private record Diff(String before, String after) {
        Diff(io.runbook.engine.module.Diff d) {
            this(d.before(), d.after());
        }
    }

    /**
     * Polls (the test's own condition, no module timing) until the task shows a progress line that {@code line}
     * accepts; the task must still be running then, since what it waits for is held.
     */
    private static void awaitProgressWhileRunning(DirectRun run, java.util.function.Predicate<String> line,
                                                  CompletableFuture<Result> task, String early) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (run.progressLines().stream().noneMatch(line) && !task.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(task.isDone(), () -> early + task.join());
    }
}
