package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.runbook.engine.exec.ExitCode;
import io.runbook.lab.tetrate.Scenario;
import io.runbook.lab.tetrate.TetrateEstate;
import io.runbook.lab.tetrate.Timing;
import io.runbook.lab.tetrate.Variants;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the engine in the middle of {@code recover.yml} against a lab estate that lives on (as
 * {@code engine.jar lab up --scenario} keeps one), at the two steps a crash can leave half done (Helm's first install
 * of the management plane, and the deletion of control-plane tokens): every next run carries on from what the
 * crash left, with no extra option, until the estate is recovered. (The other steps apply, compare-and-set or
 * read, which a second run of recover.yml is shown to repeat without change elsewhere.)
 */
class RecoverAfterCrashTest {
    private static final Path ROOT = LabEstateRun.ROOT;
    private static final String FQDN = "tsb.dr.example.test";
    /** Only keeps a hung engine from hanging the suite. */
    private static final Duration LIMIT = Duration.ofMinutes(8);
    @TempDir
    Path dir;
    private TetrateEstate estate;
    private Path kubeconfig;
    private int dnsPort;

    private void open(Variants variants) throws IOException {
        estate = TetrateEstate.open(new TetrateEstate.Settings(List.of("mgmt", "cp-1", "cp-2", "cp-3"), "mgmt", "tsb", FQDN,
                "dr.example.test", "tetrate", 0, Scenario.MANAGEMENT_CLUSTER_LOST, variants, dir.resolve("state"), Timing.fast()));
        dnsPort = estate.dns().port();  // the port the lab DNS bound: one picked beforehand may be taken meanwhile
        kubeconfig = dir.resolve("lab.kubeconfig");
        estate.lab().writeKubeconfig(kubeconfig);
    }

    @AfterEach
    void close() {
        if (estate != null) {
            estate.close();
        }
    }

    /** recover.yml with the lab inventory pointed at the estate's kubeconfig, as a user points it at `lab up`. */
    private EngineProcess recover() {
        return EngineProcess.start(ROOT, "playbooks/recover.yml", "-i", "inventory/lab", "-e", "kubeconfig=" + kubeconfig,
                "-e", "lab_state_dir=" + dir.resolve("state"), "-e", "dns_port=" + dnsPort);
    }

    private KubernetesClient cluster(String name) {
        return estate.lab().cluster(name).client();
    }

    private String mpReleaseStatus() {
        Secret s = cluster("mgmt").secrets().inNamespace("tsb").withName("sh.helm.release.v1.mp.v1").get();
        return s == null ? null : s.getMetadata().getLabels().get("status");
    }

    private static void kill(EngineProcess engine) throws Exception {
        engine.signal("KILL");
        assertEquals(137, engine.exitCode(LIMIT), engine.output());
    }

    @Test
    void aRunKilledWhereItLeavesWorkHalfDoneIsCarriedOnByTheNextRun() throws Exception {
        open(Variants.of("lost", "same")); // the new management plane gets a new key: the control planes' tokens are rotated
        // Helm's creation of the management plane's Deployments is held: its first install stays pending-install
        // until the engine is killed, however fast the machine
        estate.lab().cluster("mgmt").holdRequests("POST", "/apis/apps/v1/namespaces/tsb/deployments");
        try (EngineProcess first = recover()) {
            first.awaitCondition(() -> "pending-install".equals(mpReleaseStatus()), "release tsb/mp pending-install", LIMIT);
            kill(first);
        } finally {
            estate.lab().cluster("mgmt").releaseHeldRequests();
        }
        assertEquals("pending-install", mpReleaseStatus(), "the crash left the first install unfinished");

        List<String> tokens = List.of("otel-token", "oap-token", "ngac-token", "xcp-edge-central-auth-token");
        try (EngineProcess second = recover()) {
            second.awaitOutput("TASK [Wait for the management plane's pods", LIMIT);
            assertTrue(Warnings.of(second.output()).contains("[WARNING]: release tsb/mp: revision 1 was pending-install and no revision was"
                    + " ever deployed (an install that did not finish): uninstalled the unfinished release to install it again"),
                    second.output());
            second.awaitOutput("TASK [Rotate the control plane's tokens", LIMIT);
            second.awaitCondition(() -> missingTokens(tokens) > 0, "a token Secret deleted", LIMIT);
            kill(second);
        }
        assertEquals("deployed", mpReleaseStatus());

        try (EngineProcess last = recover()) {
            int exit = last.exitCode(LIMIT);
            assertEquals(ExitCode.OK, exit, last.output());
            assertFalse(last.output().contains("FAILED!") || last.output().contains("UNREACHABLE!"), last.output());
        }
        assertEquals("deployed", mpReleaseStatus());
        assertEquals(0, missingTokens(tokens), "every token exists again");
        for (String cp : List.of("cp-1", "cp-2", "cp-3")) {
            Object status = cluster(cp).genericKubernetesResources("install.tetrate.io/v1alpha1", "ControlPlane").inNamespace("istio-system")
                    .withName("controlplane").get().getAdditionalProperties().get("status");
            assertEquals("SYNCED", ((Map<?, ?>) status).get("xcp"), cp);
        }
    }

    private int missingTokens(List<String> tokens) {
        List<String> missing = new ArrayList<>();
        for (String cp : List.of("cp-1", "cp-2", "cp-3")) {
            for (String token : tokens) {
                if (cluster(cp).secrets().inNamespace("istio-system").withName(token).get() == null) {
                    missing.add(cp + "/" + token);
                }
            }
        }
        return missing.size();
    }
}
