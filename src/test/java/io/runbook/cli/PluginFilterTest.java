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
 * {@code module_blacklist} names is refused by its short name before anything runs, its full names still reach it;
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

    private static RunResult run(String config, String playbook, int code) {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_CONFIG", FOLDER.resolve(config).toString()), FOLDER.resolve(playbook).toString(),
                "-i", "localhost,", "-c", "local");
        assertEquals(code, r.exitCode(), r.toString());
        return r;
    }
}
