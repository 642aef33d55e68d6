package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ansible's plugin filter file ({@code plugin_filters_cfg} of the ansible.cfg {@code ANSIBLE_CONFIG} names, relative to
 * that file), as ansible-core 2.14 applies it (each case ends as ansible-playbook ends it): a module its
 * {@code module_blacklist} names is refused by its short name before anything runs, its full names still reach it;
 * {@code stat} in the list is an error; a missing file is skipped with Ansible's warning.
 */
class PluginFilterTest {
    private static final Path DIR = Path.of("test/resources/engine/plugin-filter").toAbsolutePath();

    @Test
    void aBlockedModulesShortNameIsRefusedBeforeAnythingRuns() throws Exception {
        String out = run("filters.ini", "short.yml", 3);
        assertTrue(out.contains("short.yml:7:7: couldn't resolve module/action 'ping'. This often indicates a misspelling, "
                + "missing collection, or incorrect module path."), out);
        assertFalse(out.contains("first"), out);
    }

    @Test
    void itsFullNamesStillReachIt() throws Exception {
        assertTrue(run("filters.ini", "full.yml", 0).contains("localhost                  : ok=2 "));
    }

    @Test
    void blockingStatIsAnError() throws Exception {
        assertTrue(run("stat.ini", "full.yml", 3).contains("The stat module was specified in the module blacklist file, "
                + DIR.resolve("stat.yml") + ", but Ansible will not function without the stat module.  Please remove stat "
                + "from the blacklist."));
    }

    @Test
    void aMissingFilterFileIsSkippedWithAnsiblesWarning() throws Exception {
        String out = run("missing.ini", "short.yml", 0);
        assertTrue(out.replace("\n", " ").contains("[WARNING]: The plugin filter file, " + DIR.resolve("no-such-filters.yml")
                + " does not exist. Skipping."), out);
    }

    private static String run(String config, String playbook, int code) throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, Map.of("ANSIBLE_CONFIG", config), playbook, "-i", "localhost,",
                "-c", "local")) {
            assertEquals(code, engine.exitCode(Duration.ofMinutes(2)), engine.output());
            return engine.output();
        }
    }
}
