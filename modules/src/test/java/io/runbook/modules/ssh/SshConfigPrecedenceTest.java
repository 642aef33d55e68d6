package io.runbook.modules.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.ModuleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several blocks of an ssh config matching one host, and ssh's combined flags: the values expected are what OpenSSH 9.2's
 * {@code ssh -G} prints for the same files and arguments (written down in each test).
 */
class SshConfigPrecedenceTest {
    private static final Path CONFIGS = Path.of("src/test/resources/ssh-config").toAbsolutePath();
    @TempDir
    Path home;

    @BeforeEach
    void keys() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/a_key"), "x");
        Files.writeString(home.resolve(".ssh/b_key"), "x");
    }

    private SshTarget target(String host, String args) throws ModuleException {
        SshEnvironment env = new SshEnvironment(home, "ops", Map.of(), new HostKeyChecking.Setting(true, null));
        return SshSettings.target(Map.of("ansible_ssh_common_args", args), host, env);
    }

    @Test
    void theFirstValueOfEachOptionOverEveryMatchingBlockWinsAndHostStarGivesDefaults() throws Exception {
        String cfg = "-F " + CONFIGS.resolve("multi.cfg");
        // ssh -F multi.cfg -G web1: user first, hostname web1.example.com, port 2201, hostkeyalias from-match, a_key then b_key
        SshTarget web1 = target("web1", cfg);
        assertEquals("first@web1.example.com:2201", web1.describe());
        assertEquals("from-match", web1.endpoint().hostKeyAlias());
        assertEquals(List.of(home.resolve(".ssh/a_key").toString(), home.resolve(".ssh/b_key").toString()), web1.endpoint().identityFiles());
        // web2: "Host=web1 !web2" does not apply, Match originalhost web2 does
        assertEquals("first@matched-web2:2222", target("web2", cfg).describe());
        assertEquals("first@default-host:2222", target("web3", cfg).describe());
        assertEquals("default@default-host:2222", target("other", cfg).describe());
        // Host patterns are case-sensitive: "Host web*" does not apply to WEB1
        assertEquals("default@default-host:2222", target("WEB1", cfg).describe());
        // ssh -F multi.cfg -G -l zed web1: user zed, hostname web1.example.com, port 2201, no hostkeyalias: the command
        // line's user, so "Match host web1.example.com user first" does not apply
        assertEquals("zed@web1.example.com:2201", target("web1", cfg + " -l zed").describe());
        assertEquals(null, target("web1", cfg + " -l zed").endpoint().hostKeyAlias());
    }

    @Test
    void matchFinalIsReadOnASecondReadingAgainstTheHostNameAndMatchExecRunsItsCommand() throws Exception {
        // ssh -F final.cfg -G x: user fin (Match final host y), port 3 (Match exec "true")
        SshTarget x = target("x", "-F " + CONFIGS.resolve("final.cfg"));
        assertEquals("fin@y:3", x.describe());
        assertEquals(List.of(), x.endpoint().notes());
    }

    @Test
    void aProxyJumpHopHasTheConfigFilesKeysNotTheKeyVariableAsAnsiblesSshGivesIt() throws Exception {
        // ssh -v -J: "Setting implicit ProxyCommand from ProxyJump: ssh -l USER -p PORT -F FILE -W '[%h]:%p' JUMP": the
        // -o IdentityFile Ansible writes for ansible_ssh_private_key_file is the target's only; ssh -F jump.cfg -G bastion:
        // user jumper, port 2222, identityfile ~/.ssh/b_key; ssh -F jump.cfg -G -l ops -p 2200 bastion: ops, 2200, b_key
        SshEnvironment env = new SshEnvironment(home, "ops", Map.of(), new HostKeyChecking.Setting(true, null));
        String key = home.resolve(".ssh/a_key").toString();
        SshTarget t = SshSettings.target(Map.of("ansible_ssh_private_key_file", key,
                "ansible_ssh_common_args", "-F " + CONFIGS.resolve("jump.cfg") + " -J bastion,ops@bastion:2200"), "db", env);
        assertEquals(List.of(key), t.endpoint().identityFiles());
        assertEquals("ops@db:2222 (via jumper@bastion:2222, ops@bastion:2200)", t.describe());
        for (Endpoint jump : t.jumps()) {
            assertEquals(List.of(home.resolve(".ssh/b_key").toString()), jump.identityFiles(), jump.describe());
        }
        SshTarget other = SshSettings.target(Map.of("ansible_ssh_private_key_file", key,
                "ansible_ssh_common_args", "-F " + CONFIGS.resolve("jump.cfg") + " -J elsewhere"), "db", env);
        assertEquals(List.of(), other.jumps().get(0).identityFiles(), "no IdentityFile for it, none of ssh's usual keys in this home");
        // the engine's own kube_ssh_tunnel bastion is no ssh ProxyJump: the key variable is its key
        SshTarget bastion = SshSettings.bastion("elsewhere", Map.of("ansible_ssh_private_key_file", key,
                "ansible_ssh_common_args", "-F " + CONFIGS.resolve("jump.cfg")), env);
        assertEquals(List.of(key), bastion.endpoint().identityFiles());
    }

    @Test
    void combinedFlagsAreReadAsSshsGetoptReadsThem() throws Exception {
        // ssh -G -4Cp 2223 h: port 2223; -Cp2222: 2222; -oPort=2224 -luser: port 2224, user user
        assertEquals("ops@h:2223", target("h", "-4Cp 2223").describe());
        assertEquals("ops@h:2222", target("h", "-Cp2222 -4").describe());
        assertEquals("user@h:2224", target("h", "-oPort=2224 -luser").describe());
        // ssh -G -Ap2225 -L 8080:localhost:80 -oUser=x h: port 2225, user x
        assertEquals("x@h:2225", target("h", "-Ap2225 -L 8080:localhost:80 -oUser=x").describe());
        assertEquals(List.of(home.resolve(".ssh/a_key").toString()), target("h", "-Ci" + home.resolve(".ssh/a_key")).endpoint().identityFiles());
    }

    @Test
    void aFlagSshDoesNotKnowOrOneWithoutItsValueMakesTheHostUnreachableAsSshsUsageError() {
        ModuleException unknown = assertThrows(ModuleException.class, () -> target("h", "-CZ"));
        assertTrue(unknown.getMessage().startsWith("ansible_ssh_common_args: -CZ: unknown option -- Z (as ssh says; its options: [-46AaCfGgKkMNnqsTtVvXxYy]"),
                unknown.getMessage());
        assertTrue(unknown.isUnreachable());
        ModuleException noValue = assertThrows(ModuleException.class, () -> target("h", "-C -p"));
        assertEquals("ansible_ssh_common_args: -p: option requires an argument -- p (as ssh says)", noValue.getMessage());
    }
}
