package io.runbook.modules.ssh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The two real OpenSSH servers started by {@code .ci/ssh-setup.sh} (A, the bastion, and B, the target, on
 * loopback), read from its env file ({@code SSH_IT_ENV}, else {@code .ci/ssh-it.env} at the repository root).
 * Without that file the tests are skipped with a message saying how to start the servers, or fail when
 * {@code SSH_IT_REQUIRED=1} (set in CI, where the servers must run).
 */
public final class SshServers {
    private final Map<String, String> env;

    private SshServers(Map<String, String> env) {
        this.env = env;
    }

    public static SshServers require() throws IOException {
        Path root = repositoryRoot();
        String given = System.getenv("SSH_IT_ENV");
        Path file = given != null ? Path.of(given) : root.resolve(".ci/ssh-it.env");
        if ("1".equals(System.getenv("SSH_IT_REQUIRED")) && !Files.exists(file)) {
            throw new IllegalStateException("SSH_IT_REQUIRED=1 but " + file + " is missing: .ci/ssh-setup.sh did not run or failed");
        }
        assumeTrue(Files.exists(file), "no OpenSSH test servers (" + file + " missing): run .ci/ssh-setup.sh as root first;"
                + " the CI job always does, so these SSH integration tests are skipped only on machines that cannot run it");
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return new SshServers(env);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".ci"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }

    public String get(String key) {
        String v = env.get(key);
        if (v == null) {
            throw new IllegalStateException(key + " is not in the ssh-it env file");
        }
        return v;
    }

    public String host() {
        return get("SSH_IT_HOST");
    }

    /** Port of server A (the bastion). */
    public int portA() {
        return Integer.parseInt(get("SSH_IT_PORT"));
    }

    /** Port of server B (the target). */
    public int portB() {
        return Integer.parseInt(get("SSH_IT_PORT_B"));
    }

    public String user() {
        return get("SSH_IT_USER");
    }

    /** Host variables that reach server B directly with the authorised key and the test known_hosts. */
    public Map<String, Object> targetVars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_connection", "ssh");
        vars.put("ansible_host", host());
        vars.put("ansible_port", portB());
        vars.put("ansible_user", user());
        vars.put("ansible_ssh_private_key_file", get("SSH_IT_KEY"));
        vars.put("ansible_ssh_known_hosts_file", get("SSH_IT_KNOWN_HOSTS"));
        return vars;
    }

    /** A fresh folder in the test user's home, owned by that user (the tests run as root on the same machine). */
    public Path userFolder() throws IOException {
        Path dir = Path.of(get("SSH_IT_HOME")).resolve("it-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dir);
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(dir, users.lookupPrincipalByName(user()));
        return dir;
    }

    /** How many direct-tcpip forwards server A (the bastion) has made to {@code port} so far (from its debug log). */
    public long forwardsThroughA(int port) throws IOException {
        return Files.readAllLines(Path.of(get("SSH_IT_LOG_A"))).stream()
                .filter(l -> l.contains("server_request_direct_tcpip") && l.contains("port " + port)).count();
    }
}
