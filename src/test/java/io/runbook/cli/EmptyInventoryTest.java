package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The product playbooks never succeed having done nothing: run where no runbook.yml names the inventory, or
 * with an inventory that lacks their groups, they fail at once saying which group is empty and which
 * inventory was read.
 */
class EmptyInventoryTest {
    private static final Path PLAYBOOKS = LabEstateRun.ROOT.resolve("playbooks");

    @Test
    void verifyRunWhereNoRunbookYmlIsFoundFailsSayingThereIsNoInventory(@TempDir Path elsewhere) throws Exception {
        List<String> command = EngineJvm.command();
        command.add(PLAYBOOKS.resolve("verify.yml").toString());
        Process p = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(2, p.exitValue(), out);
        assertTrue(Warnings.of(out).contains("[WARNING]: No inventory was parsed, only implicit localhost is available"), out);
        assertTrue(out.contains("the inventory has no host in group management (the management cluster)"), out);
        assertTrue(out.contains("inventory: none given, and no runbook.yml found here or above"), out);
        assertFalse(out.contains("TASK [Every management-plane workload is ready]"), out);
    }

    @Test
    void aMissingInventoryFileWarnsAndTheRunGoesOnWithTheImplicitLocalhostAsAnsiblePlaybookDoes() {
        Path missing = Path.of(EngineRun.fixture("inventory")).resolve("hosts.yaml").toAbsolutePath().normalize();
        RunResult r = EngineRun.cli(EngineRun.fixture("inventory/implicit-localhost.yml"), "-i", missing.toString());
        assertEquals(0, r.exitCode(), r.toString());
        // wrapped at 80 columns as Ansible's display wraps, which may break the path after a hyphen
        String warnings = r.err().replace("-\n", "-").replace("\n", " ");
        assertTrue(warnings.contains("[WARNING]: Unable to parse " + missing + " as an inventory source (no such file or "
                + "folder; did you mean 'hosts.yml'?)"), r.toString());
        assertTrue(warnings.contains("[WARNING]: No inventory was parsed, only implicit localhost is available [WARNING]: "
                + "provided hosts list is empty, only localhost is available. Note that the implicit localhost does not "
                + "match 'all'"), "both of ansible-playbook's warnings, in its order: " + r);
        assertEquals(List.of("TASK [runs on the implicit localhost]"), r.taskBanners(), r.toString());
        assertTrue(r.lines().contains("skipping: no hosts matched"), r.toString());
        r.assertRecap("localhost", 1, 0, 0, 0, 0, 0, 0);
    }

    /** ansible-inventory's display shows the same warning once: a missing source given twice warns once. */
    @Test
    void aMissingInventoryFileGivenTwiceWarnsOnceAsAnsibleInventoryDoes() {
        String missing = Path.of(EngineRun.fixture("inventory")).resolve("hosts.yaml").toAbsolutePath().normalize().toString();
        RunResult r = EngineRun.cli("inventory", "-i", missing, "-i", missing, "--list");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> warnings = Warnings.list(r.err());
        assertEquals(1, warnings.stream().filter(w -> w.startsWith("[WARNING]: Unable to parse " + missing)).count(), r.toString());
        assertEquals(1, warnings.stream().filter(w -> w.equals("[WARNING]: No inventory was parsed, only implicit localhost is available"))
                .count(), r.toString());
    }

    /**
     * The command line's warning for an inventory without hosts is ansible-playbook's and ansible's (unless its pattern
     * is the implicit localhost's name), not ansible-inventory's, which shows only the inventory's own.
     */
    @Test
    void aMissingInventoryWarnsOfNoHostsAsEachOfAnsiblesCommandsDoes() {
        String missing = Path.of(EngineRun.fixture("inventory")).resolve("hosts.yaml").toAbsolutePath().normalize().toString();
        String noHosts = "[WARNING]: provided hosts list is empty, only localhost is available. Note that the implicit "
                + "localhost does not match 'all'";
        String unparsed = "[WARNING]: No inventory was parsed, only implicit localhost is available";
        for (String view : List.of("--list", "--graph")) {
            RunResult r = EngineRun.cli("inventory", "-i", missing, view);
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(Warnings.list(r.err()).contains(unparsed), r.toString());
            assertFalse(Warnings.list(r.err()).contains(noHosts), "ansible-inventory does not say it: " + r);
        }
        RunResult local = EngineRun.cli("adhoc", "localhost", "-i", missing, "--list-hosts");
        assertEquals(0, local.exitCode(), local.toString());
        assertEquals(List.of(unparsed), Warnings.list(local.err()).stream().filter(w -> !w.contains("Unable to parse"))
                .toList(), local.toString());
        RunResult all = EngineRun.cli("adhoc", "all", "-i", missing, "--list-hosts");
        assertEquals(0, all.exitCode(), all.toString());
        assertEquals(List.of(unparsed, noHosts), Warnings.list(all.err()).stream().filter(w -> !w.contains("Unable to parse"))
                .toList(), all.toString());
    }

    /**
     * ansible.cfg's {@code [defaults] localhost_warning = false} (Ansible's LOCALHOST_WARNING) silences the warning of an
     * inventory without hosts, {@code [inventory] inventory_unparsed_warning = false} (INVENTORY_UNPARSED_WARNING) that of
     * no source read, each only its own, as ansible-playbook and ansible do; so does each one's {@code ANSIBLE_*} variable.
     */
    @ParameterizedTest
    @CsvSource({"ANSIBLE_CONFIG, no-localhost-warning.cfg, unparsed", "ANSIBLE_LOCALHOST_WARNING, false, unparsed",
            "ANSIBLE_CONFIG, no-unparsed-warning.cfg, noHosts", "ANSIBLE_INVENTORY_UNPARSED_WARNING, no, noHosts"})
    void eachWarningOfAnInventoryWithoutHostsHasItsSettingAsInAnsible(String name, String value, String left) {
        String setting = name.equals("ANSIBLE_CONFIG") ? EngineRun.fixture("inventory/quiet/" + value) : value;
        String missing = Path.of(EngineRun.fixture("inventory")).resolve("hosts.yaml").toAbsolutePath().normalize().toString();
        String unparsed = "[WARNING]: No inventory was parsed, only implicit localhost is available";
        String noHosts = "[WARNING]: provided hosts list is empty, only localhost is available. Note that the implicit "
                + "localhost does not match 'all'";
        String kept = left.equals("unparsed") ? unparsed : noHosts;
        String silenced = left.equals("unparsed") ? "provided hosts list is empty" : "No inventory was parsed";
        RunResult run = EngineRun.cli(java.util.Map.of(name, setting), EngineRun.fixture("inventory/implicit-localhost.yml"),
                "-i", missing);
        assertEquals(0, run.exitCode(), run.toString());
        run.assertRecap("localhost", 1, 0, 0, 0, 0, 0, 0);
        RunResult adhoc = EngineRun.cli(java.util.Map.of(name, setting), "adhoc", "all", "-i", missing, "--list-hosts");
        assertEquals(0, adhoc.exitCode(), adhoc.toString());
        for (RunResult r : List.of(run, adhoc)) {
            assertTrue(Warnings.list(r.err()).stream().anyMatch(w -> w.startsWith(kept)), r.toString());
            assertFalse(r.err().contains(silenced), r.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({"recover.yml, management", "verify.yml, control_planes", "triage.yml, management",
            "backup.yml, management", "rotate-control-plane-tokens.yml, control_planes"})
    void aProductPlaybookFailsWhenItsGroupIsEmpty(String playbook, String group, @TempDir Path dir) throws IOException {
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, "all:\n  children:\n    management:\n      hosts: {}\n    control_planes:\n      hosts: {}\n");
        RunResult r = EngineRun.cli(PLAYBOOKS.resolve(playbook).toString(), "-i", inventory.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().contains("the inventory has no host in group " + group + " ("), r.toString());
        assertTrue(r.out().contains("(inventory: " + inventory + ")"), r.toString());
        assertEquals(List.of("TASK [The inventory has hosts in " + (playbook.startsWith("backup") ? "management"
                        : playbook.startsWith("rotate") ? "control_planes" : "management and control_planes") + "]"),
                r.taskBanners(), "nothing else ran\n" + r);
    }
}
