package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deprecation warnings as ansible-playbook 2.14 prints them (the lines below are its own, spaces at the ends of lines
 * included: it wraps them keeping the spaces where lines break), each once per run, on stderr, and none with
 * {@code deprecation_warnings} off in ansible.cfg or {@code ANSIBLE_DEPRECATION_WARNINGS}. The playbooks run as a user
 * runs them: the engine in its own process, from a folder holding them (and an ansible.cfg). A module's deprecations:
 * {@link K8sExecTest}.
 */
class DeprecationWarningsTest {
    private static final Path DIR = Path.of("test/resources/engine/deprecations").toAbsolutePath();
    /** Shown when the playbook is read, before its first banner. */
    private static final String READ = String.join("\n",
            "[DEPRECATION WARNING]: \"include\" is deprecated, use include_tasks/import_tasks ",
            "instead. See https://docs.ansible.com/ansible-",
            "core/2.14/user_guide/playbooks_reuse_includes.html for details. This feature ",
            "will be removed in version 2.16. Deprecation warnings can be disabled by ",
            "setting deprecation_warnings=False in ansible.cfg.");
    /** Shown when a dynamic legacy include ran, before its included: lines. */
    private static final String RAN = String.join("\n",
            "[DEPRECATION WARNING]: \"include\" is deprecated, use ",
            "include_tasks/import_tasks/import_playbook instead. This feature will be ",
            "removed in version 2.16. Deprecation warnings can be disabled by setting ",
            "deprecation_warnings=False in ansible.cfg.");
    private static final String FACT_PATH = String.join("\n",
            "[DEPRECATION WARNING]: DEFAULT_FACT_PATH option, the module_defaults keyword is",
            " a more generic version and can apply to all calls to the ",
            "M(ansible.builtin.gather_facts) or M(ansible.builtin.setup) actions, use ",
            "module_defaults instead. This feature will be removed from ansible-core in ",
            "version 2.18. Deprecation warnings can be disabled by setting ",
            "deprecation_warnings=False in ansible.cfg.");

    @Test
    void legacyIncludesAreDeprecatedOnceWhenReadAndOnceWhenOneRuns(@TempDir Path tmp) throws Exception {
        String out = run(tmp, null, Map.of());
        assertTrue(out.startsWith(READ + "\n"), "the first deprecation comes as the playbook is read\n" + out);
        assertTrue(out.contains("TASK [include] ****************************************************************"
                + "*\n" + RAN + "\nincluded: "), "the second when the looped include ran, before its included: lines\n" + out);
        assertEquals(1, count(out, READ), out);
        assertEquals(1, count(out, RAN), "the skipped include shows it again, which the run shows once\n" + out);
        assertEquals(2, count(out, "[DEPRECATION WARNING]"), out);
    }

    @Test
    void deprecationWarningsFalseInAnsibleCfgSilencesThem(@TempDir Path tmp) throws Exception {
        String out = run(tmp, "quiet", Map.of());
        assertFalse(out.contains("DEPRECATION"), out);
        assertTrue(out.contains("localhost                  : ok=6 "), out);
    }

    @Test
    void ansibleDeprecationWarningsSilencesThem(@TempDir Path tmp) throws Exception {
        String out = run(tmp, null, Map.of("ANSIBLE_DEPRECATION_WARNINGS", "False"));
        assertFalse(out.contains("DEPRECATION"), out);
        assertTrue(run(tmp.resolve("again"), "quiet", Map.of("ANSIBLE_DEPRECATION_WARNINGS", "yes")).startsWith(READ),
                "the environment wins over ansible.cfg");
    }

    @Test
    void factPathSetInAnsibleCfgIsDeprecatedBeforeThePlaybookIsRead(@TempDir Path tmp) throws Exception {
        String out = run(tmp, "fact-path", Map.of());
        assertTrue(out.startsWith(FACT_PATH + "\n" + READ + "\n"), out);
    }

    /** Runs legacy-include.yml from a copy of the fixtures in {@code tmp} (with {@code cfg}'s ansible.cfg); its output. */
    private static String run(Path tmp, String cfg, Map<String, String> env) throws IOException, InterruptedException {
        Files.createDirectories(tmp);
        for (String f : List.of("legacy-include.yml", "checks.yml")) {
            Files.copy(DIR.resolve(f), tmp.resolve(f));
        }
        if (cfg != null) {
            Files.copy(DIR.resolve(cfg).resolve("ansible.cfg"), tmp.resolve("ansible.cfg"));
        }
        try (EngineProcess engine = EngineProcess.start(tmp, shown(env), "legacy-include.yml", "-i", "localhost,")) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            return engine.output();
        }
    }

    /**
     * {@code env} over the test run's own, whose deprecation warnings are off and whose fact_path is set (src/pom.xml):
     * both removed (null), not emptied: as Ansible's, an empty ANSIBLE_DEPRECATION_WARNINGS is set, to false.
     */
    static Map<String, String> shown(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>();
        all.put("ANSIBLE_DEPRECATION_WARNINGS", null);
        all.put("ANSIBLE_FACT_PATH", null);
        all.putAll(env);
        return all;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
