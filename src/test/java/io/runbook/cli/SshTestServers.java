package io.runbook.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The env file of the OpenSSH test servers {@code .ci/ssh-setup.sh} starts ({@code .ci/ssh-it.env}): its
 * variables, or the test is skipped saying how to start them (failed when {@code SSH_IT_REQUIRED=1}, as in CI).
 */
public final class SshTestServers {
    private static final Path ENV_FILE = LabEstateRun.ROOT.resolve(".ci/ssh-it.env");

    private SshTestServers() {
    }

    /** Whether .ci/ssh-setup.sh has started the servers (its env file is there). */
    public static boolean running() {
        return Files.exists(ENV_FILE);
    }

    public static Map<String, String> require() throws IOException {
        Path file = ENV_FILE;
        if ("1".equals(System.getenv("SSH_IT_REQUIRED")) && !Files.exists(file)) {
            throw new IllegalStateException("SSH_IT_REQUIRED=1 but " + file + " is missing: .ci/ssh-setup.sh did not run or failed");
        }
        assumeTrue(Files.exists(file), "no OpenSSH test servers (" + file + " missing): run .ci/ssh-setup.sh as root first");
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    /**
     * Writes an inventory of one host, {@code name}, that is the test servers' server B, logged in to as the test user
     * with its key, becoming root with its password (skips the test where the servers have no sudo rules).
     */
    static Path becomeRootInventory(Path file, String name, Map<String, String> env) throws IOException {
        assumeTrue(env.get("SSH_IT_SUDOERS") != null && !env.get("SSH_IT_SUDOERS").isEmpty(), "the test servers have no sudo rules");
        return Files.writeString(file, "all:\n  hosts:\n    " + name + ":\n"
                + serverB(env, "      ")
                + "      ansible_become: true\n"
                + "      ansible_become_password: \"" + env.get("SSH_IT_PASSWORD") + "\"\n");
    }

    /** The inventory variables that reach server B as the test user with its key, one a line, each after {@code indent}. */
    static String serverB(Map<String, String> env, String indent) {
        return indent + "ansible_host: " + env.get("SSH_IT_HOST") + "\n"
                + indent + "ansible_port: " + env.get("SSH_IT_PORT_B") + "\n"
                + indent + "ansible_user: " + env.get("SSH_IT_USER") + "\n"
                + indent + "ansible_ssh_private_key_file: " + env.get("SSH_IT_KEY") + "\n"
                + indent + "ansible_ssh_known_hosts_file: " + env.get("SSH_IT_KNOWN_HOSTS") + "\n";
    }

    /**
     * Writes an OpenSSH client configuration in which {@code localhost} is server B, logged in to as the test user with
     * its key and known hosts file: what ansible-test's {@code needs/ssh} gives a target (an SSH login to localhost).
     */
    public static Path localhostConfig(Path file, Map<String, String> env) throws IOException {
        return Files.writeString(file, "Host localhost\n"
                + "  HostName " + env.get("SSH_IT_HOST") + "\n"
                + "  Port " + env.get("SSH_IT_PORT_B") + "\n"
                + "  User " + env.get("SSH_IT_USER") + "\n"
                + "  IdentityFile " + env.get("SSH_IT_KEY") + "\n"
                + "  IdentitiesOnly yes\n"
                + "  UserKnownHostsFile " + env.get("SSH_IT_KNOWN_HOSTS") + "\n"
                + "  StrictHostKeyChecking yes\n");
    }

    /** A new folder {@code prefix-RANDOM} in the test user's home, owned by that user (for what its hosts write). */
    static Path userFolder(Map<String, String> env, String prefix) throws IOException {
        Path folder = Files.createDirectories(Path.of(env.get("SSH_IT_HOME")).resolve(prefix + "-" + UUID.randomUUID().toString().substring(0, 8)));
        return Files.setOwner(folder, folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(env.get("SSH_IT_USER")));
    }
}
