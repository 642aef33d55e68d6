package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.runbook.engine.exec.ExitCode;
import io.runbook.lab.tetrate.Scenario;
import io.runbook.lab.tetrate.TetrateEstate;
import io.runbook.lab.tetrate.Timing;
import io.runbook.lab.tetrate.Variants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the engine at several points of {@code recover.yml} on a lab estate that lives on (as
 * {@code lab up --scenario} keeps one) — during the Helm install, during DNS propagation, during token rotation,
 * each kill triggered by what the run reports ({@code --events}), never by time — then {@code --resume}: the run
 * converges with every control plane synced, its recap equal to that of an uninterrupted run on a fresh estate, and
 * its RTO counted from the first start. A second run on the same journal is refused at once while one is going. The
 * Helm install is held where it has recorded the release as pending-install (the lab never answers its Deployment),
 * DNS propagation by a secondary an hour behind, and token rotation where every control plane's operator re-issues
 * a deleted token (the lab holds its create), so those kills land where they should on any machine.
 */
class ResumeAfterKillTest {
    private static final Path ROOT = LabEstateRun.ROOT;
    private static final String FQDN = "tsb.dr.example.test";
    private static final List<String> CONTROL_PLANES = List.of("cp-1", "cp-2", "cp-3");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Only keeps a hung engine from hanging the suite. */
    private static final Duration LIMIT = Duration.ofMinutes(8);
    /** Where a control plane's operator creates the token Secrets it re-issues. */
    private static final String TOKENS = "/api/v1/namespaces/istio-system/secrets";
    @TempDir
    Path dir;
    private final List<TetrateEstate> estates = new ArrayList<>();

    /** An estate in {@code dir/name} that outlives the engine processes, and the arguments that point recover.yml at it. */
    private record Estate(TetrateEstate lab, List<String> args) {
    }

    private Estate open(String name, Variants variants, Timing timing) throws IOException {
        Path state = dir.resolve(name);
        TetrateEstate estate = TetrateEstate.open(new TetrateEstate.Settings(List.of("mgmt", "cp-1", "cp-2", "cp-3"), "mgmt", "tsb",
                FQDN, "dr.example.test", "tetrate", 0, Scenario.MANAGEMENT_CLUSTER_LOST, variants, state, timing));
        estates.add(estate);
        Path kubeconfig = dir.resolve(name + ".kubeconfig");
        estate.lab().writeKubeconfig(kubeconfig);
        return new Estate(estate, List.of("-i", "inventory/lab", "-e", "kubeconfig=" + kubeconfig, "-e", "lab_state_dir=" + state,
                "-e", "dns_port=" + estate.dns().port()));
    }

    @AfterEach
    void close() {
        estates.forEach(TetrateEstate::close);
    }

    private EngineProcess recover(Estate estate, Path journal, Path events) {
        List<String> args = new ArrayList<>(List.of("playbooks/recover.yml", "--journal", journal.toString(), "--events", events.toString()));
        args.addAll(estate.args());
        return EngineProcess.start(ROOT, args.toArray(String[]::new));
    }

    private static EngineProcess resume(Path journal, Path events) {
        return EngineProcess.start(ROOT, "playbooks/recover.yml", "--resume", journal.toString(), "--events", events.toString());
    }

    @Test
    void killedDuringTheHelmInstallAndDuringDnsPropagationTheResumedRunConvergesWithACleanRunsRecapAndASecondRunIsRefused() throws Exception {
        Estate estate = open("killed", Variants.defaults(), Timing.fast());
        Path journal = dir.resolve("journal");
        Instant firstStart = Instant.now();
        Path events1 = dir.resolve("events-1.ndjson");
        // Helm's install is held at its Deployment, after it recorded the release as pending-install
        estate.lab().lab().cluster("mgmt").holdRequests("POST", "/apis/apps/v1/namespaces/tsb/deployments");
        try (EngineProcess first = recover(estate, journal, events1)) {
            first.awaitCondition(() -> "pending-install".equals(mpReleaseStatus(estate)), "release tsb/mp pending-install", LIMIT);
            kill(first);
        } finally {
            estate.lab().lab().cluster("mgmt").releaseHeldRequests();
        }

        estate.lab().dns().setSecondaryDelay(Duration.ofHours(1)); // the update reaches the primary, never the secondary
        Path events2 = dir.resolve("events-2.ndjson");
        try (EngineProcess second = resume(journal, events2)) {
            awaitEvent(second, events2, task("Point " + FQDN), progressOf("mgmt"), "the DNS propagation wait");
            assertRefusedWhileRunning(journal, second.pid()); // it waits for a secondary an hour behind
            kill(second);
        }
        estate.lab().dns().stopSecondary(); // the lab answers from the primary while the secondary is down
        assertTrue(estate.lab().dns().resolve(FQDN).contains(estate.lab().tetrate().envoyAddress()),
                "the record was updated on the primary before the kill");
        estate.lab().dns().setSecondaryDelay(Duration.ofMillis(200));
        // its port can take a moment to be free again after the stop
        Await.until(LIMIT, "the lab DNS secondary to start again", () -> {
            try {
                estate.lab().dns().startSecondary();
                return true;
            } catch (java.io.UncheckedIOException portStillHeld) {
                return false;
            }
        });

        String resumed;
        Instant lastStart = Instant.now();
        try (EngineProcess last = resume(journal, dir.resolve("events-3.ndjson"))) {
            assertEquals(ExitCode.OK, last.exitCode(LIMIT), last.output());
            resumed = last.output();
        }
        assertTrue(resumed.contains("resuming " + journal + " (session 3 of the run started "), resumed);
        assertTrue(Warnings.of(resumed).contains("[WARNING]: [mgmt]: Point " + FQDN), "the DNS change made before the kill counts: " + resumed);
        assertSynced(estate);
        assertRtoCountsFromTheFirstStart(resumed, firstStart, lastStart);

        Map<String, String> clean = cleanRun(Variants.defaults(), Timing.fast());
        assertEquals(clean, recap(resumed), "the resumed recovery's recap is a clean run's:\n" + resumed);
    }

    @Test
    void killedDuringTokenRotationTheResumedRunConvergesAndTakesOverTheKilledRunsLock() throws Exception {
        Estate estate = open("killed", Variants.of("lost", "same"), Timing.fast());
        Path journal = dir.resolve("journal");
        Instant firstStart = Instant.now();
        Path events1 = dir.resolve("events-1.ndjson");
        // each control plane's operator re-issues a deleted token by creating it: that request is held, so the
        // rotation waits for as long as the test needs, however fast or slow the machine
        CONTROL_PLANES.forEach(cp -> cluster(estate, cp).holdRequests("POST", TOKENS));
        try (EngineProcess first = recover(estate, journal, events1)) {
            first.awaitCondition(() -> CONTROL_PLANES.stream().allMatch(cp -> cluster(estate, cp).heldRequests() > 0),
                    "every control plane's operator re-issuing a deleted token (held)", LIMIT);
            kill(first);
        } finally {
            CONTROL_PLANES.forEach(cp -> cluster(estate, cp).releaseHeldRequests());
        }
        assertTrue(read(events1).stream().noneMatch(e -> "task_start".equals(e.get("event"))
                && String.valueOf(e.get("task")).startsWith("The edge reports a synced control plane")),
                "killed while the rotation waited, before the next task");

        String resumed;
        Instant lastStart = Instant.now();
        try (EngineProcess second = resume(journal, dir.resolve("events-2.ndjson"))) {
            assertEquals(ExitCode.OK, second.exitCode(LIMIT), second.output());
            resumed = second.output();
        }
        assertTrue(Warnings.of(resumed).contains("[WARNING]: took over the lock of the run journal " + journal), "the killed run's lock: " + resumed);
        assertSynced(estate);
        for (String cp : CONTROL_PLANES) {
            assertTrue(resumed.contains("\"msg\": \"" + cp + ": tokens rotated, synced after "), cp + " rotated:\n" + resumed);
        }
        assertRtoCountsFromTheFirstStart(resumed, firstStart, lastStart);

        Map<String, String> clean = cleanRun(Variants.of("lost", "same"), Timing.fast());
        assertEquals(clean, recap(resumed), "the resumed recovery's recap is a clean run's:\n" + resumed);
    }

    private static io.runbook.lab.LabCluster cluster(Estate estate, String name) {
        return estate.lab().lab().cluster(name);
    }

    /** While a run holds the journal, a resume of it is refused at once, naming that run's process and start. */
    private void assertRefusedWhileRunning(Path journal, long pid) throws Exception {
        try (EngineProcess other = resume(journal, dir.resolve("events-refused.ndjson"))) {
            assertEquals(ExitCode.INPUT_ERROR, other.exitCode(LIMIT), other.output());
            assertTrue(other.output().contains("is in use by another run: process " + pid + " (started "), other.output());
        }
    }

    /** recover.yml from start to end on a fresh estate (the killed run's estate is closed first): its recap. */
    private Map<String, String> cleanRun(Variants variants, Timing timing) throws Exception {
        estates.forEach(TetrateEstate::close);
        estates.clear();
        Estate fresh = open("clean", variants, timing);
        try (EngineProcess clean = recover(fresh, dir.resolve("clean-journal"), dir.resolve("clean-events.ndjson"))) {
            assertEquals(ExitCode.OK, clean.exitCode(LIMIT), clean.output());
            return recap(clean.output());
        }
    }

    private static void assertSynced(Estate estate) {
        for (String cp : CONTROL_PLANES) {
            Object status = estate.lab().lab().cluster(cp).client().genericKubernetesResources("install.tetrate.io/v1alpha1", "ControlPlane")
                    .inNamespace("istio-system").withName("controlplane").get().getAdditionalProperties().get("status");
            assertEquals("SYNCED", ((Map<?, ?>) status).get("xcp"), cp);
        }
    }

    /**
     * The summary's "synced after N s" spans the sessions: at least from the run's first start, as the journal
     * recorded it (the engine's own clock, so a slow JVM start of the first session cannot shift it), to the last
     * session's start.
     */
    private static void assertRtoCountsFromTheFirstStart(String output, Instant firstStart, Instant lastStart) {
        Matcher m = Pattern.compile("control planes synced after (\\d+) s").matcher(output);
        assertTrue(m.find(), output);
        long seconds = Long.parseLong(m.group(1));
        Matcher started = Pattern.compile("of the run started (\\S+)\\)").matcher(output);
        assertTrue(started.find(), output);
        Instant runStarted = Instant.parse(started.group(1));
        assertFalse(runStarted.isBefore(firstStart.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                "the run started " + runStarted + ", not before the test started it at " + firstStart);
        // the journal's start is said to the second (truncated): allow that one second
        long between = Duration.between(runStarted, lastStart).toSeconds() - 1;
        assertTrue(seconds >= between, "RTO " + seconds + " s counts from the run's first start (" + runStarted
                + "), " + between + " s or more before the last session");
    }

    private static String mpReleaseStatus(Estate estate) {
        Secret s = estate.lab().lab().cluster("mgmt").client().secrets().inNamespace("tsb").withName("sh.helm.release.v1.mp.v1").get();
        return s == null ? null : s.getMetadata().getLabels().get("status");
    }

    private static void kill(EngineProcess engine) throws Exception {
        engine.signal("KILL");
        assertEquals(137, engine.exitCode(LIMIT), engine.output());
    }

    private static Predicate<Map<String, Object>> task(String prefix) {
        return e -> "task_start".equals(e.get("event")) && String.valueOf(e.get("task")).startsWith(prefix);
    }

    private static Predicate<Map<String, Object>> progressOf(String hostPrefix) {
        return e -> "progress".equals(e.get("event")) && String.valueOf(e.get("host")).startsWith(hostPrefix);
    }

    /** Waits until the events file shows {@code start}, then {@code then} after it. */
    private static void awaitEvent(EngineProcess engine, Path events, Predicate<Map<String, Object>> start,
                                   Predicate<Map<String, Object>> then, String what) throws InterruptedException {
        engine.awaitCondition(() -> {
            boolean started = false;
            for (Map<String, Object> e : read(events)) {
                if (started && then.test(e)) {
                    return true;
                }
                started |= start.test(e);
            }
            return false;
        }, what, LIMIT);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> read(Path events) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            if (!Files.exists(events)) {
                return out;
            }
            for (String line : Files.readAllLines(events)) {
                try {
                    out.add(JSON.readValue(line, Map.class));
                } catch (IOException partial) {
                    return out; // a line being written
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Host → its recap counters, from the PLAY RECAP of an output. */
    private static Map<String, String> recap(String output) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^(\\S+)\\s+: (ok=.*?)\\s*$").matcher(output.substring(output.lastIndexOf("PLAY RECAP")));
        while (m.find()) {
            out.put(m.group(1), m.group(2).replaceAll("\\s+", " "));
        }
        return out;
    }
}
