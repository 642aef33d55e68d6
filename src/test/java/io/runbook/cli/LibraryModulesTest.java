package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Modules of library/ folders found where Ansible finds them: a role's (once the role is read) and the folders of
 * ANSIBLE_LIBRARY; the playbook's shadows a built-in module (ping, ansible.legacy.ping; not ansible.builtin.ping) but
 * not what Ansible runs as an action plugin (debug, shell); free-form text given as Ansible's parser gives it; a name none has is still refused before the run. (A playbook's own library/ and how each style of
 * module runs are compared with ansible-playbook in {@code parity/library_modules/site.yml}.) The ansible.module_utils
 * such a module imports, found where ansible-core 2.14 finds them (ansible-playbook passes {@code module_utils/site.yml}
 * too): the playbook's module_utils/, a role's (for the role's module and the playbook's), the folder of
 * ANSIBLE_MODULE_UTILS, then Ansible's own, the first that has a name winning (the playbook's ansible_release.py over
 * Ansible's, the playbook's shadowed.py over the configured one); a package and its module; a missing import inside a
 * try: left out; a missing top-level one failing the task with Ansible's message (the upstream module_utils target runs
 * in AnsibleCompatTest).
 */
class LibraryModulesTest {
    private static final Path DIR = Path.of("test/resources/engine/library_modules").toAbsolutePath();
    private static final Path COMMANDS = Path.of("test/resources/engine/library_commands").toAbsolutePath();
    private static final Path UTILS = Path.of("test/resources/engine/module_utils").toAbsolutePath();

    @Test
    void aRolesModuleAndOneOfAnsibleLibraryRunAndAPlaybooksShadowsABuiltInOneButNotItsAnsibleBuiltinName() throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, Map.of("ANSIBLE_LIBRARY", "modules"), "site.yml",
                "-i", "localhost,", "-c", "local")) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("localhost                  : ok=9 "), engine.output());
        }
    }

    @Test
    void freeFormTextGoesToALibraryCommandAsRawParams() throws Exception {
        try (EngineProcess engine = EngineProcess.start(COMMANDS, Map.of(), "site.yml", "-i", "localhost,", "-c", "local")) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("localhost                  : ok=4 "), engine.output());
        }
    }

    @Test
    void freeFormTextToAnotherLibraryModuleIsRefusedBeforeTheRun() throws Exception {
        try (EngineProcess engine = EngineProcess.start(COMMANDS, Map.of(), "extra_params.yml", "-i", "localhost,",
                "-c", "local")) {
            assertEquals(3, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("extra_params.yml:6:19: 'want_words' takes key=value arguments or a mapping, "
                    + "not 'some words'"), engine.output());
        }
    }

    @Test
    void aModuleNoFolderHasIsRefusedWithADidYouMean() throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, Map.of("ANSIBLE_LIBRARY", "modules"), "unknown.yml",
                "-i", "localhost,", "-c", "local")) {
            assertEquals(3, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("unknown module 'configured_helo' (did you mean 'configured_hello'?)"),
                    engine.output());
        }
    }

    @Test
    void moduleUtilsOfThePlaybookARoleAndTheConfiguredFolderShadowAnsiblesInThatOrder() throws Exception {
        try (EngineProcess engine = EngineProcess.start(UTILS, Map.of("ANSIBLE_MODULE_UTILS", "configured_utils"), "site.yml",
                "-i", "localhost,", "-c", "local")) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("localhost                  : ok=6    changed=0    unreachable=0    "
                    + "failed=0    skipped=0    rescued=0    ignored=1"), engine.output());
            assertTrue(engine.output().replaceAll("\\s+", " ").contains("Could not find imported module support code for "
                    + "ansible.modules.needs_missing. Looked for (['ansible.module_utils.pkg.nothing.data', "
                    + "'ansible.module_utils.pkg.nothing'])"), engine.output());
        }
    }

    @Test
    void withoutTheConfiguredFolderItsImportIsMissing() throws Exception {
        try (EngineProcess engine = EngineProcess.start(UTILS, Map.of(), "site.yml", "-i", "localhost,", "-c", "local")) {
            assertEquals(2, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().replaceAll("\\s+", " ").contains("Could not find imported module support code for "
                    + "ansible.modules.whereami. Looked for (['ansible.module_utils.cfg_only.data', "
                    + "'ansible.module_utils.cfg_only'])"), engine.output());
        }
    }
}
