package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What SSH settings depend on besides a host's variables: the controller user's home as OpenSSH finds it, from the
 * account database (for {@code ~} in what ssh reads: {@code ~/.ssh/config}, {@code ~/.ssh/known_hosts}, the default keys,
 * {@code IdentityFile}), the home Ansible's own {@code ~} means ({@code HOME} first, for
 * {@code ansible_ssh_private_key_file}, which Ansible's ssh connection expands itself before ssh sees it), the login
 * name, the environment ({@code SSH_AUTH_SOCK}, {@code SHELL} and what a {@code Match exec} command sees), Ansible's
 * {@code host_key_checking}, the system's ssh config ({@code /etc/ssh/ssh_config}; null: none) and the command host names
 * are resolved with for CanonicalizeHostname ({@code getent}, given {@code ahosts NAME}). Tests give their own.
 */
record SshEnvironment(Path home, Path ansibleHome, String localUser, Map<String, String> environment,
                      HostKeyChecking.Setting hostKeyChecking, Path systemConfig, List<String> resolver) {
    /** The system's ssh config, read after the user's as ssh reads it (not with {@code -F}). */
    static final Path SYSTEM_CONFIG = Path.of("/etc/ssh/ssh_config");

    SshEnvironment {
        resolver = List.copyOf(resolver);
    }

    /** Names resolved by the C library, as ssh resolves them. */
    SshEnvironment(Path home, Path ansibleHome, String localUser, Map<String, String> environment, HostKeyChecking.Setting hostKeyChecking,
                   Path systemConfig) {
        this(home, ansibleHome, localUser, environment, hostKeyChecking, systemConfig, List.of("getent"));
    }

    /** Two homes, no system config. */
    SshEnvironment(Path home, Path ansibleHome, String localUser, Map<String, String> environment, HostKeyChecking.Setting hostKeyChecking) {
        this(home, ansibleHome, localUser, environment, hostKeyChecking, null);
    }

    /** One home for both, no system config. */
    SshEnvironment(Path home, String localUser, Map<String, String> environment, HostKeyChecking.Setting hostKeyChecking) {
        this(home, home, localUser, environment, hostKeyChecking, null);
    }

    /** The controller's, with the run's environment and host key checking. */
    static SshEnvironment current(ModuleContext ctx) {
        return new SshEnvironment(Path.of(System.getProperty("user.home")), Path.of(io.runbook.engine.vars.HomeDir.of(ctx.runEnvironment())),
                System.getProperty("user.name"), ctx.runEnvironment().asMap(), HostKeyChecking.of(ctx), SYSTEM_CONFIG);
    }

    /** A path Ansible itself expands ({@code os.path.expanduser}): {@code ~} is {@link #ansibleHome}. */
    Path ansiblePath(String written) {
        return Path.of(io.runbook.engine.vars.HomeDir.expand(written, ansibleHome.toString())).toAbsolutePath();
    }

    /** A path as a user wrote it: {@code ~} expanded, relative to the working directory. */
    Path path(String written) {
        return Path.of(io.runbook.engine.vars.HomeDir.expand(written, home.toString())).toAbsolutePath();
    }
}
