package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ansible's plugin filter file ({@code plugin_filters_cfg} of the ansible.cfg {@code ANSIBLE_CONFIG} names, relative to
 * that file), as ansible-core 2.14 applies it (each case ends as ansible-playbook ends it): a module its
 * {@code module_blacklist} names is refused by its short name before anything runs (named by {@code action:}, a
 * template or ad-hoc's {@code -m}, it fails the task on each host when it runs), its full names still reach it;
 * {@code stat} in the list is an error; a missing file is skipped with Ansible's warning. Run in this JVM, with
 * {@code ANSIBLE_CONFIG} named relative to the working directory (the module's folder), as a user may name it.
 */
class PluginFilterTest {
    private static final Path FOLDER = Path.of("test/resources/engine/plugin-filter");
    private static final Path DIR = FOLDER.toAbsolutePath();

    @Test
    void aBlockedModulesShortNameIsRefusedBeforeAnythingRuns() {
        RunResult r = run("filters.ini", "short.yml", 3);
        assertTrue(r.err().contains(FOLDER.resolve("short.yml") + ":7:7: couldn't resolve module/action 'ping'. This often "
                + "indicates a misspelling, missing collection, or incorrect module path."), r.toString());
        assertFalse(r.out().contains("first") || r.err().contains("first"), r.toString());
    }

    @Test
    void itsFullNamesStillReachIt() {
        RunResult r = run("filters.ini", "full.yml", 0);
        assertTrue(r.out().contains("localhost                  : ok=2 "), r.toString());
    }

    @Test
    void blockingStatIsAnError() {
        RunResult r = run("stat.ini", "full.yml", 3);
        assertTrue(r.err().contains("The stat module was specified in the module blacklist file, " + DIR.resolve("stat.yml")
                + ", but Ansible will not function without the stat module.  Please remove stat from the blacklist."), r.toString());
    }

    @Test
    void aMissingFilterFileIsSkippedWithAnsiblesWarning() {
        RunResult r = run("missing.ini", "short.yml", 0);
        // the warning is wrapped at 80 columns as Ansible's display wraps it (also after a hyphen of the path)
        assertTrue(r.err().replaceAll("\\s+", "").contains(("[WARNING]: The plugin filter file, " + DIR.resolve("no-such-filters.yml")
                + " does not exist. Skipping.").replaceAll("\\s+", "")), r.toString());
    }

    /** As ansible-playbook: a name action: gives (written or a template's) is looked up when the task runs, on each host. */
    @Test
    void aBlockedModuleNamedByActionFailsTheTaskOnEachHostWhenItRuns() {
        RunResult r = run("filters.ini", "action.yml", 2);
        String failure = "FAILED! => {\"msg\": \"" + FOLDER.resolve("action.yml") + ":%d:7: The module ping was not found in "
                + "configured module paths\"}";
        assertTrue(r.out().contains("fatal: [localhost]: " + failure.formatted(6) + "\n...ignoring"), r.toString());
        assertTrue(r.out().contains("fatal: [localhost]: " + failure.formatted(9)), r.toString());
        r.assertRecap("localhost", 1, 0, 0, 1, 0, 0, 1);
    }

    /**
     * As ansible: its ad-hoc play names the module by action:, so a blocked one fails on each host (exit 2) with
     * Ansible's words, where the same name as a playbook task's key is refused before the run; its full name still runs.
     */
    @Test
    void anAdHocCommandOfABlockedModuleFailsOnEachHostAsAnsibles() {
        Map<String, String> env = Map.of("ANSIBLE_CONFIG", FOLDER.resolve("filters.ini").toString());
        RunResult r = EngineRun.cli(env, "adhoc", "all", "-i", "localhost,web1,", "-c", "local", "-m", "ping");
        assertEquals(2, r.exitCode(), r.toString());
        for (String host : java.util.List.of("localhost", "web1")) {
            assertTrue(r.out().contains(host + " | FAILED! => {\n    \"msg\": \"The module ping was not found in configured "
                    + "module paths\"\n}"), r.toString());
        }
        RunResult oneLine = EngineRun.cli(env, "adhoc", "all", "-i", "localhost,", "-c", "local", "-m", "ping", "-o");
        assertEquals(2, oneLine.exitCode(), oneLine.toString());
        assertEquals("localhost | FAILED! => {\"msg\": \"The module ping was not found in configured module paths\"}",
                oneLine.out().strip(), oneLine.toString());
        RunResult full = EngineRun.cli(env, "adhoc", "all", "-i", "localhost,", "-c", "local", "-m", "ansible.builtin.ping");
        assertEquals(0, full.exitCode(), full.toString());
        assertTrue(full.out().contains("localhost | SUCCESS => {"), full.toString());
    }

    @Test
    void anAdHocCommandWarnsOfAMissingFilterFileAsAnsibles() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_CONFIG", FOLDER.resolve("missing.ini").toString()), "adhoc", "all", "-i",
                "localhost,", "-c", "local", "-m", "ping");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().replaceAll("\\s+", "").contains(("[WARNING]: The plugin filter file, " + DIR.resolve("no-such-filters.yml")
                + " does not exist. Skipping.").replaceAll("\\s+", "")), r.toString());
    }

    private static RunResult run(String config, String playbook, int code) {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_CONFIG", FOLDER.resolve(config).toString()), FOLDER.resolve(playbook).toString(),
                "-i", "localhost,", "-c", "local");
        assertEquals(code, r.exitCode(), r.toString());
        return r;
    }
}
