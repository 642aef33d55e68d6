package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.RoleSearch;
import io.runbook.modules.ssh.HostKeyChecking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ansible.cfg is found and read as Ansible reads it; ANSIBLE_* variables, then runbook.yml, win over it. */
class SettingsTest {
    @TempDir
    Path dir;

    private Path cfg(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theConfigIsLookedForAsAnsibleLooksForIt() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cwd = Files.createDirectories(dir.resolve("project"));
        cfg("home/.ansible.cfg", "[defaults]\nforks = 3\n");
        assertEquals(home.resolve(".ansible.cfg"), AnsibleConfig.find(Map.of("HOME", home.toString()), cwd).file());
        cfg("project/ansible.cfg", "[defaults]\nforks = 4\n");
        assertEquals(cwd.resolve("ansible.cfg"), AnsibleConfig.find(Map.of("HOME", home.toString()), cwd).file());
        Path named = cfg("elsewhere/my.cfg", "[defaults]\nforks = 5\n");
        assertEquals(named, AnsibleConfig.find(Map.of("HOME", home.toString(), "ANSIBLE_CONFIG", named.toString()), cwd).file());
    }

    @Test
    void settingsComeFromTheConfigWithPathsRelativeToIt() throws IOException {
        Path file = cfg("ansible.cfg", """
                # a comment
                [defaults]
                inventory = hosts.ini
                roles_path = roles:~/shared-roles ; inline comment
                forks: 7
                vault_password_file = secret.txt
                host_key_checking = False
                stdout_callback = yaml
                gathering = explicit
                strategy = free
                force_handlers = yes
                fact_path = /srv/facts.d
                error_on_missing_handler = False
                """);
        Settings s = Settings.resolve(ProjectConfig.none(), AnsibleConfig.load(file), Map.of("HOME", "/home/u"), Path.of("/cwd"));
        assertEquals(List.of(dir.resolve("hosts.ini").toString()), s.inventory());
        assertEquals(List.of(dir.resolve("roles"), Path.of("/home/u/shared-roles")), s.rolesPath());
        assertEquals(7, s.forks());
        // the vault's password file, relative to the file, as the vault reads it (ANSIBLE_VAULT_PASSWORD_FILE)
        assertEquals(dir.resolve("secret.txt").toString(), s.vaultEnvironment(io.runbook.engine.env.RunEnvironment.of(Map.of()))
                .get("ANSIBLE_VAULT_PASSWORD_FILE"));
        assertEquals("yaml", s.stdoutCallback());
        assertEquals("explicit", s.gathering());
        assertEquals("free", s.strategy());
        assertEquals(true, s.forceHandlers());
        assertEquals("/srv/facts.d", s.factPath());
        assertEquals(false, s.errorOnMissingHandler());
        assertEquals("/tmp/f", Settings.resolve(ProjectConfig.none(), AnsibleConfig.load(file), Map.of("ANSIBLE_FACT_PATH",
                "/tmp/f"), Path.of("/cwd")).factPath());
        assertEquals(new HostKeyChecking.Setting(false, "host_key_checking = False in " + file), s.hostKeyChecking());
        assertEquals(file, s.configFile());
    }

    @Test
    void sshConnectionDefaultsComeFromTheEnvironmentThenTheConfigAndTheCommandLineWins() throws IOException {
        Path password = Files.writeString(dir.resolve("login-password"), "s3cret\nignored\n");
        AnsibleConfig cfg = AnsibleConfig.load(cfg("ansible.cfg", "[defaults]\nprivate_key_file = ~/.ssh/dr\ntimeout = 30\n"
                + "connection_password_file = " + password + "\n[ssh_connection]\nssh_common_args = -o ProxyJump=bastion\n"));
        Settings s = Settings.resolve(ProjectConfig.none(), cfg, Map.of("ANSIBLE_TIMEOUT", "45"), dir);
        Map<String, Object> vars = new BecomeOptions().variables(s.escalation());
        assertEquals("~/.ssh/dr", vars.get("ansible_private_key_file"));
        assertEquals("45", vars.get("ansible_timeout"));
        assertEquals("-o ProxyJump=bastion", vars.get("ansible_ssh_common_args"));
        assertEquals(new io.runbook.engine.vars.SecretText("s3cret"), vars.get("ansible_password"));  // secret text from the start
        assertFalse(vars.containsKey("ansible_ssh_args"), "ssh_args' default says nothing the engine reads");
        Map<String, Object> fromEnv = new BecomeOptions().variables(Settings.resolve(ProjectConfig.none(), cfg,
                Map.of("ANSIBLE_SSH_ARGS", "-C -F /etc/ssh/other.cfg", "ANSIBLE_REMOTE_PORT", "2222"), dir).escalation());
        assertEquals("-C -F /etc/ssh/other.cfg", fromEnv.get("ansible_ssh_args"));
        assertEquals("2222", fromEnv.get("ansible_port"));
        assertEquals("2200", new BecomeOptions().variables(Settings.resolve(ProjectConfig.none(), AnsibleConfig.load(
                cfg("port.cfg", "[defaults]\nremote_port = 2200\n")), Map.of(), dir).escalation()).get("ansible_port"));

        BecomeOptions given = new BecomeOptions();
        given.privateKey = Path.of("/keys/other");
        given.timeout = 5;
        given.sshExtraArgs = "-o ServerAliveInterval=5";
        Map<String, Object> mine = given.variables(s.escalation());
        assertEquals("/keys/other", mine.get("ansible_private_key_file"));
        assertEquals("5", mine.get("ansible_timeout"));
        assertEquals("-o ServerAliveInterval=5", mine.get("ansible_ssh_extra_args"));
    }

    @Test
    void privilegeEscalationComesFromTheEnvironmentThenTheConfigAndTheCommandLineWins() throws IOException {
        AnsibleConfig cfg = AnsibleConfig.load(cfg("ansible.cfg", "[defaults]\nremote_user = deploy\n[privilege_escalation]\n"
                + "become = True\nbecome_user = app\nbecome_method = su\n"));
        Settings s = Settings.resolve(ProjectConfig.none(), cfg, Map.of("ANSIBLE_BECOME_USER", "ops"), dir);
        assertEquals(Map.of("remote_user", "deploy", "become", "True", "become_user", "ops", "become_method", "su"), s.escalation());

        BecomeOptions fromSettings = new BecomeOptions();
        assertEquals(Map.of("ansible_user", "deploy", "ansible_become", true, "ansible_become_user", "ops",
                "ansible_become_method", "su"), fromSettings.variables(s.escalation()));
        BecomeOptions given = new BecomeOptions();
        given.user = "root";
        given.becomeUser = "nobody";
        given.method = "sudo";
        assertEquals(Map.of("ansible_user", "root", "ansible_become", true, "ansible_become_user", "nobody",
                "ansible_become_method", "sudo"), given.variables(s.escalation()));
        assertEquals(Map.of(), new BecomeOptions().variables(Settings.resolve(ProjectConfig.none(), AnsibleConfig.NONE, Map.of(), dir)
                .escalation()));
    }

    @Test
    void hostKeyCheckingIsOnUnlessTheEnvironmentOrTheConfigTurnsItOff() throws IOException {
        // the ssh connection's: [ssh_connection]'s wins over [defaults]' (ansible-config dump -t connection: ssh's False)
        AnsibleConfig cfg = AnsibleConfig.load(cfg("ansible.cfg", "[ssh_connection]\nhost_key_checking = False\n[defaults]\n"
                + "host_key_checking = yes\n"));
        assertEquals(HostKeyChecking.Setting.ON, Settings.resolve(ProjectConfig.none(), AnsibleConfig.NONE, Map.of(), dir).hostKeyChecking());
        assertEquals(new HostKeyChecking.Setting(false, "host_key_checking = False in " + dir.resolve("ansible.cfg")),
                Settings.resolve(ProjectConfig.none(), cfg, Map.of(), dir).hostKeyChecking());
        assertEquals(true, Settings.resolve(ProjectConfig.none(), cfg, Map.of("ANSIBLE_HOST_KEY_CHECKING", "yes"), dir)
                .hostKeyChecking().on());
        assertEquals(new HostKeyChecking.Setting(false, "ANSIBLE_HOST_KEY_CHECKING=False"), Settings.resolve(
                ProjectConfig.none(), AnsibleConfig.NONE, Map.of("ANSIBLE_HOST_KEY_CHECKING", "False"), dir).hostKeyChecking());
    }

    /**
     * Every boolean setting is read as Ansible reads it: a word not true is false (ansible-config dump says
     * HOST_KEY_CHECKING = False for maybe); the ssh connection's host_key_checking also from [ssh_connection].
     */
    @Test
    void hostKeyCheckingIsReadAsAnsibleReadsABoolean() throws IOException {
        Path file = cfg("ansible.cfg", "[defaults]\nhost_key_checking = maybe\n");
        assertEquals(new HostKeyChecking.Setting(false, "host_key_checking = maybe in " + file),
                Settings.resolve(ProjectConfig.none(), AnsibleConfig.load(file), Map.of(), dir).hostKeyChecking());
        Path ssh = cfg("ssh.cfg", "[ssh_connection]\nhost_key_checking = False\n");
        assertEquals(false, Settings.resolve(ProjectConfig.none(), AnsibleConfig.load(ssh), Map.of(), dir).hostKeyChecking().on());
        assertEquals(false, Settings.resolve(ProjectConfig.none(), AnsibleConfig.NONE, Map.of("ANSIBLE_SSH_HOST_KEY_CHECKING",
                "maybe"), dir).hostKeyChecking().on());
    }

    /**
     * COLLECTIONS_PATHS as ansible-config dump gives it: ansible.cfg's collections_path over collections_paths (the
     * last ini key set wins), relative to the file; ANSIBLE_COLLECTIONS_PATH over ANSIBLE_COLLECTIONS_PATHS over both.
     */
    @Test
    void collectionsPathComesFromTheEnvironmentThenTheConfig() throws IOException {
        AnsibleConfig cfg = AnsibleConfig.load(cfg("ansible.cfg", "[defaults]\ncollections_paths = old\ncollections_path = new:~/c\n"));
        Map<String, String> home = Map.of("HOME", "/home/u");
        assertEquals(List.of(dir.resolve("new"), Path.of("/home/u/c")), Settings.resolve(ProjectConfig.none(), cfg, home, dir)
                .roleSearch().collectionsPath());
        assertEquals(List.of(Path.of("/e2")), Settings.resolve(ProjectConfig.none(), cfg, Map.of("ANSIBLE_COLLECTIONS_PATHS", "/e1",
                "ANSIBLE_COLLECTIONS_PATH", "/e2"), dir).collectionsPaths());
        assertEquals(List.of(Path.of("/home/u/.ansible/collections"), Path.of("/usr/share/ansible/collections")),
                Settings.resolve(ProjectConfig.none(), AnsibleConfig.NONE, home, dir).collectionsPaths());
    }

    @Test
    void runbookYmlWinsOverAnsibleCfgAndEnvironmentVariablesWinOverBoth() throws IOException {
        AnsibleConfig cfg = AnsibleConfig.load(cfg("ansible.cfg", "[defaults]\ninventory = from-cfg\nroles_path = cfg-roles\nforks = 2\n"));
        ProjectConfig project = new ProjectConfig(dir.resolve("runbook.yml"), List.of("/project/inventory"), 9, null, null,
                List.of(Path.of("/project/roles")), false);
        Settings fromProject = Settings.resolve(project, cfg, Map.of(), Path.of("/cwd"));
        assertEquals(List.of("/project/inventory"), fromProject.inventory());
        assertEquals(List.of(Path.of("/project/roles")), fromProject.rolesPath());
        assertEquals(9, fromProject.forks());
        assertEquals(false, fromProject.errorOnMissingHandler());
        Settings fromEnv = Settings.resolve(project, cfg, Map.of("ANSIBLE_INVENTORY", "a.yml,b.yml",
                "ANSIBLE_ROLES_PATH", "/env/roles:rel", "ANSIBLE_FORKS", "11", "ANSIBLE_GATHERING", "smart"), Path.of("/cwd"));
        assertEquals(List.of("/cwd/a.yml", "/cwd/b.yml"), fromEnv.inventory());
        assertEquals(List.of(Path.of("/env/roles"), Path.of("/cwd/rel")), fromEnv.rolesPath());
        assertEquals(11, fromEnv.forks());
        assertEquals("smart", fromEnv.gathering());
        assertEquals(true, Settings.resolve(project, cfg, Map.of("ANSIBLE_ERROR_ON_MISSING_HANDLER", "yes"), Path.of("/cwd"))
                .errorOnMissingHandler());
    }

    @Test
    void withNothingSetAnsiblesDefaultsApply() {
        Settings s = Settings.resolve(ProjectConfig.none(), AnsibleConfig.NONE, Map.of(), Path.of("/cwd"));
        assertEquals(List.of(), s.inventory());
        assertEquals(RoleSearch.defaultPath(System.getProperty("user.home")), s.rolesPath(), "no HOME: the account's");
        assertEquals(20, s.forks(), "the engine's default (Ansible's is 5)");
        assertEquals("implicit", s.gathering());
        assertEquals("linear", s.strategy());
        assertEquals(true, s.errorOnMissingHandler());
    }

    @Test
    void aBadValueIsAnInputError() throws IOException {
        AnsibleConfig cfg = AnsibleConfig.load(cfg("ansible.cfg", "[defaults]\ngathering = sometimes\n"));
        UserError e = assertThrows(UserError.class, () -> Settings.resolve(ProjectConfig.none(), cfg, Map.of(), Path.of("/")));
        assertEquals("gathering: gathering must be implicit, explicit or smart, not 'sometimes'", e.format());
        UserError noSection = assertThrows(UserError.class, () -> AnsibleConfig.load(cfg("bad.cfg", "forks = 2\n")));
        assertEquals(dir.resolve("bad.cfg") + ":1:1: the Ansible config must start with a section such as [defaults]",
                noSection.format());
    }

    /**
     * Ansible refuses at start a base setting that must be a whole number and is given text that is none, whether it
     * uses the setting or not: so does the engine for those it does not use (read for the config lookup only, when
     * that first asks). A plugin's option is read when the plugin is: ssh's reconnection_retries only when asked.
     */
    @Test
    void aBadNumberForAnAnsibleSettingTheEngineDoesNotUseIsRefusedAtStart() throws IOException {
        UserError env = assertThrows(UserError.class, () -> Settings.resolve(ProjectConfig.none(), AnsibleConfig.NONE,
                Map.of("ANSIBLE_DIFF_CONTEXT", "abc"), dir));
        assertEquals("ANSIBLE_DIFF_CONTEXT: context must be a whole number, not 'abc'", env.format());
        Path file = cfg("ansible.cfg", "[diff]\ncontext = many\n");
        UserError fromCfg = assertThrows(UserError.class, () -> Settings.resolve(ProjectConfig.none(), AnsibleConfig.load(file),
                Map.of(), dir));
        assertEquals("context in " + file + ": context must be a whole number, not 'many'", fromCfg.format());

        Settings retries = Settings.resolve(ProjectConfig.none(), AnsibleConfig.NONE, Map.of("ANSIBLE_SSH_RETRIES", "abc"), dir);
        assertEquals(20, retries.values().base().get("DEFAULT_FORKS"), "the run's settings are read");
        UserError asked = assertThrows(UserError.class, () -> retries.values().every());
        assertEquals("ANSIBLE_SSH_RETRIES: retries must be a whole number, not 'abc'", asked.format());
    }

    /** The settings the engine honours are read at start; Ansible's others, from the same sources, when first asked. */
    @Test
    void ansiblesOtherSettingsAreReadWhenFirstAskedFromTheSameSources() throws IOException {
        Path file = cfg("ansible.cfg", "[defaults]\nforks = 4\ngather_timeout = 25\n[diff]\ncontext = 7\n");
        Settings s = Settings.resolve(ProjectConfig.none(), AnsibleConfig.load(file), Map.of("ANSIBLE_NOCOWS", "yes"), dir);
        assertEquals(4, s.values().base().get("DEFAULT_FORKS"));
        assertFalse(s.values().base().containsKey("DIFF_CONTEXT"), "not read at start");
        io.runbook.engine.config.SettingValues every = s.values().every();
        assertEquals(List.of(7, 25, true, 4, file.toString()), java.util.stream.Stream.of("DIFF_CONTEXT", "DEFAULT_GATHER_TIMEOUT",
                "ANSIBLE_NOCOWS", "DEFAULT_FORKS", "CONFIG_FILE").map(every.base()::get).toList());
        assertEquals(s.values().plugins().get("callback/default"), every.plugins().get("callback/default"),
                "the default callback's options: the engine's table and Ansible's give the same values");
        org.junit.jupiter.api.Assertions.assertSame(every, s.values().every(), "read once");
    }
}
