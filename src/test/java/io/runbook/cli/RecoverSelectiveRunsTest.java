package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * recover.yml run as users run it when they do not run all of it: in check mode on the new, empty management
 * cluster (it predicts what the real run then reports), with each documented tag, and with a limit that leaves
 * out a control plane (a lost workload cluster). Each ends green when the work it did succeeded, and its summary
 * says what was not part of the run.
 */
class RecoverSelectiveRunsTest {
    private static final List<String> HOSTS = List.of("mgmt", "cp-1", "cp-2", "cp-3");

    @Test
    void checkModeOnTheNewEmptyClusterPredictsWhatTheRealRunReports(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result check = lab.play(List.of("--check"), "recover.yml");
        assertEquals(0, check.code(), check.out());
        assertTrue(lab.object("mgmt", "Namespace", null, "tsb").isEmpty(), "check mode created nothing\n" + check.out());
        assertTrue(check.out().contains("check mode: would install release tsb/mp"), check.out());
        assertTrue(check.out().contains("cp-1: tokens would be kept (check mode)"), check.out());

        LabEstateRun.Result real = lab.play("recover.yml");
        assertEquals(0, real.code(), real.out());
        for (String host : HOSTS) {
            assertEquals(real.recap(host, "changed"), check.recap(host, "changed"),
                    host + ": check mode predicts the real run's changes\n--- check ---\n" + check.out() + "\n--- real ---\n" + real.out());
        }
    }

    @Test
    void withTheSigningKeyLostCheckModePredictsTheTokenRotationOnEveryControlPlane(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result check = lab.play(List.of("--check"), "recover.yml", "lab_signing_key_backup=lost");
        assertEquals(0, check.code(), check.out());
        for (String cp : HOSTS.subList(1, HOSTS.size())) {
            // as the real run reports (RecoveryPlaybooksTest): one rotation per control plane
            assertEquals(1, check.recap(cp, "changed"), cp + "\n" + check.out());
            assertTrue(check.out().contains(cp + ": tokens would be rotated (check mode)"), check.out());
        }
    }

    @Test
    void everyDocumentedTagAndALimitWithoutAControlPlaneEndGreenOnARecoveredEstate(@TempDir Path dir) throws IOException {
        List<String> tags = documentedTags();
        assertEquals(playbookTags(), new TreeSet<>(tags), "docs/recovery.md documents the playbook's tags");
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result full = lab.play("recover.yml");
        assertEquals(0, full.code(), full.out());

        for (String tag : tags) {
            LabEstateRun.Result run = lab.play(List.of("-t", tag), "recover.yml");
            assertEquals(0, run.code(), "-t " + tag + "\n" + run.out());
            assertEquals(0, run.totalChanged(), "-t " + tag + " on a recovered estate\n" + run.out());
            if (!tag.equals("control-planes")) {
                assertTrue(run.out().contains("cp-1: not part of this run"), "-t " + tag + "\n" + run.out());
            }
        }
        LabEstateRun.Result limited = lab.play(List.of("-l", "!cp-3"), "recover.yml");
        assertEquals(0, limited.code(), limited.out());
        assertTrue(limited.out().contains("cp-3: not part of this run"), limited.out());
        assertTrue(limited.out().contains("control planes synced after"), limited.out());
        assertFalse(limited.out().contains("cp-3: tokens"), limited.out());
    }

    @Test
    void aLostWorkloadClusterLeftOutWithLimitEndsGreen(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result run = lab.play(List.of("-l", "!cp-3"), "recover.yml", "lab_scenario=workload-cluster-lost");
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("cp-3: not part of this run"), run.out());
        for (String cp : List.of("cp-1", "cp-2")) {
            assertTrue(run.out().contains(cp + ": tokens kept, synced after"), run.out());
        }
    }

    /** The tags the table of recovery playbooks (docs/recovery.md) lists for recover.yml. */
    private static List<String> documentedTags() throws IOException {
        String readme = Files.readString(LabEstateRun.ROOT.resolve("docs/recovery.md"));
        Matcher row = Pattern.compile("(?m)^\\| `recover\\.yml` \\|.*Tags per phase: ([^.]*)\\.").matcher(readme);
        assertTrue(row.find(), "docs/recovery.md lists recover.yml's tags");
        List<String> out = new ArrayList<>();
        Matcher tag = Pattern.compile("`([a-z-]+)`").matcher(row.group(1));
        while (tag.find()) {
            out.add(tag.group(1));
        }
        return out;
    }

    /** The tags of recover.yml, as --list-tags shows them (without always). */
    private static Set<String> playbookTags() {
        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(out, true),
                LabEstateRun.ROOT.resolve("playbooks/recover.yml").toString(), "--list-tags",
                "-i", LabEstateRun.ROOT.resolve("inventory/lab").toString());
        assertEquals(0, code, out.toString());
        Set<String> tags = new TreeSet<>();
        Matcher m = Pattern.compile("TASK TAGS: \\[([^]]*)]").matcher(out.toString());
        while (m.find()) {
            for (String t : m.group(1).split(",\\s*")) {
                if (!t.isBlank() && !t.equals("always")) {
                    tags.add(t.trim());
                }
            }
        }
        return tags;
    }
}
