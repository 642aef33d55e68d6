package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playbook written for community.general.nsupdate (nsupdate/parity.yml: create, the same again, check mode, the zone
 * found from the SOA, TXT, a wrong secret, an unsigned update, absent twice) run by ansible-playbook (Debian's ansible,
 * with community.general and python3-dnspython) and by the engine against the BIND primary of .ci/dns-setup.sh, one
 * after the other on the same record: the same exit code, recap and status of each task, and the same registered
 * values, key for key; a failure's msg starts with nsupdate's own (the engine adds what to check).
 */
class NsupdateParityTest {
    static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");
    private static final Path COLLECTION = Path.of("/usr/lib/python3/dist-packages/ansible_collections/community/general");
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    @TempDir
    Path work;

    @Test
    void theEngineRegistersWhatAnsibleRegisters() throws Exception {
        BindEnv bind = BindEnv.require();
        assumeTrue(Files.isExecutable(ANSIBLE) && Files.isDirectory(COLLECTION),
                "ansible-playbook with community.general is not installed (bin/test installs Debian's ansible)");
        String playbook = Path.of(EngineRun.fixture("nsupdate/parity.yml")).toAbsolutePath().toString();
        List<String> vars = bind.playbookVars("record_name=nsu-parity-" + RUN);

        Ansible ansible = Ansible.run(playbook, vars, work, work.resolve("ansible.json"), Map.of());
        String ansibleOut = ansible.out();

        List<String> engineArgs = new ArrayList<>(List.of(playbook, "-i", "localhost,", "-c", "local"));
        engineArgs.addAll(vars);
        engineArgs.addAll(List.of("-e", "out=" + work.resolve("engine.json")));
        RunResult engine = EngineRun.cli(engineArgs.toArray(String[]::new));

        assertEquals(0, ansible.exit(), ansibleOut);
        assertEquals(ansible.exit(), engine.exitCode(), engine.toString());
        assertEquals(recap(ansibleOut), recap(engine.out()), engine.toString());
        assertEquals(statuses(ansibleOut), statuses(engine.out()), "ansible-playbook:\n" + ansibleOut + "\nengine:\n" + engine);
        Map<?, ?> expected = registered(work.resolve("ansible.json"));
        Map<?, ?> actual = registered(work.resolve("engine.json"));
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((task, value) -> sameResult(String.valueOf(task), (Map<?, ?>) value, (Map<?, ?>) actual.get(task)));
        String secret = bind.secret();
        assertFalse(engine.out().contains(secret) || engine.err().contains(secret) || engine.events().toString().contains(secret),
                "the TSIG secret was shown");
    }

    /** What ansible-playbook printed and its exit code, for a playbook run on localhost with {@code -e out=…}. */
    record Ansible(int exit, String out) {
        static Ansible run(String playbook, List<String> vars, Path work, Path out, Map<String, String> env) throws Exception {
            List<String> args = new ArrayList<>(List.of(ANSIBLE.toString(), playbook, "-i", "localhost,", "-c", "local"));
            args.addAll(vars);
            args.addAll(List.of("-e", "out=" + out));
            ProcessBuilder pb = new ProcessBuilder(args).directory(work.toFile()).redirectErrorStream(true);
            pb.environment().put("ANSIBLE_NOCOLOR", "1");
            pb.environment().put("ANSIBLE_RETRY_FILES_ENABLED", "0");
            pb.environment().putAll(env);
            Process p = pb.start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "ansible-playbook did not end");  // bounds a hang only
            return new Ansible(p.exitValue(), text);
        }
    }

    private static void sameResult(String task, Map<?, ?> expected, Map<?, ?> actual) {
        assertEquals(expected.keySet(), actual.keySet(), task + ": the registered keys");
        expected.forEach((key, value) -> {
            if ("msg".equals(key)) {
                assertTrue(String.valueOf(actual.get(key)).startsWith(String.valueOf(value)), task + ".msg: " + actual.get(key));
            } else {
                assertEquals(value, actual.get(key), task + "." + key);
            }
        });
    }

    private static Map<?, ?> registered(Path file) {
        return (Map<?, ?>) YamlLoader.load(file).orElseThrow().toPlain();
    }

    static String recap(String out) {
        return out.substring(out.lastIndexOf("PLAY RECAP")).lines().filter(l -> l.startsWith("localhost "))
                .findFirst().orElse("").replaceAll("\\s+", " ");
    }

    /** Each task banner → the status words of its result lines ({@code changed}, {@code fatal}, {@code ...ignoring}). */
    static Map<String, List<String>> statuses(String out) {
        Map<String, List<String>> statuses = new LinkedHashMap<>();
        AnsibleParityTest.blocks(out).forEach((banner, lines) -> {
            if (banner.contains(" TASK [")) {  // numbered in order: the number goes, as warnings before PLAY add a block
                statuses.put(banner.replaceFirst("^\\d+ ", ""), lines.stream().map(l -> l.replaceFirst("(?s)[: ].*", "")).toList());
            }
        });
        return statuses;
    }
}
