package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * What SSH settings depend on besides a host's variables: the controller user's home (for {@code ~},
 * {@code ~/.ssh/config}, {@code ~/.ssh/known_hosts}, the default keys), the login name, the environment
 * ({@code SSH_AUTH_SOCK}) and Ansible's {@code host_key_checking}. Tests give their own.
 */
record SshEnvironment(Path home, String localUser, Map<String, String> environment, HostKeyChecking.Setting hostKeyChecking) {
    /** The controller's, with the run's host key checking. */
    static SshEnvironment current(ModuleContext ctx) {
        return new SshEnvironment(Path.of(System.getProperty("user.home")), System.getProperty("user.name"), System.getenv(),
                HostKeyChecking.of(ctx));
    }

    /** A path as a user wrote it: {@code ~} expanded, relative to the working directory. */
    Path path(String written) {
        if (written.equals("~")) {
            return home;
        }
        if (written.startsWith("~/")) {
            return home.resolve(written.substring(2));
        }
        return Path.of(written).toAbsolutePath();
    }
}
