package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playbook run the way a user runs it against Linux hosts behind real OpenSSH servers ({@code .ci/ssh-setup.sh}):
 * file, copy, lineinfile and command over SSH, directly and through a bastion, hosts in parallel, idempotent,
 * check mode changing nothing; an unreachable host is one line and exit 4; host_key_checking = False as in Ansible.
 */
class SshPlaybookTest {
    @TempDir
    Path dir;
    private Map<String, String> env;
    private Path confRoot;

    @BeforeEach
    void servers() throws IOException {
        env = SshTestServers.require();
        confRoot = SshTestServers.userFolder(env, "pb");
    }

    /** An inventory of hosts reached over SSH: name → extra host vars (on top of the common connection vars). */
    private Path inventory(Map<String, String> hosts) throws IOException {
        StringBuilder yaml = new StringBuilder("all:\n  children:\n    linux:\n      vars:\n");
        yaml.append("        ansible_host: ").append(env.get("SSH_IT_HOST")).append('\n');
        yaml.append("        ansible_user: ").append(env.get("SSH_IT_USER")).append('\n');
        yaml.append("        ansible_ssh_private_key_file: ").append(env.get("SSH_IT_KEY")).append('\n');
        yaml.append("        ansible_ssh_known_hosts_file: ").append(env.get("SSH_IT_KNOWN_HOSTS")).append('\n');
        yaml.append("        app_port: 8443\n      hosts:\n");
        for (Map.Entry<String, String> h : hosts.entrySet()) {
            yaml.append("        ").append(h.getKey()).append(":\n");
            yaml.append("          conf_dir: ").append(confRoot.resolve(h.getKey())).append('\n');
            yaml.append(h.getValue());
        }
        return Files.writeString(dir.resolve("hosts.yml"), yaml.toString());
    }

    private String direct() {
        return "          ansible_port: " + env.get("SSH_IT_PORT_B") + "\n";
    }

    private String behindBastion() throws IOException {
        return "          ansible_port: " + env.get("SSH_IT_PORT_B") + "\n"
                + "          ansible_ssh_common_args: " + bastionArgs() + "\n";
    }

    /**
     * ssh args for a bastion named in an ssh config that gives its key and known hosts: as with Ansible's ssh, whose
     * ProxyJump hop is a second ssh that gets -l, -p and -F from the first, not the -o IdentityFile of
     * ansible_ssh_private_key_file nor the known hosts file of the target.
     */
    private String bastionArgs() throws IOException {
        Path config = Files.writeString(dir.resolve("ssh_config"), "Host runbook-bastion\n  HostName " + env.get("SSH_IT_HOST")
                + "\n  Port " + env.get("SSH_IT_PORT") + "\n  User " + env.get("SSH_IT_USER") + "\n  IdentityFile " + env.get("SSH_IT_KEY")
                + "\n  UserKnownHostsFile " + env.get("SSH_IT_KNOWN_HOSTS") + "\n");
        return "-F " + config + " -o ProxyJump=runbook-bastion";
    }

    private RunResult run(Path inventory, String... more) {
        List<String> args = new ArrayList<>(List.of(EngineRun.fixture("ssh/site.yml"), "-i", inventory.toString()));
        args.addAll(List.of(more));
        return EngineRun.cli(args.toArray(String[]::new));
    }

    @Test
    void hostsAreConfiguredOverSshDirectlyAndThroughABastionAndASecondRunChangesNothing() throws Exception {
        Path inv = inventory(Map.of("app-1", direct(), "app-2", behindBastion()));
        RunResult first = run(inv, "-f", "2");
        assertEquals(0, first.exitCode(), first.toString());
        first.assertRecap("app-1", 5, 3, 0, 0, 0, 0, 0);
        first.assertRecap("app-2", 5, 3, 0, 0, 0, 0, 0);
        assertEquals("port=8443\n", Files.readString(confRoot.resolve("app-2/app.conf")));
        assertEquals("DEBUG=false\n", Files.readString(confRoot.resolve("app-2/env")));
        assertEquals(env.get("SSH_IT_USER") + " on app-2", first.msg("Show it", "app-2"));
        RunResult second = run(inv, "-f", "2");
        assertEquals(0, second.exitCode(), second.toString());
        second.assertRecap("app-1", 5, 0, 0, 0, 0, 0, 0);
        second.assertRecap("app-2", 5, 0, 0, 0, 0, 0, 0);

        Path conf = confRoot.resolve("app-1/env");
        Files.writeString(conf, "PATH=/bin\nDEBUG=true\n");
        RunResult check = run(inv, "--check", "--diff", "--limit", "app-1");
        assertEquals(0, check.exitCode(), check.toString());
        check.assertRecap("app-1", 5, 1, 0, 0, 0, 0, 0);
        assertTrue(check.out().contains("-DEBUG=true\n+DEBUG=false"), check.toString());
        assertEquals("PATH=/bin\nDEBUG=true\n", Files.readString(conf), "check mode changed nothing");
    }

    @Test
    void atFourVsEachSshCommandAndFileShowsAsTheEngineSendsItAndNoPasswordShows() throws Exception {
        String password = env.get("SSH_IT_PASSWORD");
        Path inv = inventory(Map.of("app-1", direct() + "          ansible_become_password: " + password + "\n"
                + "          ansible_password: " + password + "\n"));
        RunResult r = EngineRun.cli(EngineRun.fixture("ssh/verbose.yml"), "-i", inv.toString(), "-vvvv");
        assertEquals(0, r.exitCode(), r.toString());
        String at = "<" + env.get("SSH_IT_HOST") + "> ";
        assertTrue(r.out().contains(at + "ESTABLISH SSH CONNECTION FOR USER: " + env.get("SSH_IT_USER") + "\n"), r.out());
        assertTrue(r.out().contains(at + "SSH: new session to " + env.get("SSH_IT_USER") + "@" + env.get("SSH_IT_HOST") + ":"
                + env.get("SSH_IT_PORT_B")), r.out());
        assertTrue(r.out().contains(at + "SSH: EXEC 'id' '-un'"), r.out());
        assertTrue(r.out().contains(at + "SSH: EXEC 'sudo' '-H' '-S'"), r.out());
        assertTrue(r.out().contains(at + "SFTP: PUT " + confRoot.resolve("app-1.txt")), r.out());
        assertFalse(r.out().contains(password) || r.err().contains(password), "the password shown:\n" + r);
        assertFalse(r.events().toString().contains(password), "the password in the events");
    }

    @Test
    void factsAreGatheredOverSshAndAHostThatCannotBeReachedIsUnreachableWhileGathering() throws Exception {
        assumeTrue(Files.exists(Path.of("/etc/debian_version")), "the servers run on this machine; the playbook expects Debian");
        Path inv = inventory(Map.of("app-1", direct(), "app-2", behindBastion()));
        Files.writeString(inv, Files.readString(inv) + "    gone:\n      hosts:\n        nothing-there:\n"
                + "          ansible_host: " + env.get("SSH_IT_HOST") + "\n          ansible_user: " + env.get("SSH_IT_USER") + "\n"
                + "          ansible_port: " + env.get("SSH_IT_PORT_B") + "\n"
                + "          ansible_ssh_known_hosts_file: " + env.get("SSH_IT_KNOWN_HOSTS") + "\n"
                + "          ansible_ssh_private_key_file: " + env.get("SSH_IT_WRONG_KEY") + "\n");
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        RunResult r = EngineRun.cli(EngineRun.fixture("ssh/facts.yml"), "-i", inv.toString(), "-e",
                "expected_os_family=Debian expected_hostname=" + hostname.replaceAll("\\..*", ""));
        assertEquals(4, r.exitCode(), r.toString());
        r.assertRecap("app-1", 4, 0, 0, 0, 0, 0, 0);
        r.assertRecap("app-2", 4, 0, 0, 0, 0, 0, 0);
        r.assertRecap("nothing-there", 0, 0, 1, 0, 0, 0, 0);
        // the keys ansible-core 2.14's setup returns for that subset and filter on Debian (checked with `ansible localhost -m setup`)
        assertEquals("ansible_distribution,ansible_distribution_file_parsed,ansible_distribution_file_path,"
                + "ansible_distribution_file_variety,ansible_distribution_major_version,ansible_distribution_minor_version,"
                + "ansible_distribution_release,ansible_distribution_version,ansible_mounts,ansible_processor_vcpus,"
                + "ansible_uptime_seconds True True True",
                r.msg("What setup returned", "app-2"));
        assertTrue(r.out().contains("TASK [Gathering Facts]"), r.toString());
    }

    @Test
    void theSshNamedVariablesOfAGroupWinOverTheHostsPlainOnesAsInAnsible() throws Exception {
        // ansible-core 2.14 (checked with Debian's): of ansible_user and ansible_ssh_user, the ssh_ name wins whatever
        // each one's precedence; the host's own ansible_user/ansible_port/ansible_host point nowhere
        Path inv = inventory(Map.of("app-1", direct()));
        Files.writeString(inv, Files.readString(inv) + "      children:\n        aliased:\n          vars:\n"
                + "            ansible_ssh_user: " + env.get("SSH_IT_USER") + "\n"
                + "            ansible_ssh_port: " + env.get("SSH_IT_PORT_B") + "\n"
                + "            ansible_ssh_host: " + env.get("SSH_IT_HOST") + "\n"
                + "          hosts:\n            app-3:\n              conf_dir: " + confRoot.resolve("app-3") + "\n"
                + "              ansible_user: nobody-logs-in-as-this\n              ansible_port: 1\n"
                + "              ansible_host: 192.0.2.1\n");
        RunResult r = run(inv);
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("app-3", 5, 3, 0, 0, 0, 0, 0);
        assertEquals(env.get("SSH_IT_USER") + " on app-3", r.msg("Show it", "app-3"));
    }

    @Test
    void anUnreachableHostIsOneLineAndExitFourWhileTheOthersGoOn() throws Exception {
        Path inv = inventory(Map.of("app-1", direct(), "bad-key", direct() + "          ansible_ssh_private_key_file: " + env.get("SSH_IT_WRONG_KEY") + "\n"));
        RunResult r = run(inv);
        assertEquals(4, r.exitCode(), r.toString());
        r.assertRecap("bad-key", 0, 0, 1, 0, 0, 0, 0);
        r.assertRecap("app-1", 5, 3, 0, 0, 0, 0, 0);
        String line = r.lines().stream().filter(l -> l.startsWith("fatal: [bad-key]: UNREACHABLE!")).findFirst().orElseThrow();
        assertTrue(line.contains("cannot connect to " + env.get("SSH_IT_USER") + "@" + env.get("SSH_IT_HOST") + ":" + env.get("SSH_IT_PORT_B")
                + " over SSH: authentication refused (tried key " + env.get("SSH_IT_WRONG_KEY")), line);
    }

    @Test
    void theKeyAndTheBastionMayComeFromTheCommandLineAndTheInventoryStillWins() throws Exception {
        // as ansible-playbook's --private-key and --ssh-common-args: for hosts whose inventory says nothing of them
        String keyLine = "        ansible_ssh_private_key_file: " + env.get("SSH_IT_KEY") + "\n";
        Path inv = inventory(Map.of("app-1", direct(), "app-2", direct() + "          ansible_ssh_private_key_file: "
                + env.get("SSH_IT_WRONG_KEY") + "\n"));
        Files.writeString(inv, Files.readString(inv).replace(keyLine, ""));
        RunResult r = run(inv, "--private-key", env.get("SSH_IT_KEY"), "--ssh-common-args", bastionArgs(), "-T", "20");
        assertEquals(4, r.exitCode(), r.toString());
        r.assertRecap("app-1", 5, 3, 0, 0, 0, 0, 0);
        r.assertRecap("app-2", 0, 0, 1, 0, 0, 0, 0);  // its own (wrong) key wins over --private-key
        RunResult without = run(inv, "--limit", "app-1");
        assertEquals(4, without.exitCode(), "no key, no login: " + without);
    }

    @Test
    void aChangedHostKeyRunsNothingUnlessHostKeyCheckingIsOff() throws Exception {
        Path inv = inventory(Map.of("app-1", direct() + "          ansible_ssh_known_hosts_file: " + env.get("SSH_IT_KNOWN_HOSTS_CHANGED") + "\n"));
        RunResult refused = run(inv);
        assertEquals(4, refused.exitCode(), refused.toString());
        assertTrue(refused.out().contains("has CHANGED: it now offers ssh-ed25519 SHA256:"), refused.toString());
        assertFalse(Files.exists(confRoot.resolve("app-1")), "nothing ran on the host");

        // as ansible-playbook: host_key_checking = False in the ansible.cfg of the working folder turns checking off, with a
        // warning; so does ANSIBLE_HOST_KEY_CHECKING=False (new JVMs: both are read from where the engine starts)
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("ansible.cfg"), "[defaults]\nhost_key_checking = False\n");
        String fromCfg = engineProcess(project, Map.of(), inv);
        assertTrue(Warnings.of(fromCfg).contains("[WARNING]: SSH host keys are not checked (host_key_checking = False in "
                + project.resolve("ansible.cfg") + ")"), fromCfg);
        assertTrue(Files.exists(confRoot.resolve("app-1/app.conf")));
        String fromEnv = engineProcess(dir, Map.of("ANSIBLE_HOST_KEY_CHECKING", "False"), inv);
        assertTrue(Warnings.of(fromEnv).contains("[WARNING]: SSH host keys are not checked (ANSIBLE_HOST_KEY_CHECKING=False)"), fromEnv);
        assertTrue(Files.exists(confRoot.resolve("app-1/app.conf")));
    }

    @Test
    void aFileInAFolderTheLoginUserMayNotWriteIsWrittenInPlaceOnlyWithUnsafeWrites() throws Exception {
        Path inv = inventory(Map.of("app-1", direct()));
        Path folder = Files.createDirectories(confRoot.resolve("app-1"));  // the test's own (root's): not the login user's
        Path conf = Files.writeString(folder.resolve("app.conf"), "port=0\n");
        Files.setOwner(conf, confRoot.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(env.get("SSH_IT_USER")));
        RunResult run = EngineRun.cli(EngineRun.fixture("unsafe-writes/ssh.yml"), "-i", inv.toString());
        assertEquals(0, run.exitCode(), run.toString());
        run.assertRecap("app-1", 7, 2, 0, 0, 0, 0, 1);
        assertEquals("port=2\ndebug=0\n", Files.readString(conf));
        try (java.util.stream.Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of(conf), left.toList(), "no temporary file is left behind");
        }
    }

    /** The engine in a JVM of its own, started in {@code cwd} with {@code env} added; its output, after asserting exit 0. */
    private String engineProcess(Path cwd, Map<String, String> env, Path inventory) throws Exception {
        List<String> command = EngineJvm.command();
        command.addAll(List.of(Path.of(EngineRun.fixture("ssh/site.yml")).toAbsolutePath().toString(), "-i", inventory.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().remove("ANSIBLE_HOST_KEY_CHECKING");
        builder.environment().remove("ANSIBLE_CONFIG");
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
