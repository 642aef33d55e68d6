package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A facts playbook that writes what it gathered to {@code facts_out}, run by Debian's ansible-playbook and by the
 * engine with the same arguments, each writing its own file; both runs must succeed.
 */
final class FactsSideBySide {
    static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");

    private FactsSideBySide() {
    }

    /** The two files a run wrote. */
    record Outputs(Path ansible, Path engine) {
    }

    /** Runs a fixture against localhost (connection local), writing into {@code dir}; skipped without ansible-playbook. */
    static Outputs local(String fixture, Path dir) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(ANSIBLE), "ansible-playbook is not installed");
        Outputs out = new Outputs(dir.resolve("ansible.json"), dir.resolve("engine.json"));
        run(EngineRun.fixture(fixture), out.ansible(), out.engine(), Map.of(), "-i", "localhost,", "-c", "local");
        return out;
    }

    /**
     * An inventory in {@code folder} of the host {@code target}: .ci/ssh-setup.sh's second server (this machine as
     * a user who is not root), with /usr/bin/python3 for Ansible.
     */
    static Path sshInventory(Map<String, String> env, Path folder) throws IOException {
        return java.nio.file.Files.writeString(folder.resolve("hosts"), "target ansible_host=" + env.get("SSH_IT_HOST")
                + " ansible_port=" + env.get("SSH_IT_PORT_B") + " ansible_user=" + env.get("SSH_IT_USER")
                + " ansible_ssh_private_key_file=" + env.get("SSH_IT_KEY") + " ansible_ssh_known_hosts_file="
                + env.get("SSH_IT_KNOWN_HOSTS") + " ansible_python_interpreter=/usr/bin/python3\n");
    }

    /**
     * Runs both, writing ansible.json and engine.json into {@code dir}, and asserts they wrote the same JSON; Ansible's,
     * for what the comparison stands on.
     */
    static com.fasterxml.jackson.databind.JsonNode same(String playbook, Path dir, Map<String, String> ansibleEnv, String... args)
            throws IOException, InterruptedException {
        Path ansibleOut = dir.resolve("ansible.json");
        Path engineOut = dir.resolve("engine.json");
        run(playbook, ansibleOut, engineOut, ansibleEnv, args);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode ansible = json.readTree(ansibleOut.toFile());
        assertEquals(ansible, json.readTree(engineOut.toFile()));
        return ansible;
    }

    /** Runs both; {@code ansibleEnv} is added to ansible-playbook's environment. */
    static void run(String playbook, Path ansibleOut, Path engineOut, Map<String, String> ansibleEnv, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ANSIBLE.toString(), playbook));
        command.addAll(List.of(args));
        command.addAll(List.of("-e", "facts_out=" + ansibleOut));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(ansibleEnv);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        List<String> engineArgs = new ArrayList<>(List.of(playbook));
        engineArgs.addAll(List.of(args));
        engineArgs.addAll(List.of("-e", "facts_out=" + engineOut));
        RunResult r = EngineRun.cli(engineArgs.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
    }
}
