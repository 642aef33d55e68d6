package io.runbook.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real BIND primary (127.0.0.1) and secondary (127.0.0.2) of {@code .ci/dns-setup.sh}, as its env file tells them
 * ({@code DNS_IT_ENV}, else {@code .ci/dns-it.env} at the repository root): a test is skipped without it, and fails
 * when {@code DNS_IT_REQUIRED=1} (CI, where the servers must run).
 *
 * @param root    the repository root (holds {@code .ci})
 * @param envFile the env file read
 * @param env     its {@code NAME=value} lines
 */
record BindEnv(Path root, Path envFile, Map<String, String> env) {

    static BindEnv require() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root.getParent() != null && !Files.isDirectory(root.resolve(".ci"))) {
            root = root.getParent();
        }
        String given = System.getenv("DNS_IT_ENV");
        Path envFile = given != null ? Path.of(given) : root.resolve(".ci/dns-it.env");
        if ("1".equals(System.getenv("DNS_IT_REQUIRED")) && !Files.exists(envFile)) {
            throw new IllegalStateException("DNS_IT_REQUIRED=1 but " + envFile + " is missing: .ci/dns-setup.sh did not run or failed");
        }
        assumeTrue(Files.exists(envFile), "no BIND pair (" + envFile + " missing): run .ci/dns-setup.sh as root first;"
                + " the CI job always does, so these DNS integration tests are skipped only on machines that cannot run it");
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return new BindEnv(root, envFile, Map.copyOf(env));
    }

    /**
     * The pair's port, zone and update key as extra variables for a playbook ({@code dns_port}, {@code dns_zone},
     * {@code dns_key}, {@code dns_secret_file}), then {@code more} ({@code name=value} each), for both tools' runs.
     */
    java.util.List<String> playbookVars(String... more) {
        java.util.List<String> vars = new java.util.ArrayList<>(java.util.List.of("-e", "dns_port=" + get("DNS_IT_PORT"),
                "-e", "dns_zone=" + get("DNS_IT_ZONE"), "-e", "dns_key=" + get("DNS_IT_KEY_NAME"),
                "-e", "dns_secret_file=" + get("DNS_IT_KEY_SECRET_FILE"), "-e", "ansible_python_interpreter=/usr/bin/python3"));
        for (String m : more) {
            vars.addAll(java.util.List.of("-e", m));
        }
        return java.util.List.copyOf(vars);
    }

    /**
     * Held while a test stops the secondary ({@code .ci/dns-secondary.sh}) or needs it to follow the primary: a file
     * lock beside the env file, so the test JVMs side by side take turns (close it to let go).
     */
    java.io.Closeable secondaryLock() throws IOException {
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(Path.of(envFile + ".secondary.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock = channel.lock();
        return () -> {
            lock.release();
            channel.close();
        };
    }

    String get(String name) {
        return env.get(name);
    }

    /** The update key's secret (base64): tests check that no output shows it. */
    String secret() throws IOException {
        return Files.readString(Path.of(env.get("DNS_IT_KEY_SECRET_FILE"))).trim();
    }
}
