package io.runbook.modules.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.ModuleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a host's variables, its ssh args and ~/.ssh/config become one SSH target, as Ansible's ssh connection reads them. */
class SshSettingsTest {
    @TempDir
    Path home;

    private SshEnvironment env(boolean checking) {
        return new SshEnvironment(home, "ops", Map.of(), new HostKeyChecking.Setting(checking, checking ? null : "host_key_checking = False in ansible.cfg"));
    }

    private SshTarget target(Map<String, Object> vars) throws ModuleException {
        return SshSettings.target(vars, "db-1", env(true));
    }

    @Test
    void withoutVariablesTheInventoryNameThePort22AndTheLocalUserAreUsed() throws Exception {
        SshTarget t = target(Map.of());
        assertEquals("ops@db-1:22", t.describe());
        assertEquals(List.of(home.resolve(".ssh/known_hosts").toString(), "/etc/ssh/ssh_known_hosts"), t.hostKeys().files());
        assertEquals(HostKeyPolicy.Mode.STRICT, t.hostKeys().mode());
        assertEquals(Duration.ofSeconds(10), t.connectTimeout());
    }

    @Test
    void variablesWinOverArgsWhichWinOverTheConfigFile() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), "Host 10.0.0.5\n  User fromconfig\n  Port 2200\n  ProxyJump cfgjump\n");
        SshTarget fromConfig = target(Map.of("ansible_host", "10.0.0.5"));
        assertEquals("fromconfig@10.0.0.5:2200 (via ops@cfgjump:22)", fromConfig.describe());
        SshTarget args = target(Map.of("ansible_host", "10.0.0.5", "ansible_ssh_common_args", "-l argsuser -p 2300 -J none"));
        assertEquals("argsuser@10.0.0.5:2300", args.describe());
        SshTarget vars = target(Map.of("ansible_host", "10.0.0.5", "ansible_user", "deploy", "ansible_port", 2222,
                "ansible_ssh_common_args", "-l argsuser -p 2300"));
        assertEquals("deploy@10.0.0.5:2222 (via ops@cfgjump:22)", vars.describe());
    }

    @Test
    void sshArgsAreReadWithTheCommonArgsAndTheirConfigFileReplacesTheAccountsOne() throws Exception {
        // connection_ssh's check_ssh_defaults.yml: ansible_ssh_args "-F files/port_overrride_ssh.cfg" reaches port 2222
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), "Host *\n  Port 2200\n");
        Path other = Files.writeString(home.resolve("other.cfg"), "Host *\n  Port 2222\n  User fromfile\n");
        String defaults = "-C -o ControlMaster=auto -o ControlPersist=60s";
        assertEquals("ops@db-1:2200", target(Map.of("ansible_ssh_args", defaults)).describe());
        assertEquals("fromfile@db-1:2222", target(Map.of("ansible_ssh_args", defaults + " -F " + other)).describe());
        assertEquals("argsuser@db-1:2300", target(Map.of("ansible_ssh_args", "-F " + other,
                "ansible_ssh_common_args", "-p 2300 -l argsuser")).describe());
    }

    @Test
    void theSshNamedAliasWinsWhenBothAreSetAsInAnsible() throws Exception {
        // ansible-core 2.14's ssh plugin takes, of an option's variables, the last its list names that is set (checked
        // with Debian's ansible-playbook: a group's ansible_ssh_user wins over a host's ansible_user)
        SshTarget t = target(Map.of("ansible_host", "10.0.0.5", "ansible_ssh_host", "10.0.0.6", "ansible_user", "u",
                "ansible_ssh_user", "s", "ansible_port", 1, "ansible_ssh_port", 4, "ansible_password", "p",
                "ansible_ssh_pass", "sp"));
        assertEquals("s@10.0.0.6:4", t.describe());
        assertEquals("sp", t.credentials().password());
        assertEquals("ssp", target(Map.of("ansible_ssh_pass", "sp", "ansible_ssh_password", "ssp")).credentials().password());
        assertEquals("u@10.0.0.5:1", target(Map.of("ansible_host", "10.0.0.5", "ansible_user", "u", "ansible_port", 1)).describe());
    }

    @Test
    void theFirstValueOfAnOptionWinsAsSshDecidesIt() throws Exception {
        // ssh_config(5): "the first obtained value will be used"; ssh -G (OpenSSH 9.2) shows -p/-l share it with Port/User
        SshTarget t = target(Map.of("ansible_ssh_common_args",
                "-o Port=2201 -p 2202 -o Port=2203 -o User=a -l b -o HostKeyAlias=h1 -oHostKeyAlias=h2 -o ConnectTimeout=4"));
        assertEquals("a@db-1:2201", t.describe());
        assertEquals("h1", t.endpoint().hostKeyAlias());
        assertEquals("b@db-1:2202", target(Map.of("ansible_ssh_common_args", "-l b -p 2202 -o User=a -o Port=2201")).describe());
        assertEquals(Duration.ofSeconds(10), t.connectTimeout(),
                "Ansible writes -o ConnectTimeout=<ansible_timeout, 10> before the common args, so theirs never counts");
    }

    @Test
    void theCommandLineIsInAnsiblesOrderSshArgsThenTheVariablesThenCommonThenExtraArgs() throws Exception {
        // as ansible-playbook -vvvv shows it: ssh -o Port=2300 (ssh_args) ... -o Port=2222 -o User="deploy"
        // -o ConnectTimeout=10 -o Port=2400 (common) ...
        Map<String, Object> vars = Map.of("ansible_ssh_args", "-C -o Port=2300 -o ConnectTimeout=3", "ansible_port", 2222,
                "ansible_user", "deploy", "ansible_timeout", 20, "ansible_ssh_common_args", "-o Port=2400 -o User=common",
                "ansible_ssh_extra_args", "-o HostKeyAlias=extra");
        SshTarget t = target(vars);
        assertEquals("deploy@db-1:2300", t.describe());
        assertEquals(Duration.ofSeconds(3), t.connectTimeout());
        assertEquals("extra", t.endpoint().hostKeyAlias());
        assertEquals("common@db-1:2400", target(Map.of("ansible_ssh_common_args", "-o Port=2400 -o User=common",
                "ansible_ssh_extra_args", "-o Port=2500 -l extra")).describe());
        assertEquals("extra@db-1:2500", target(Map.of("ansible_ssh_extra_args", "-o Port=2500 -l extra")).describe());
    }

    @Test
    void identityFilesAddUpInCommandLineOrderAndTheLastConfigFileCounts() throws Exception {
        Path k1 = Files.writeString(home.resolve("k1"), "x");
        Path k2 = Files.writeString(home.resolve("k2"), "x");
        Path k3 = Files.writeString(home.resolve("k3"), "x");
        Path k4 = Files.writeString(home.resolve("k4"), "x");
        Path a = Files.writeString(home.resolve("a.cfg"), "Host *\n  Port 11\n");
        Path b = Files.writeString(home.resolve("b.cfg"), "Host *\n  Port 22\n  User fromb\n  IdentityFile " + k4 + "\n");
        SshTarget t = target(Map.of("ansible_ssh_args", "-i " + k1 + " -F " + a, "ansible_ssh_private_key_file", k2.toString(),
                "ansible_ssh_common_args", "-o IdentityFile=" + k3 + " -F " + b));
        assertEquals(List.of(k1.toString(), k2.toString(), k3.toString(), k4.toString()), t.endpoint().identityFiles());
        assertEquals("fromb@db-1:22", t.describe());
    }

    @Test
    void proxyJumpAndProxyCommandCompeteAndOnlyOneMinusJIsAllowed() throws Exception {
        assertEquals("ops@db-1:22 (via ops@j1:22)", target(Map.of("ansible_ssh_common_args", "-J j1 -o ProxyJump=j2")).describe());
        assertEquals("ops@db-1:22 (via ops@j1:22)", target(Map.of("ansible_ssh_common_args", "-J j1 -o ProxyCommand='nc %h %p'")).describe());
        assertEquals("ops@db-1:22", target(Map.of("ansible_ssh_common_args", "-o ProxyJump=none -o ProxyJump=j2")).describe());
        ModuleException twice = assertThrows(ModuleException.class, () -> target(Map.of("ansible_ssh_args", "-o ProxyJump=j2",
                "ansible_ssh_common_args", "-J j1")));
        assertEquals("ansible_ssh_common_args: -J j1 after ProxyJump j2: ssh permits a single -J option (use commas to separate"
                + " multiple jump hops)", twice.getMessage());
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), "Host *\n  ProxyCommand nc %h %p\n");
        assertEquals("ops@db-1:22 (via ops@j1:22)", target(Map.of("ansible_ssh_common_args", "-o ProxyJump=j1")).describe(),
                "the command line's ProxyJump comes first: the config file's ProxyCommand is not used");
        assertThrows(ModuleException.class, () -> target(Map.of()));
    }

    @Test
    void hostKeyCheckingOffIsAnOptionAfterSshArgsOnly() throws Exception {
        SshEnvironment off = env(false);
        assertEquals(HostKeyPolicy.Mode.ACCEPT_NEW, SshSettings.target(Map.of("ansible_ssh_args", "-o StrictHostKeyChecking=accept-new"),
                "db-1", off).hostKeys().mode());
        assertEquals(HostKeyPolicy.Mode.OFF, SshSettings.target(Map.of("ansible_ssh_common_args", "-o StrictHostKeyChecking=accept-new"),
                "db-1", off).hostKeys().mode());
    }

    @Test
    void proxyJumpTakesSeveralHopsInEveryForm() throws Exception {
        SshTarget t = target(Map.of("ansible_ssh_common_args", "-o ControlMaster=auto -o 'ProxyJump=ssh://a@jump1:2201,jump2,b@[::1]:2203' -C"));
        assertEquals(List.of("a@jump1:2201", "ops@jump2:22", "b@::1:2203"), t.jumps().stream().map(Endpoint::describe).toList());
        assertEquals("ops@db-1:22 (via a@jump1:2201, ops@jump2:22, b@::1:2203)", t.describe());
        assertEquals("b@::1:2203 (via a@jump1:2201, ops@jump2:22)", t.hop(2).describe());
    }

    @Test
    void proxyCommandIsRefusedWithTheAlternative() {
        ModuleException e = assertThrows(ModuleException.class, () -> target(Map.of("ansible_ssh_common_args", "-o ProxyCommand='ssh -W %h:%p b'")));
        assertEquals("ProxyCommand is not supported for db-1: use ProxyJump (-o ProxyJump=user@bastion or -J)", e.getMessage());
    }

    @Test
    void keysKnownHostsAndCheckingComeFromVariablesAndOptions() throws Exception {
        Path key = Files.writeString(home.resolve("deploy_key"), "x");
        SshTarget t = target(Map.of("ansible_ssh_private_key_file", "~/deploy_key", "ansible_ssh_known_hosts_file", "~/kh",
                "ansible_ssh_common_args", "-o StrictHostKeyChecking=accept-new", "ansible_ssh_timeout", "3"));
        assertEquals(List.of(key.toString()), t.endpoint().identityFiles());
        assertEquals(List.of(home.resolve("kh").toString()), t.hostKeys().files());
        assertEquals(HostKeyPolicy.Mode.ACCEPT_NEW, t.hostKeys().mode());
        assertEquals(Duration.ofSeconds(3), t.connectTimeout());
        SshTarget off = SshSettings.target(Map.of(), "db-1", env(false));
        assertEquals(HostKeyPolicy.Mode.OFF, off.hostKeys().mode());
        assertEquals("host_key_checking = False in ansible.cfg", off.hostKeys().reason());
    }

    @Test
    void theKeyVariablesTildeIsAnsiblesHomeAndWhatSshReadsIsTheAccountsHome(@TempDir Path ansibleHome) throws Exception {
        Path key = Files.writeString(ansibleHome.resolve("deploy_key"), "x");
        Path usual = Files.writeString(Files.createDirectories(home.resolve(".ssh")).resolve("id_ed25519"), "x");
        Files.writeString(home.resolve(".ssh/config"), "Host db-1\n  IdentityFile ~/.ssh/config_key\n");
        Path configKey = Files.writeString(home.resolve(".ssh/config_key"), "x");
        SshEnvironment two = new SshEnvironment(home, ansibleHome, "ops", Map.of(), new HostKeyChecking.Setting(true, null));
        SshTarget t = SshSettings.target(Map.of("ansible_ssh_private_key_file", "~/deploy_key"), "db-1", two);
        assertEquals(List.of(key.toString(), configKey.toString()), t.endpoint().identityFiles(),
                "ansible_ssh_private_key_file as Ansible's expanduser (HOME), IdentityFile as ssh's (the account's); key files named,"
                        + " so not the usual ones (ssh -G)");
        assertEquals(List.of(usual.toString()), SshSettings.target(Map.of(), "other", two).endpoint().identityFiles(),
                "the usual keys from the account's home");
        assertEquals(List.of(home.resolve(".ssh/known_hosts").toString(), "/etc/ssh/ssh_known_hosts"), t.hostKeys().files());
    }

    @Test
    void aMissingKeyFileIsLeftOutWithSshsWordsAndTheOthersAreOffered() throws Exception {
        Path other = Files.writeString(home.resolve("other_key"), "x");
        SshTarget t = target(Map.of("ansible_ssh_private_key_file", "/nope/key", "ansible_ssh_common_args", "-i/nope/flag -i" + other));
        assertEquals(List.of(other.toString()), t.endpoint().identityFiles());
        assertEquals(List.of("no such identity: /nope/key: No such file or directory",
                "Warning: Identity file /nope/flag not accessible: No such file or directory."), t.endpoint().notes());
    }

    @Test
    void theUsualKeysAreOfferedOnlyWhenNoKeyFileIsNamedAsSshDoes() throws Exception {
        // ssh -G (OpenSSH 9.2): with no IdentityFile, ~/.ssh/id_rsa, id_ecdsa, id_ecdsa_sk, id_ed25519, id_ed25519_sk,
        // id_xmss, id_dsa; -i of a missing file is dropped while ssh reads its arguments (still the usual keys);
        // -o IdentityFile of a missing file, or IdentityFile none, is a key file named: no usual key
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        List<String> usual = new java.util.ArrayList<>();
        for (String name : List.of("id_rsa", "id_ecdsa", "id_ed25519", "id_dsa")) {
            usual.add(Files.writeString(ssh.resolve(name), "x").toString());
        }
        Files.writeString(ssh.resolve("id_ed25519_sk"), "x");
        assertEquals(usual, target(Map.of()).endpoint().identityFiles(), "OpenSSH's order; a security key is not for this client");
        SshTarget flag = target(Map.of("ansible_ssh_common_args", "-i /nope/flag"));
        assertEquals(usual, flag.endpoint().identityFiles());
        assertEquals(List.of("Warning: Identity file /nope/flag not accessible: No such file or directory."), flag.endpoint().notes());
        SshTarget variable = target(Map.of("ansible_ssh_private_key_file", "/nope/key"));
        assertEquals(List.of(), variable.endpoint().identityFiles(), "Ansible writes the variable as -o IdentityFile: a key file named");
        assertEquals(List.of("no such identity: /nope/key: No such file or directory"), variable.endpoint().notes());
        SshTarget none = target(Map.of("ansible_ssh_common_args", "-o IdentityFile=none"));
        assertEquals(List.of(), none.endpoint().identityFiles());
        assertEquals(List.of(), none.endpoint().notes());
        Files.writeString(ssh.resolve("config"), "Host db-1\n  IdentityFile /nope/config_key\n");
        assertEquals(List.of(), target(Map.of()).endpoint().identityFiles(), "the config file's IdentityFile is a key file named too");
        assertEquals(usual, SshSettings.bastion("ops@edge", Map.of(), env(true)).endpoint().identityFiles(), "a bastion alike");
    }

    @Test
    void aWordOfTheArgsThatIsNoOptionIsTheHostSshLogsInToSoTheHostIsUnreachable() {
        // ansible-playbook with ssh_args "-o ControlMaster=auto ControlPersist=60s": UNREACHABLE, "Failed to connect to the
        // host via ssh: ssh: Could not resolve hostname controlpersist=60s: Name or service not known"
        ModuleException e = assertThrows(ModuleException.class, () -> target(Map.of("ansible_ssh_args",
                "-C -o ControlMaster=auto ControlPersist=60s", "ansible_ssh_common_args", "-o User=x")));
        assertTrue(e.isUnreachable(), e.getMessage());
        assertEquals("ansible_ssh_args: 'ControlPersist=60s' is no ssh option: ssh takes it as the host to log in to, as Ansible runs"
                + " ssh (ssh: Could not resolve hostname controlpersist=60s: Name or service not known) (did you mean -o ControlPersist=60s?)",
                e.getMessage());
        ModuleException extra = assertThrows(ModuleException.class, () -> SshSettings.bastion("ops@edge",
                Map.of("ansible_ssh_extra_args", "-p 2 stray.invalid -l u"), env(true)));
        assertTrue(extra.getMessage().startsWith("ansible_ssh_extra_args: 'stray.invalid' is no ssh option: ssh takes it as the host"),
                extra.getMessage());
    }

    @Test
    void passwordsAreNeverInTheTargetsText() throws Exception {
        SshTarget t = target(Map.of("ansible_ssh_pass", "s3cret-pass", "ansible_ssh_private_key_passphrase", "s3cret-phrase"));
        assertFalse(t.toString().contains("s3cret"), t.toString());
    }

    @Test
    void aBastionIsTheLastOfAChain() throws Exception {
        SshTarget t = SshSettings.bastion("ops@edge:2022,ops@inner", Map.of(), env(true));
        assertEquals("ops@inner:22 (via ops@edge:2022)", t.describe());
        assertThrows(ModuleException.class, () -> SshSettings.bastion(" ", Map.of(), env(true)));
    }

    @Test
    void aKubeSshTunnelWrittenWronglyIsFoundBeforeAnythingRuns() {
        SshConnectionType type = new SshConnectionType();
        for (String good : List.of("bastion", "ops@bastion", "ops@bastion:2222", "ssh://ops@10.0.0.1:22,ops@[fd00::1]:2022", "none", "")) {
            assertEquals(null, type.problem("kube_ssh_tunnel", good), good);
        }
        assertEquals("'ops@bastion:22a' has port '22a', not a port number (1-65535); write [user@]host[:port], or a,b for several jumps",
                type.problem("kube_ssh_tunnel", "ops@bastion:22a"));
        assertEquals("'ops@bastion:70000' has port '70000', not a port number (1-65535); write [user@]host[:port], or a,b for several jumps",
                type.problem("kube_ssh_tunnel", "ops@bastion:70000"));
        assertEquals("'ops@' is not [user@]host[:port]; write [user@]host[:port], or a,b for several jumps", type.problem("kube_ssh_tunnel", "ops@"));
        assertEquals("an empty entry; write [user@]host[:port], or a,b for several jumps", type.problem("kube_ssh_tunnel", "ops@a,,ops@b"));
        assertEquals("'ops@bastion -p 22' is not [user@]host[:port]; write [user@]host[:port], or a,b for several jumps",
                type.problem("kube_ssh_tunnel", "ops@bastion -p 22"));
        assertEquals("write the bastion as text: [user@]host[:port], or a,b for several jumps", type.problem("kube_ssh_tunnel", List.of("a")));
        assertEquals(null, type.problem("ansible_port", "x"), "only kube_ssh_tunnel is checked here");
    }
}
