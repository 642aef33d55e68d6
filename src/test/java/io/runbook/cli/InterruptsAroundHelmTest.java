package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.runbook.engine.exec.ExitCode;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM sent to a real engine process stop the run before, during and after Helm work
 * (helm-java's Go runtime must not keep the process's signals): exit 99, the recap printed, the running task
 * stopped, and for a task stopped while Helm worked, the state the release was left in.
 */
class InterruptsAroundHelmTest {
    private static final Path DIR = EngineRun.FIXTURES.resolve("signals");
    /** Only keeps a hung engine from hanging the suite: every wait below ends on a condition long before. */
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private Lab lab;
    private Path kubeconfig;

    @BeforeEach
    void startLab(@TempDir Path tmp) throws Exception {
        lab = Lab.start(LabOptions.builder().clusters(List.of("c1")).podReadyDelay(Duration.ofMillis(300)).build());
        kubeconfig = tmp.resolve("lab.kubeconfig");
        lab.writeKubeconfig(kubeconfig);
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    private EngineProcess engine(String playbook) {
        return EngineProcess.start(Path.of(""), DIR.resolve(playbook).toString(), "-i", DIR.resolve("hosts.yml").toString(),
                "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath());
    }

    private static void assertStoppedWithRecap(EngineProcess engine, int exit) {
        String out = engine.output();
        assertEquals(ExitCode.INTERRUPTED, exit, out);
        assertTrue(out.contains("interrupted: the run was stopped before it finished"), out);
        assertTrue(out.contains("PLAY RECAP") && out.substring(out.indexOf("PLAY RECAP")).contains("c1 "), out);
    }

    @Test
    void ctrlCDuringAPauseAfterAHelmInstallStopsTheRun() throws Exception {
        try (EngineProcess engine = engine("helm-then-pause.yml")) {
            engine.awaitOutput("TASK [Long pause after Helm]", LIMIT);
            engine.signal("INT");
            assertStoppedWithRecap(engine, engine.exitCode(LIMIT));
            assertTrue(engine.output().contains("changed: [c1]"), "the install ran first: " + engine.output());
            assertFalse(engine.output().contains("TASK [never reached]"), engine.output());
        }
    }

    @Test
    void sigquitStillDumpsThreadsAndSigtermStopsTheRunAfterHelm() throws Exception {
        try (EngineProcess engine = engine("helm-then-pause.yml")) {
            engine.awaitOutput("TASK [Long pause after Helm]", LIMIT);
            engine.signal("QUIT");
            engine.awaitOutput("Full thread dump", LIMIT);
            engine.signal("TERM");
            assertStoppedWithRecap(engine, engine.exitCode(LIMIT));
            assertFalse(engine.output().contains("TASK [never reached]"), engine.output());
        }
    }

    @Test
    void ctrlCBeforeAnyHelmWorkStopsThePauseAndHelmNeverRuns() throws Exception {
        try (EngineProcess engine = engine("pause-then-helm.yml")) {
            engine.awaitOutput("TASK [Long pause before Helm]", LIMIT);
            engine.signal("INT");
            assertStoppedWithRecap(engine, engine.exitCode(LIMIT));
            assertFalse(engine.output().contains("TASK [Install hello]"), engine.output());
        }
        assertTrue(lab.cluster("c1").client().secrets().inNamespace("default").withLabel("owner", "helm").list().getItems().isEmpty());
    }

    @Test
    void ctrlCWhileHelmWaitsSaysTheReleaseIsLeftPendingAndTheNextRunInstallsItAgain() throws Exception {
        lab.cluster("c1").failPods("default", Map.of("app", "hello-web"), "ImagePullBackOff", "Back-off pulling image \"nginx:1.27\"");
        try (EngineProcess engine = engine("helm-wait.yml")) {
            engine.awaitCondition(() -> "pending-install".equals(releaseStatus(1)), "release hello at revision 1 pending-install", LIMIT);
            engine.signal("INT");
            assertStoppedWithRecap(engine, engine.exitCode(LIMIT));
            String out = engine.output();
            assertTrue(out.contains("helm install of default/hello (") && out.contains("charts/hello) was stopped before Helm finished;"
                    + " when the task stopped the release was revision 1 pending-install; it was never deployed, so the next run"
                    + " uninstalls it and installs again (stuck: rollback)"), out);
            assertTrue(out.contains("fatal: [c1]: FAILED! => {\"action\": \"stopped\", \"changed\": true"), out);
            assertFalse(out.contains("context canceled"), out);
            assertFalse(out.contains("TASK [After the install]"), out);
        }
        assertEquals("pending-install", releaseStatus(1), "nothing finished the install after the engine stopped");

        lab.cluster("c1").clearPodFailures();
        try (EngineProcess again = engine("helm-wait.yml")) {
            int exit = again.exitCode(LIMIT);
            String out = again.output();
            assertEquals(ExitCode.OK, exit, out);
            assertTrue(Warnings.of(out).contains("[WARNING]: release default/hello: revision 1 was pending-install and no revision was ever"
                    + " deployed (an install that did not finish): uninstalled the unfinished release to install it again"), out);
            assertTrue(out.contains("changed: [c1]"), out);
        }
        assertEquals("deployed", releaseStatus(1));
    }

    private String releaseStatus(int revision) {
        Secret s = lab.cluster("c1").client().secrets().inNamespace("default").withName("sh.helm.release.v1.hello.v" + revision).get();
        return s == null || s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get("status");
    }
}
