package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ansible.module_utils a library/ module imports, found where ansible-core 2.14 finds them (ansible-playbook passes
 * the same playbook): the playbook's module_utils/, a role's (for the role's module and the playbook's), the folder of
 * ANSIBLE_MODULE_UTILS, then Ansible's own, the first that has a name winning (the playbook's ansible_release.py over
 * Ansible's, the playbook's shadowed.py over the configured one); a package and its module; a missing import inside a
 * try: left out; a missing top-level one failing the task with Ansible's message. (The upstream module_utils target
 * runs in AnsibleCompatTest.)
 */
class ModuleUtilsTest {
    private static final Path DIR = Path.of("test/resources/engine/module_utils").toAbsolutePath();

    @Test
    void moduleUtilsOfThePlaybookARoleAndTheConfiguredFolderShadowAnsiblesInThatOrder() throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, Map.of("ANSIBLE_MODULE_UTILS", "configured_utils"), "site.yml",
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
        try (EngineProcess engine = EngineProcess.start(DIR, Map.of(), "site.yml", "-i", "localhost,", "-c", "local")) {
            assertEquals(2, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().replaceAll("\\s+", " ").contains("Could not find imported module support code for "
                    + "ansible.modules.whereami. Looked for (['ansible.module_utils.cfg_only.data', "
                    + "'ansible.module_utils.cfg_only'])"), engine.output());
        }
    }
}
