package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules the engine has no Java module of, run as the controller's Ansible (Debian's ansible-core and ansible, which
 * the test setup installs) has them: ansible-core's own, collections' (with their module_utils), service through
 * Ansible's action; their check mode; an action plugin the engine does not run, a name none has and a controller
 * without Ansible refused before the run. (The same modules are compared with ansible-playbook in
 * {@code parity/controller_modules.yml}.)
 */
class ControllerModulesTest {
    private static final Path DIR = Path.of("test/resources/engine/controller_modules").toAbsolutePath();

    @Test
    void ansiblesModulesRunAndASecondRunChangesNothing(@TempDir Path dir) throws Exception {
        String first = run(dir, "site.yml");
        assertTrue(first.contains("localhost                  : ok=9    changed=3 "), first);
        // as community.general.ini_file writes a new file: a blank line before its first section
        assertEquals("\n[engine]\nmode = rehearsal\n", Files.readString(dir.resolve("settings.ini")));
        assertTrue(Files.readString(dir.resolve("fstab")).contains("/dev/null /mnt/runbook-rehearsal ext4 defaults 0 0"));
        assertEquals("vm.swappiness=10\n", Files.readString(dir.resolve("sysctl.conf")));
        String second = run(dir, "site.yml");
        assertTrue(second.contains("localhost                  : ok=9    changed=0 "), second);
    }

    @Test
    void checkModeChangesNothingAndSkipsAModuleWithoutIt(@TempDir Path dir) throws Exception {
        String out = run(dir, "check.yml", "--check");
        assertTrue(out.contains("localhost                  : ok=3    changed=1    unreachable=0    failed=0    skipped=1 "), out);
        assertFalse(Files.exists(dir.resolve("settings.ini")));
    }

    @Test
    void anActionPluginIsRefusedBeforeTheRun() throws Exception {
        String out = refused(Map.of(), "action_plugin.yml");
        assertTrue(out.contains("action_plugin.yml:5:7: 'yum' is run by Ansible's action plugin ansible.builtin.yum"),
                out);
    }

    @Test
    void aNameNoneHasKeepsItsError() throws Exception {
        String out = refused(Map.of(), "unknown.yml");
        // the did-you-mean looks among the controller's modules too
        assertTrue(out.contains("unknown.yml:5:7: unknown module 'ansible.builtin.debconff' (did you mean 'debconf'?)"), out);
    }

    @Test
    void aMisspeltCollectionOfAnEngineModuleIsUnknown() throws Exception {
        String out = refused(Map.of(), "misspelt.yml");
        assertTrue(out.contains("misspelt.yml:6:7: unknown module 'kubernets.core.k8s_info' (did you mean "
                + "'kubernetes.core.k8s_info'?)"), out);
    }

    @Test
    void withoutAnsibleOnTheControllerTheErrorSaysSo() throws Exception {
        // an ansible package without module_utils ahead of the real one: a controller whose Python has no ansible-core
        String out = refused(Map.of("PYTHONPATH", DIR.resolve("no-ansible").toString()), "no_ansible.yml");
        assertTrue(out.contains("no_ansible.yml:5:7: unknown module 'debconf' (the controller has no Ansible to look for "
                + "it in: /usr/bin/python3 cannot import ansible.module_utils"), out);
    }

    @Test
    void aVendoredCollectionsModulesRunAsAnsibleRunsThem() throws Exception {
        // the collection beside the playbook (collections/ansible_collections/example/vendored), its module_utils from
        // there; by full name and by short name under the collections keyword of a play, a task, a role's own
        // collection and a role's meta/main.yml: compared with ansible-playbook, live
        String ours = run(DIR, "vendored.yml");
        String theirs = ansiblePlaybook("vendored.yml");
        assertTrue(ours.contains("\"short.msg\": \"hello play from vendored\""), ours);
        assertTrue(ours.contains("\"pinged.ping\": \"vendored ping\""), ours);
        assertTrue(ours.contains("\"full_ping.ping\": \"vendored ping\""), ours);
        assertEquals(banners(theirs), banners(ours));
    }

    @Test
    void collectionsTheEngineEmulatesKeepItsOwnModulesWithoutAskingPython() throws Exception {
        // the controller's Python has no ansible-core here: a lookup among its collections would fail the check
        Map<String, String> noAnsible = Map.of("PYTHONPATH", DIR.resolve("no-ansible").toString());
        try (EngineProcess engine = EngineProcess.start(DIR, noAnsible, "emulated.yml", "--syntax-check")) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("playbook: emulated.yml"), engine.output());
        }
    }

    @Test
    void cronWritesItsFileAsAnsible(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/crontab")),
                "ansible.builtin.cron needs crontab: install Debian's cron (the test setup, bin/test, does)");
        Path file = dir.resolve("runbook-rehearsal");
        assertTrue(run(dir, "cron.yml").contains("localhost                  : ok=1    changed=1 "));
        assertEquals("#Ansible: runbook rehearsal\n5 2 * * * root /bin/true\n", Files.readString(file));
        assertTrue(run(dir, "cron.yml").contains("localhost                  : ok=1    changed=0 "));
        // check mode predicts the removal and keeps the file
        assertTrue(run(dir, "cron.yml", "--check", "-e", "state=absent").contains("localhost                  : ok=1    changed=1 "));
        assertTrue(Files.exists(file));
        assertTrue(run(dir, "cron.yml", "-e", "state=absent").contains("localhost                  : ok=1    changed=1 "));
        assertFalse(Files.exists(file), "the cron file left without a job is removed, as Ansible removes it");
        assertTrue(run(dir, "cron.yml", "-e", "state=absent").contains("localhost                  : ok=1    changed=0 "));
    }

    @Test
    void aDelegatedServiceTakesTheDelegatesServiceManager() throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, Map.of(), "service_delegated.yml", "-i", "delegates.ini",
                "-vvvv")) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("Running ansible.legacy.sysvinit"), engine.output());
            assertFalse(engine.output().contains("Running ansible.legacy.systemd"), engine.output());
        }
    }

    /** ansible-playbook's output for {@code playbook} of this folder, on localhost. */
    private static String ansiblePlaybook(String playbook) throws Exception {
        Path ansible = Path.of("/usr/bin/ansible-playbook");
        assertTrue(Files.isExecutable(ansible), "ansible-playbook is not installed: run the test setup (bin/test)");
        ProcessBuilder pb = new ProcessBuilder(ansible.toString(), playbook, "-i", "localhost,", "-c", "local")
                .directory(DIR.toFile()).redirectErrorStream(true);
        pb.environment().put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), "ansible-playbook did not finish in 300 s");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /**
     * The output from the first play's banner on, a banner's stars dropped (a collection's role's tasks are named by
     * its full name, {@code example.vendored.greeter :}, in both).
     */
    private static java.util.List<String> banners(String out) {
        return out.lines().dropWhile(l -> !l.startsWith("PLAY ["))
                .map(l -> l.replaceFirst("^((?:PLAY|TASK) \\[.*\\]) \\*+$", "$1")).toList();
    }

    private static String run(Path dir, String playbook, String... flags) throws Exception {
        String[] args = new String[flags.length + 7];
        args[0] = playbook;
        System.arraycopy(flags, 0, args, 1, flags.length);
        System.arraycopy(new String[] {"-i", "localhost,", "-c", "local", "-e", "dir=" + dir}, 0, args, flags.length + 1, 6);
        try (EngineProcess engine = EngineProcess.start(DIR, Map.of(), args)) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            return engine.output();
        }
    }

    private static String refused(Map<String, String> env, String playbook) throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, env, playbook, "-i", "localhost,", "-c", "local")) {
            assertEquals(3, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            return engine.output();
        }
    }
}
