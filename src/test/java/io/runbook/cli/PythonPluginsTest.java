package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Python filter and test plugins found where Ansible finds them beyond a playbook's and a role's folders (compared with
 * ansible-playbook in {@code parity/python_plugins/site.yml}): the configured folders (environment, ansible.cfg), a
 * collection's by its full name (a file of it that fails to load skipped with Ansible's warning); many hosts calling
 * them at once; a role's, after a run-time include_role of it; a name none has, a file that cannot be loaded, a
 * filter asking for Jinja's context.
 */
class PythonPluginsTest {
    private static final Path DIR = Path.of("test/resources/engine/python_plugins").toAbsolutePath();
    private static final Map<String, String> CONFIGURED = Map.of("ANSIBLE_FILTER_PLUGINS", "configured/filters",
            "ANSIBLE_TEST_PLUGINS", "configured/tests");

    @Test
    void configuredFoldersAndACollectionsFilterServeManyHostsAtOnce() throws Exception {
        endsWith(CONFIGURED, "site.yml", "a,b,c,d", 0, "a                          : ok=3 ",
                "b                          : ok=3 ", "c                          : ok=3 ", "d                          : ok=3 ");
    }

    @Test
    void ansibleCfgNamesTheConfiguredFoldersToo() throws Exception {
        endsWith(Map.of(), "site.yml", "a,", 0, "a                          : ok=3 ");
    }

    @Test
    void aCollectionsFileThatFailsToLoadIsSkippedWithAnsiblesWarningOncePerTaskOnEachHost() throws Exception {
        // as ansible-playbook 2.14 (its Jinja2Loader's warning, printed by each task's worker on each host): site.yml
        // has two tasks naming acme.tools.wrap, so two hosts show it four times
        try (EngineProcess engine = EngineProcess.start(DIR, CONFIGURED, "site.yml", "-i", "a,b", "-c", "local")) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            String warning = "[WARNING]: Skipping filter plugins in acme.tools.broken_tools'; an error\n"
                    + "occurred while loading: broken_tools cannot say its filters\n";
            assertEquals(4, engine.output().split(java.util.regex.Pattern.quote(warning), -1).length - 1, engine.output());
        }
    }

    @Test
    void aNameNoPluginHasIsRefusedBeforeTheRunWithADidYouMeanAmongThePlugins() throws Exception {
        endsWith(CONFIGURED, "unknown.yml", "a,", 3, "unknown.yml:5:14: unknown filter 'shuot' (did you mean 'shout'?)");
    }

    @Test
    void aRolesPluginsServeTheTasksAfterItsRunTimeIncludeAsInAnsible() throws Exception {
        // as ansible-playbook 2.14: the role's filter fails before the include (ignored), works after it with its test
        // and lookup; a role whose name is templated is not known before it runs, yet its filter is not refused
        endsWith(CONFIGURED, "included_role.yml", "a,", 0, "included_role.yml:8:14: unknown filter 'greet'",
                "\"msg\": \"hello in\"", "\"msg\": \"hello world True hello y\"", "\"msg\": \"bye world\"",
                "a                          : ok=5    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=1");
    }

    @Test
    void aTypoIsStillRefusedWithTheRolesNamesWhenTheIncludedRoleIsKnown() throws Exception {
        endsWith(CONFIGURED, "included_role_typo.yml", "a,", 3,
                "included_role_typo.yml:7:14: unknown filter 'gret' (did you mean 'greet'?)");
    }

    @Test
    void aPluginFileThatCannotBeLoadedIsNamedInTheError() throws Exception {
        endsWith(Map.of("ANSIBLE_FILTER_PLUGINS", "broken"), "unknown.yml", "a,", 3,
                "broken/broken.py: ModuleNotFoundError: No module named 'no_such_module_for_runbook'");
    }

    @Test
    void aFilterAskingForJinjasContextFailsNamingIt() throws Exception {
        endsWith(Map.of("ANSIBLE_FILTER_PLUGINS", "broken"), "context.yml", "a,", 2,
                "filter needs_context asks for Jinja's context, which the engine's templates do not have");
    }

    /** Runs {@code playbook} on {@code hosts} (local connections, as many at once): its exit code and what it shows. */
    private static void endsWith(Map<String, String> env, String playbook, String hosts, int code, String... shown)
            throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, env, playbook, "-i", hosts, "-c", "local", "--forks", "4")) {
            assertEquals(code, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            for (String text : shown) {
                assertTrue(engine.output().contains(text), engine.output());
            }
        }
    }
}
