package io.runbook.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The env file of the OpenSSH test servers {@code .ci/ssh-setup.sh} starts ({@code .ci/ssh-it.env}): its
 * variables, or the test is skipped saying how to start them (failed when {@code SSH_IT_REQUIRED=1}, as in CI).
 */
final class SshTestServers {
    private SshTestServers() {
    }

    static Map<String, String> require() throws IOException {
        Path file = LabEstateRun.ROOT.resolve(".ci/ssh-it.env");
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
}
