package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.runbook.engine.exec.ExitCode;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that only waits for a watched condition (secret_delete's {@code wait_regenerated}) gives its fork to the next
 * host: with fewer forks than hosts, every host's wait is under way at once, and each still ends as a blocked wait
 * did (its own timeout, the task's timeout keyword, Ctrl-C), with the same messages.
 */
class WaitWithoutForkTest {
    private static final Path FORKS = EngineRun.FIXTURES.resolve("forks");
    private static final List<String> CLUSTERS = List.of("c1", "c2", "c3", "c4", "c5", "c6");
    private static final List<String> TOKENS = List.of("otel-token", "oap-token");
    private static final String ROTATE = "Rotate the tokens";
    /** Only keeps a hung engine from hanging the suite. */
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private Lab lab;
    private Path kubeconfig;

    @BeforeEach
    void startLab(@TempDir Path tmp) throws Exception {
        lab = Lab.start(LabOptions.builder().clusters(CLUSTERS).build());
        kubeconfig = tmp.resolve("lab.kubeconfig");
        lab.writeKubeconfig(kubeconfig);
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    @Test
    void hostsWaitingForTheirTokensGiveTheirForkToTheNextHost() throws Exception {
        try (BarrierOperator operator = new BarrierOperator(lab)) {
            // two forks, six hosts: had a waiting host kept its fork, the third host would never delete its tokens
            // and the operator would write none back (each wait then ends at its 2-minute timeout)
            RunResult run = rotate("-f", "2");
            assertEquals(ExitCode.OK, run.exitCode(), run.toString());
            assertTrue(operator.reissued.get(), run.toString());
            for (String host : CLUSTERS) {
                assertEquals("changed", run.status(ROTATE, host), run.toString());
                assertEquals(Set.copyOf(TOKENS), ((Map<?, ?>) run.registered(ROTATE, host).get("regenerated")).keySet(),
                        run.toString());
                assertTrue(String.valueOf(run.msg(ROTATE, host)).endsWith("; all regenerated"), run.toString());
                run.assertRecap(host, 3, 2, 0, 0, 0, 0, 0);
            }
        }
    }

    @Test
    void hostsWaitingForAnObjectGiveTheirForkToTheNextHost() throws Exception {
        // two forks: a wait holding its fork would leave the third host's never started
        EngineThread engine = allWaiting("await-phase.yml", "2", "Wait for the phase", "ConfigMap default/phase");
        for (String cluster : CLUSTERS) {
            lab.cluster(cluster).client().configMaps().inNamespace("default").withName("phase")
                    .edit(c -> new io.fabric8.kubernetes.api.model.ConfigMapBuilder(c).addToData("phase", "INSTALLED").build());
        }
        assertEquals(ExitCode.OK, engine.exitCode(LIMIT), engine.output());
        String recap = engine.output().substring(engine.output().indexOf("PLAY RECAP"));
        for (String host : CLUSTERS) {
            assertTrue(recap.lines().anyMatch(l -> l.startsWith(host + " ") && l.matches(".* ok=2 +changed=1 +unreachable=0 +failed=0 .*")),
                    engine.output());
        }
    }

    @Test
    void hostsWaitingForTheirPodsGiveTheirForkToTheNextHost() throws Exception {
        // one fork: a wait holding its fork would leave the second host's never started
        EngineThread engine = allWaiting("await-pods.yml", "1", "Wait for the pods", "default: 0/0 ready (");
        for (String cluster : CLUSTERS) {
            lab.cluster(cluster).seed("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: meet, namespace: default}
                    spec:
                      replicas: 1
                      selector: {matchLabels: {app: meet}}
                      template:
                        metadata: {labels: {app: meet}}
                        spec: {containers: [{name: meet, image: "tetrate/meet:1"}]}
                    """);
        }
        assertEquals(ExitCode.OK, engine.exitCode(LIMIT), engine.output());
        String out = engine.output();
        for (String host : CLUSTERS) {
            assertTrue(out.lines().anyMatch(l -> l.equals("ok: [" + host + "]")), out);
            assertTrue(out.substring(out.indexOf("PLAY RECAP")).lines()
                    .anyMatch(l -> l.startsWith(host + " ") && l.matches(".* ok=1 +changed=0 +unreachable=0 +failed=0 .*")), out);
        }
    }

    @Test
    void hostsWaitingForWhatTheyAppliedOrDeletedGiveTheirForkToTheNextHost() throws Exception {
        try (GateKeeper gates = new GateKeeper(lab, "c1", List.of("gate-a", "gate-b"))) {
            // one fork, two hosts: each host's apply waits for the other's half of the ConfigMap, each host's delete for
            // its gate, which goes only once both gates are being deleted; a wait holding the fork would leave host b's
            // task never started and host a's wait would end at its 2-minute timeout
            RunResult run = EngineRun.cli(FORKS.resolve("meet.yml").toString(), "-i", FORKS.resolve("pair.yml").toString(),
                    "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath(), "-f", "1");
            assertEquals(ExitCode.OK, run.exitCode(), run.toString());
            for (String host : List.of("a", "b")) {
                assertEquals("changed", run.status("Meet", host), run.toString());
                assertTrue(run.registered("Meet", host).get("duration") instanceof Number, run.toString());
                assertEquals("changed", run.status("Leave", host), run.toString());
                assertEquals("1 deleted", run.msg("Leave", host), run.toString());
                run.assertRecap(host, 2, 2, 0, 0, 0, 0, 0);
            }
            assertEquals(Map.of("a", "here", "b", "here"),
                    lab.cluster("c1").client().configMaps().inNamespace("default").withName("meeting").get().getData());
            assertEquals(null, lab.cluster("c1").client().configMaps().inNamespace("default").withName("gate-a").get());
        }
    }

    @Test
    void aWaitThatHoldsNoForkStillEndsAtItsOwnTimeoutNamingTheMissingTokens() {
        RunResult run = rotate("-f", "1", "-e", "regenerate_timeout=2s");
        assertEquals(ExitCode.HOST_FAILED, run.exitCode(), run.toString());
        for (String host : CLUSTERS) {
            assertEquals("timed out after 2 s: otel-token, oap-token not regenerated; check that the operator that writes"
                    + " them is running and can reach the management plane", run.msg(ROTATE, host), run.toString());
            assertEquals(TOKENS, run.registered(ROTATE, host).get("missing"), run.toString());
            assertTrue(run.out().contains("  [" + host + "] regenerated 0/2 ("), run.toString());
            run.assertRecap(host, 1, 1, 0, 1, 0, 0, 0);
        }
        assertFalse(run.out().contains("TASK [After the rotation]"), run.toString());
    }

    @Test
    void aWaitThatHoldsNoForkStillEndsAtTheTaskTimeout() {
        RunResult run = rotate("-f", "1", "-e", "task_timeout=2");
        assertEquals(ExitCode.HOST_FAILED, run.exitCode(), run.toString());
        for (String host : CLUSTERS) {
            assertEquals("failed", run.status(ROTATE, host), run.toString());
            assertEquals("The secret_delete action failed to execute in the expected time frame (2) and was terminated", run.msg(ROTATE, host), run.toString());
            run.assertRecap(host, 1, 1, 0, 1, 0, 0, 0);
        }
    }

    @Test
    void aPodWaitThatHoldsNoForkStillEndsAtTheTaskTimeout() {
        RunResult run = EngineRun.cli(FORKS.resolve("await-pods.yml").toString(), "-i", FORKS.resolve("hosts.yml").toString(),
                "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath(), "-f", "1", "-e", "task_timeout=5");
        assertEquals(ExitCode.HOST_FAILED, run.exitCode(), run.toString());
        // 5 s: the first poll of each wait (a new client's first request) must show its progress within the limit,
        // also on a loaded machine, where 2 s was seen to end one host's wait inside that request
        for (String host : CLUSTERS) {
            assertEquals("The wait_pods action failed to execute in the expected time frame (5) and was terminated", run.msg("Wait for the pods", host), run.toString());
            assertTrue(run.out().contains("  [" + host + "] default: 0/0 ready ("), run.toString());
            run.assertRecap(host, 0, 0, 0, 1, 0, 0, 0);
        }
    }

    @Test
    void ctrlCEndsEveryWaitingHostWithItsResultBeforeTheRecap() throws Exception {
        String out = interruptedWhileAllWait("rotate.yml", "regenerated 0/2 (", ROTATE);
        assertFalse(out.contains("TASK [After the rotation]"), out);
    }

    @Test
    void ctrlCEndsEveryHostWaitingForItsPodsWithItsResultBeforeTheRecap() throws Exception {
        interruptedWhileAllWait("await-pods.yml", "default: 0/0 ready (", "Wait for the pods");
    }

    /**
     * Starts {@code playbook} with {@code forks} forks and returns once every host's wait in {@code task} shows
     * {@code progress}: all six wait at once.
     */
    private EngineThread allWaiting(String playbook, String forks, String task, String progress) throws Exception {
        return AllWaiting.start(CLUSTERS, task, progress, LIMIT, FORKS.resolve(playbook).toString(), "-i",
                FORKS.resolve("hosts.yml").toString(), "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath(), "-f", forks);
    }

    /** {@link AllWaiting#interrupt} of {@code playbook} on the six clusters. The output. */
    private String interruptedWhileAllWait(String playbook, String progress, String task) throws Exception {
        return AllWaiting.interrupt(CLUSTERS, task, progress, LIMIT, FORKS.resolve(playbook).toString(),
                "-i", FORKS.resolve("hosts.yml").toString(), "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath(), "-f", "1");
    }

    private RunResult rotate(String... args) {
        List<String> all = new ArrayList<>(List.of(FORKS.resolve("rotate.yml").toString(), "-i", FORKS.resolve("hosts.yml").toString(),
                "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath()));
        all.addAll(List.of(args));
        return EngineRun.cli(all.toArray(String[]::new));
    }

    /**
     * Holds ConfigMaps by a finalizer, and lets them go only once every one of them is being deleted: their deletion
     * waits can only end when the hosts that delete them wait at once.
     */
    private static final class GateKeeper implements AutoCloseable {
        private static final String FINALIZER = "runbook.test/gate";
        private final Set<String> deleting = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean released = new AtomicBoolean();
        private final Watch watch;

        GateKeeper(Lab lab, String cluster, List<String> names) {
            var configMaps = lab.cluster(cluster).client().configMaps().inNamespace("default");
            for (String name : names) {
                configMaps.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName(name)
                        .withNamespace("default").addToFinalizers(FINALIZER).endMetadata().build()).create();
            }
            watch = configMaps.watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, io.fabric8.kubernetes.api.model.ConfigMap cm) {
                    String name = cm.getMetadata().getName();
                    if (names.contains(name) && cm.getMetadata().getDeletionTimestamp() != null) {
                        deleting.add(name);
                        if (deleting.size() == names.size() && released.compareAndSet(false, true)) {
                            CompletableFuture.runAsync(() -> names.forEach(n -> configMaps.withName(n).edit(
                                    c -> new io.fabric8.kubernetes.api.model.ConfigMapBuilder(c).editMetadata()
                                            .removeFromFinalizers(FINALIZER).endMetadata().build())));
                        }
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            });
        }

        @Override
        public void close() {
            watch.close();
        }
    }

    /**
     * Plays the tokens' operator, but writes them again only once the tokens of every cluster were deleted: the run can
     * only succeed when the hosts' waits are under way at once.
     */
    private static final class BarrierOperator implements AutoCloseable {
        private final Set<String> deleted = ConcurrentHashMap.newKeySet();
        private final List<Watch> watches = new ArrayList<>();
        private final AtomicBoolean reissued = new AtomicBoolean();
        private final Lab lab;

        BarrierOperator(Lab lab) {
            this.lab = lab;
            for (String cluster : CLUSTERS) {
                watches.add(lab.cluster(cluster).client().secrets().inNamespace("default").watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Secret secret) {
                        String name = secret.getMetadata().getName();
                        if (action == Action.DELETED && TOKENS.contains(name)) {
                            deleted.add(cluster + "/" + name);
                            if (deleted.size() == CLUSTERS.size() * TOKENS.size() && reissued.compareAndSet(false, true)) {
                                CompletableFuture.runAsync(BarrierOperator.this::reissueAll);
                            }
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                }));
            }
        }

        private void reissueAll() {
            for (String cluster : CLUSTERS) {
                for (String name : TOKENS) {
                    lab.cluster(cluster).client().secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
                            .withName(name).withNamespace("default").endMetadata().addToStringData("token", "fresh").build()).create();
                }
            }
        }

        @Override
        public void close() {
            watches.forEach(Watch::close);
        }
    }
}
