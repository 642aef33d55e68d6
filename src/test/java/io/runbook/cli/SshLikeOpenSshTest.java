package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What OpenSSH does that the engine's own SSH client does alike, against the real servers of {@code .ci/ssh-setup.sh}, the
 * engine beside Debian's ansible-playbook: a key file that does not exist is left out (ssh's words said) and the login goes
 * on with the others, or the host is unreachable with them; flags combined as ssh's getopt reads them; several blocks of
 * an ssh config matching the host, the first value of each option winning.
 */
class SshLikeOpenSshTest {
    private static final String MISSING = "/nonexistent/runbook-key";
    @TempDir
    Path dir;

    private static String host(String name, Map<String, String> env, String vars) {
        return name + " ansible_host=" + env.get("SSH_IT_HOST") + " ansible_ssh_known_hosts_file=" + env.get("SSH_IT_KNOWN_HOSTS")
                + " ansible_python_interpreter=/usr/bin/python3 " + vars + "\n";
    }

    /**
     * ssh's known hosts the test servers' file for Ansible's ssh too: ssh reads and writes the login user's own
     * ~/.ssh/known_hosts otherwise (from the password database, whatever HOME says), where another run's servers on the
     * same port with other host keys would put a REMOTE HOST IDENTIFICATION HAS CHANGED warning before ssh's words.
     */
    private static Map<String, String> quiet(Map<String, String> env, Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(more);
        all.put("ANSIBLE_HOST_KEY_CHECKING", "False");
        all.put("SSH_AUTH_SOCK", "");
        all.put("ANSIBLE_SSH_EXTRA_ARGS", "-o UserKnownHostsFile=" + env.get("SSH_IT_KNOWN_HOSTS"));
        return all;
    }

    private JsonNode same(Path inventory) throws Exception {
        return FactsSideBySide.same(EngineRun.fixture("ssh/options_twice.yml"), dir,
                quiet(SshTestServers.require(), Map.of()), "-i", inventory.toString());
    }

    /** Host twice with only {@code -F config}: the engine logs in as Ansible's ssh does, at server B as the test user. */
    private void arrivesAtServerBAsTheTestUser(Path config, Map<String, String> env) throws Exception {
        Path inventory = Files.writeString(dir.resolve("hosts"), "twice ansible_ssh_known_hosts_file=" + env.get("SSH_IT_KNOWN_HOSTS")
                + " ansible_python_interpreter=/usr/bin/python3 ansible_ssh_common_args='-F " + config + "'\n");
        JsonNode ansible = same(inventory);
        assertEquals(env.get("SSH_IT_PORT_B"), ansible.get("port").asText(), "what the comparison stands on: Ansible's port");
        assertEquals(env.get("SSH_IT_USER"), ansible.get("user").asText());
    }

    @Test
    void aMissingKeyFileIsLeftOutAndTheOtherKeyLogsIn() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        Path inventory = Files.writeString(dir.resolve("hosts"), host("twice", env, "ansible_port=" + env.get("SSH_IT_PORT_B")
                + " ansible_user=" + env.get("SSH_IT_USER") + " ansible_ssh_private_key_file=" + MISSING
                + " ansible_ssh_common_args='-i" + MISSING + "-flag -i " + env.get("SSH_IT_KEY") + "'"));
        JsonNode ansible = same(inventory);
        assertEquals(env.get("SSH_IT_PORT_B"), ansible.get("port").asText());
        RunResult r = EngineRun.cli(EngineRun.fixture("ssh/options_twice.yml"), "-i", inventory.toString(), "-e", "facts_out=" + dir.resolve("again.json"));
        String said = (r.out() + r.err()).replaceAll("\\s+", " ");
        assertTrue(said.contains("[WARNING]: no such identity: " + MISSING + ": No such file or directory"), said);
        assertTrue(said.contains("[WARNING]: Identity file " + MISSING + "-flag not accessible: No such file or directory."), said);
    }

    @Test
    void withTheMissingKeyFileAloneTheHostIsUnreachableWithSshsWords() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        Path inventory = Files.writeString(dir.resolve("hosts"), host("twice", env, "ansible_port=" + env.get("SSH_IT_PORT_B")
                + " ansible_user=" + env.get("SSH_IT_USER") + " ansible_ssh_private_key_file=" + MISSING));
        String words = "no such identity: " + MISSING + ": No such file or directory";
        ProcessBuilder pb = new ProcessBuilder(FactsSideBySide.ANSIBLE.toString(), EngineRun.fixture("ssh/options_twice.yml"), "-i",
                inventory.toString(), "-e", "facts_out=" + dir.resolve("ansible.json")).redirectErrorStream(true);
        pb.environment().putAll(quiet(env, Map.of("HOME", dir.toString())));
        Process p = pb.start();
        String ansible = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(4, p.waitFor(), ansible);
        assertTrue(ansible.contains("UNREACHABLE! => {\"changed\": false, \"msg\": \"Failed to connect to the host via ssh: " + words), ansible);
        RunResult r = EngineRun.cli(quiet(env, Map.of()), EngineRun.fixture("ssh/options_twice.yml"), "-i", inventory.toString(),
                "-e", "facts_out=" + dir.resolve("engine.json"));
        assertEquals(4, r.exitCode(), r.toString());
        String said = r.out().replaceAll("\\s+", " ");
        assertTrue(said.contains("fatal: [twice]: UNREACHABLE!"), said);
        assertTrue(said.contains(words + "; authentication refused (tried no other key, no agent and no password)")
                || said.contains(words + "; authentication refused (tried key "), said);
    }

    @Test
    void combinedFlagsAreReadAsSshsGetoptReadsThem() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        for (String args : List.of("-4Cp" + env.get("SSH_IT_PORT_B"), "-4Cp " + env.get("SSH_IT_PORT_B"), "-oPort=" + env.get("SSH_IT_PORT_B"))) {
            Path inventory = Files.writeString(dir.resolve("hosts"), host("twice", env, "ansible_user=" + env.get("SSH_IT_USER")
                    + " ansible_ssh_common_args='" + args + " -i" + env.get("SSH_IT_KEY") + "'"));
            assertEquals(env.get("SSH_IT_PORT_B"), same(inventory).get("port").asText(), args);
        }
    }

    @Test
    void ofSeveralConfigBlocksMatchingTheHostTheFirstValueOfEachOptionWins() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        Path config = Files.writeString(dir.resolve("ssh_config"), "Host tw*\n  HostName " + env.get("SSH_IT_HOST") + "\n"
                + "Host=twice !other\n  port = " + env.get("SSH_IT_PORT_B") + "\n  IdentityFile " + env.get("SSH_IT_KEY") + "\n"
                + "Match originalhost TWICE\n  User " + env.get("SSH_IT_USER") + "\n  Port " + env.get("SSH_IT_PORT") + "\n"
                + "Host *\n  Port " + env.get("SSH_IT_PORT") + "\n  User nobody-logs-in-as-this\n");
        arrivesAtServerBAsTheTestUser(config, env);
    }

    @Test
    void anIncludedFilesHostBlockGivesUserPortAndKeyAsToAnsiblesSsh() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        // as a user's ~/.ssh/config with "Include config.d/*" (here -F and a full path: no test reads root's ~/.ssh); the
        // catch-all after it would send ssh to server A as a user that does not exist, with no key
        Path included = Files.createDirectories(dir.resolve("config.d"));
        Files.writeString(included.resolve("10-twice.conf"), "Host twice\n  HostName " + env.get("SSH_IT_HOST") + "\n  User "
                + env.get("SSH_IT_USER") + "\n  Port " + env.get("SSH_IT_PORT_B") + "\n  IdentityFile " + env.get("SSH_IT_KEY") + "\n");
        Files.writeString(included.resolve("20-later.conf"), "Host twice\n  Port " + env.get("SSH_IT_PORT") + "\n");
        Path config = Files.writeString(dir.resolve("ssh_config"), "Host tw*\n  Include " + included + "/*.conf\n"
                + "Host *\n  HostName " + env.get("SSH_IT_HOST") + "\n  Port " + env.get("SSH_IT_PORT") + "\n  User nobody-logs-in-as-this\n"
                + "  IdentityFile /nonexistent/runbook-key\n");
        arrivesAtServerBAsTheTestUser(config, env);
    }

    @Test
    void aWordOfTheSshArgsThatIsNoOptionMakesTheHostUnreachableAsInAnsible() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        Path inventory = Files.writeString(dir.resolve("hosts"), host("twice", env, "ansible_port=" + env.get("SSH_IT_PORT_B")
                + " ansible_user=" + env.get("SSH_IT_USER") + " ansible_ssh_private_key_file=" + env.get("SSH_IT_KEY")));
        String words = "Could not resolve hostname controlpersist=60s: Name or service not known";
        Map<String, String> stray = quiet(env, Map.of("ANSIBLE_SSH_ARGS", "-o ControlMaster=auto ControlPersist=60s"));
        ProcessBuilder pb = new ProcessBuilder(FactsSideBySide.ANSIBLE.toString(), EngineRun.fixture("ssh/options_twice.yml"), "-i",
                inventory.toString(), "-e", "facts_out=" + dir.resolve("ansible.json")).redirectErrorStream(true);
        pb.environment().putAll(stray);
        Process p = pb.start();
        String ansible = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(4, p.waitFor(), ansible);
        assertTrue(ansible.contains("UNREACHABLE! => {\"changed\": false, \"msg\": \"Failed to connect to the host via ssh: ssh: " + words), ansible);
        RunResult r = EngineRun.cli(stray, EngineRun.fixture("ssh/options_twice.yml"), "-i", inventory.toString(),
                "-e", "facts_out=" + dir.resolve("engine.json"));
        assertEquals(4, r.exitCode(), r.toString());
        String said = r.out().replaceAll("\\s+", " ");
        assertTrue(said.contains("fatal: [twice]: UNREACHABLE!"), said);
        assertTrue(said.contains("ansible_ssh_args: 'ControlPersist=60s' is no ssh option: ssh takes it as the host to log in to, as"
                + " Ansible runs ssh (ssh: " + words + ") (did you mean -o ControlPersist=60s?)"), said);
    }

    @Test
    void anOptionSshDoesNotKnowMakesTheHostUnreachableWithSshsWordsAsInAnsible() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        String login = "ansible_port=" + env.get("SSH_IT_PORT_B") + " ansible_user=" + env.get("SSH_IT_USER") + " ansible_ssh_private_key_file="
                + env.get("SSH_IT_KEY");
        // ssh stops at its first unknown option (foo, not bar); an IgnoreUnknown before one lets it through
        Path inventory = Files.writeString(dir.resolve("hosts"), host("bad", env, login + " ansible_ssh_extra_args='-o Foo=bar -o Bar=1'")
                + host("ignored", env, login + " ansible_ssh_extra_args='-o IgnoreUnknown=f* -o Foo=bar'"));
        String words = "command-line: line 0: Bad configuration option: foo";
        ProcessBuilder pb = new ProcessBuilder(FactsSideBySide.ANSIBLE.toString(), EngineRun.fixture("ssh/ping.yml"), "-i",
                inventory.toString()).redirectErrorStream(true);
        pb.environment().putAll(quiet(env, Map.of()));
        Process p = pb.start();
        String ansible = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(4, p.waitFor(), ansible);
        assertTrue(ansible.contains("fatal: [bad]: UNREACHABLE! => {\"changed\": false, \"msg\": \"Failed to connect to the host via ssh: "
                + words + "\""), ansible);
        assertTrue(ansible.contains("ok: [ignored]"), ansible);
        RunResult r = EngineRun.cli(quiet(env, Map.of()), EngineRun.fixture("ssh/ping.yml"), "-i", inventory.toString());
        assertEquals(4, r.exitCode(), r.toString());
        String said = r.out().replaceAll("\\s+", " ");
        assertTrue(said.contains("fatal: [bad]: UNREACHABLE! => {\"changed\": false, \"msg\": \"" + words + " (as ssh says: -o Foo=bar of"
                + " ansible_ssh_extra_args is no ssh 9.2 option"), said);
        assertTrue(said.contains("ok: [ignored]"), said);
    }

    @Test
    void theKubernetesTunnelsBastionIsWarnedOfAMissingKeyFileAsAnSshHostIs() throws Exception {
        Map<String, String> env = SshTestServers.require();
        String bastion = env.get("SSH_IT_USER") + "@" + env.get("SSH_IT_HOST") + ":" + env.get("SSH_IT_PORT");
        Path config = Files.writeString(dir.resolve("ssh_config"), "Host *\n  IdentityFile " + env.get("SSH_IT_KEY") + "\n");
        Path inventory = Files.writeString(dir.resolve("hosts"), "behind kubeconfig=lab kube_context=behind kube_ssh_tunnel=" + bastion
                + " ansible_ssh_private_key_file=" + MISSING + " ansible_ssh_known_hosts_file=" + env.get("SSH_IT_KNOWN_HOSTS")
                + " ansible_ssh_common_args='-F " + config + "'\n");
        long before = forwardsThroughTheBastion(env);
        RunResult r = EngineRun.cli(Map.of("SSH_AUTH_SOCK", ""), EngineRun.fixture("ssh/kube_tunnel.yml"), "-i", inventory.toString(),
                "--lab-state-dir", dir.resolve("lab").toString());
        String said = (r.out() + r.err()).replaceAll("\\s+", "");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(said.contains(("[WARNING]: no such identity: " + MISSING + ": No such file or directory (" + bastion
                + ": logging in with the other keys, the ssh-agent or a password)").replaceAll("\\s+", "")), r.toString());
        assertTrue(forwardsThroughTheBastion(env) > before, "the bastion, logged in to with the config file's key, carried the API calls");
    }

    private static long forwardsThroughTheBastion(Map<String, String> env) throws java.io.IOException {
        return Files.readAllLines(Path.of(env.get("SSH_IT_LOG_A"))).stream().filter(l -> l.contains("server_request_direct_tcpip")).count();
    }
}
