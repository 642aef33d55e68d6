package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.runbook.engine.exec.ExitCode;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose cluster_probe waits for its probe pod gives its fork to the next host: with one fork and six hosts,
 * every host's probe is under way at once (the test lets the probe pods start only then). Each wait still ends as a
 * blocked one did (its own timeout, the task's timeout keyword, Ctrl-C) and the probe's Job and Secret are deleted
 * however it ends; the checks' password is never shown. The Secret, created just after the Job, is owned by it: what
 * a killed run leaves goes with the Job.
 */
class ClusterProbeWithoutForkTest {
    private static final Path FORKS = EngineRun.FIXTURES.resolve("forks");
    private static final List<String> CLUSTERS = List.of("c1", "c2", "c3", "c4", "c5", "c6");
    private static final String PROBE = "Probe the stores";
    private static final String WAITING = "probing db (10.0.0.5:5432), mp (tsb.example.com:9443) from inside the cluster (";
    private static final String PASSWORD = "s3cret-probe-pw";
    private static final Map<String, String> PROBE_POD = Map.of("app.kubernetes.io/name", "runbook-probe");
    /** Only keeps a hung engine from hanging the suite. */
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private Lab lab;
    private Path kubeconfig;

    @BeforeEach
    void startLab(@TempDir Path tmp) throws Exception {
        lab = Lab.start(LabOptions.builder().clusters(CLUSTERS).podReadyDelay(Duration.ofMillis(100)).build());
        kubeconfig = tmp.resolve("lab.kubeconfig");
        lab.writeKubeconfig(kubeconfig);
        // the probe pods pull their images until the test lets them start
        CLUSTERS.forEach(c -> lab.cluster(c).failPods("default", PROBE_POD, "ImagePullBackOff", "Back-off pulling image \"postgres:16\""));
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    @Test
    void hostsWaitingForTheirProbePodGiveTheirForkToTheNextHost() throws Exception {
        // one fork: a probe holding its fork would leave the second host's never started
        EngineThread engine = AllWaiting.start(CLUSTERS, PROBE, WAITING, LIMIT, args("-f", "1"));
        CLUSTERS.forEach(c -> lab.cluster(c).clearPodFailures());
        assertEquals(ExitCode.OK, engine.exitCode(LIMIT), engine.output());
        String out = engine.output();
        for (String host : CLUSTERS) {
            assertTrue(out.lines().anyMatch(l -> l.equals("ok: [" + host + "]")), out);
            assertTrue(out.substring(out.indexOf("PLAY RECAP")).lines()
                    .anyMatch(l -> l.startsWith(host + " ") && l.matches(".* ok=2 +changed=0 +unreachable=0 +failed=0 .*")), out);
        }
        assertFalse(out.contains(PASSWORD), out);
        assertNothingLeftBehind();
    }

    @Test
    void aProbeThatHoldsNoForkStillEndsAtItsOwnTimeoutSayingWhyItsPodDidNotFinish() throws Exception {
        RunResult run = EngineRun.cli(args("-f", "1", "-e", "probe_timeout=2s"));
        assertEquals(ExitCode.HOST_FAILED, run.exitCode(), run.toString());
        for (String host : CLUSTERS) {
            assertEquals("the probe Job did not complete in 2 s: its pod did not finish: container db waiting: ImagePullBackOff"
                    + " (Back-off pulling image \"postgres:16\")", String.valueOf(run.msg(PROBE, host)).split("; container mp")[0],
                    run.toString());
            assertTrue(run.out().contains("  [" + host + "] " + WAITING), run.toString());
            run.assertRecap(host, 0, 0, 0, 1, 0, 0, 0);
        }
        assertFalse(run.out().contains(PASSWORD) || run.err().contains(PASSWORD), run.toString());
        assertNothingLeftBehind();
    }

    @Test
    void aProbeThatHoldsNoForkStillEndsAtTheTaskTimeoutAndDeletesItsJob() throws Exception {
        RunResult run = EngineRun.cli(args("-f", "1", "-e", "task_timeout=2"));
        assertEquals(ExitCode.HOST_FAILED, run.exitCode(), run.toString());
        for (String host : CLUSTERS) {
            assertEquals("The cluster_probe action failed to execute in the expected time frame (2) and was terminated", run.msg(PROBE, host), run.toString());
            run.assertRecap(host, 0, 0, 0, 1, 0, 0, 0);
        }
        assertNothingLeftBehind();
    }

    @Test
    void ctrlCEndsEveryProbingHostWithItsResultAndDeletesTheProbes() throws Exception {
        String out = AllWaiting.interrupt(CLUSTERS, PROBE, WAITING, LIMIT, args("-f", "1"));
        assertFalse(out.contains("TASK [After the probe]") || out.contains(PASSWORD), out);
        assertNothingLeftBehind();
    }

    @Test
    void aKilledRunLeavesASecretOwnedByItsJobSoTheClusterDeletesItWithTheJob() throws Exception {
        try (EngineProcess engine = EngineProcess.start(Path.of("").toAbsolutePath(), args("-f", "1"))) {
            for (String host : CLUSTERS) {
                engine.awaitOutput("  [" + host + "] " + WAITING, LIMIT);
            }
            engine.signal("KILL");
            engine.exitCode(LIMIT);
            assertFalse(engine.output().contains(PASSWORD), engine.output());
        }
        for (String cluster : CLUSTERS) {
            var client = lab.cluster(cluster).client();
            List<Job> jobs = client.batch().v1().jobs().inNamespace("default").list().getItems().stream()
                    .filter(j -> j.getMetadata().getName().startsWith("runbook-probe-")).toList();
            assertEquals(1, jobs.size(), "the killed run deleted nothing on " + cluster);
            Job job = jobs.get(0);
            String name = job.getMetadata().getName();
            Secret secret = client.secrets().inNamespace("default").withName(name).get();
            assertEquals(List.of(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName(name)
                    .withUid(job.getMetadata().getUid()).withController(true).build()), secret.getMetadata().getOwnerReferences());
            // what ends the Job without the run: its deadline, then its TTL deletes it (the lab has neither: the test deletes it)
            assertEquals(600, job.getSpec().getTtlSecondsAfterFinished());
            assertEquals(600 + 30, job.getSpec().getActiveDeadlineSeconds());
            client.batch().v1().jobs().inNamespace("default").withName(name).delete();
        }
        // the cluster's garbage collector deletes each Secret with its Job
        assertNothingLeftBehind();
    }

    @Test
    void theProbePodWaitsForItsSecretCreatedJustAfterItsJob() throws Exception {
        var c1 = lab.cluster("c1");
        c1.clearPodFailures();
        c1.holdRequests("POST", "/api/v1/namespaces/default/secrets");
        EngineThread engine = EngineThread.start(args("-l", "c1"));
        assertTrue(c1.awaitHeldRequests(1, LIMIT), "the Secret's create reached the cluster");
        // the Job is there, its Secret not yet: the pod waits as a kubelet's does
        Await.until(LIMIT, "the probe pod to wait for its Secret", () -> c1.client().v1().events().inNamespace("default")
                .list().getItems().stream().anyMatch(e -> "FailedMount".equals(e.getReason())
                        && e.getMessage().matches("MountVolume\\.SetUp failed for volume \"credentials\" : secret \"runbook-probe-[0-9a-f]{8}\" not found")));
        assertTrue(c1.client().pods().inNamespace("default").withLabels(PROBE_POD).list().getItems().stream()
                .allMatch(p -> "Pending".equals(p.getStatus().getPhase())));
        c1.releaseHeldRequests();
        assertEquals(ExitCode.OK, engine.exitCode(LIMIT), engine.output());
        assertTrue(engine.output().lines().anyMatch(l -> l.equals("ok: [c1]")), engine.output());
        assertFalse(engine.output().contains(PASSWORD), engine.output());
        assertNothingLeftBehind();
    }

    /**
     * No probe Job or Secret is left on any cluster: the deletes were sent, or the Job was deleted and what it owns (its
     * pods, the Secret) went with it, as the cluster's garbage collector does.
     */
    private void assertNothingLeftBehind() {
        for (String cluster : CLUSTERS) {
            var client = lab.cluster(cluster).client();
            Await.until(LIMIT, "the probe Job and Secret of " + cluster + " to be deleted", () ->
                    client.batch().v1().jobs().inNamespace("default").list().getItems().stream()
                            .noneMatch(j -> j.getMetadata().getName().startsWith("runbook-probe-"))
                    && client.secrets().inNamespace("default").list().getItems().stream()
                            .noneMatch(s -> s.getMetadata().getName().startsWith("runbook-probe-")));
        }
    }

    private String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of(FORKS.resolve("probe.yml").toString(), "-i", FORKS.resolve("hosts.yml").toString(),
                "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
