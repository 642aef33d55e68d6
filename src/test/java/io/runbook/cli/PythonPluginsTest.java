package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Python filter and test plugins found where Ansible finds them beyond a playbook's and a role's folders (compared with
 * ansible-playbook in {@code parity/python_plugins/site.yml}): the configured folders, a collection's by its full
 * name; many hosts calling them at once; a name none has, a file that cannot be loaded, a filter asking for Jinja's
 * context.
 */
class PythonPluginsTest {
    private static final Path DIR = Path.of("test/resources/engine/python_plugins").toAbsolutePath();
    private static final Map<String, String> CONFIGURED = Map.of("ANSIBLE_FILTER_PLUGINS", "configured/filters",
            "ANSIBLE_TEST_PLUGINS", "configured/tests");

    @Test
    void configuredFoldersAndACollectionsFilterServeManyHostsAtOnce() throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, CONFIGURED, "site.yml", "-i", "a,b,c,d", "-c", "local",
                "--forks", "4")) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            for (String host : new String[] {"a", "b", "c", "d"}) {
                assertTrue(engine.output().contains(host + "                          : ok=3 "), engine.output());
            }
        }
    }

    @Test
    void aNameNoPluginHasIsRefusedBeforeTheRunWithADidYouMeanAmongThePlugins() throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, CONFIGURED, "unknown.yml", "-i", "a,", "-c", "local")) {
            assertEquals(3, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("unknown.yml:5:14: unknown filter 'shuot' (did you mean 'shout'?)"),
                    engine.output());
        }
    }

    @Test
    void aPluginFileThatCannotBeLoadedIsNamedInTheError() throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, Map.of("ANSIBLE_FILTER_PLUGINS", "broken"), "unknown.yml",
                "-i", "a,", "-c", "local")) {
            assertEquals(3, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("broken/broken.py: ModuleNotFoundError: No module named "
                    + "'no_such_module_for_runbook'"), engine.output());
        }
    }

    @Test
    void aFilterAskingForJinjasContextFailsNamingIt() throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, Map.of("ANSIBLE_FILTER_PLUGINS", "broken"), "context.yml",
                "-i", "a,", "-c", "local")) {
            assertEquals(2, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("filter needs_context asks for Jinja's context, which the engine's "
                    + "templates do not have"), engine.output());
        }
    }
}
