package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --step} with the answers piped in, as an operator scripts a rehearsal: the output is what ansible-playbook
 * 2.14 printed for the same playbook, inventory and answers (y, n, y, yes, c: the second task skipped on every host,
 * the include and the task in it asked for, meta tasks and handlers never, nothing asked after continue).
 */
class StepTest {
    private static final Path DIR = Path.of(EngineRun.fixture("step"));

    private static String run(String answers) throws Exception {
        List<String> command = new ArrayList<>(EngineJvm.command());
        command.addAll(List.of("site.yml", "-i", "hosts.yml", "--step", "-f", "1"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        Process p = builder.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(answers.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
        return "exit " + p.exitValue() + "\n" + out;
    }

    @Test
    void eachTaskIsConfirmedUntilContinue() throws Exception {
        String out = run("y\nn\ny\nyes\nc\n");
        assertTrue(out.startsWith("exit 0\n"), out);
        String asked = "Perform task: TASK: back up the signing key (N)o/(y)es/(c)ontinue: ";
        assertTrue(out.contains("PLAY [all] " + "*".repeat(69) + "\n" + asked + "\n" + asked.strip() + " " + "*".repeat(13)
                + "\n\nTASK [back up the signing key] "), out);
        String skipped = "Perform task: TASK: rotate the tokens of {{ 'cp-1' }} (N)o/(y)es/(c)ontinue: ";
        String include = "Perform task: TASK: include_tasks (N)o/(y)es/(c)ontinue: ";
        assertTrue(out.contains(skipped + "\n" + skipped.strip() + " ***\n" + include + "\n" + include.strip() + " "
                + "*".repeat(23) + "\n\nTASK [include_tasks] "), out);
        assertFalse(out.contains("rotated"), "a task answered n runs on no host: " + out);
        assertTrue(out.contains("Perform task: TASK: restart the edge (N)o/(y)es/(c)ontinue: ****"), out);
        assertFalse(out.contains("Perform task: TASK: check the edge logs"), "nothing is asked after continue: " + out);
        assertFalse(out.contains("Perform task: TASK: meta") || out.contains("Perform task: TASK: reconnected"), out);
        assertTrue(out.contains("cp-2                       : ok=6    changed=1    unreachable=0    failed=0"), out);
    }

    @Test
    void anInputThatEndsStopsTheRunAsCtrlCDoes() throws Exception {
        String out = run("y\n");
        assertTrue(out.startsWith("exit 99\n"), out);
        assertTrue(out.contains("[WARNING]: --step: no answer to 'Perform task: TASK: rotate the tokens of {{"), out);
        assertTrue(out.contains("(the input ended): the run stops here"), out);
        assertTrue(out.contains("PLAY RECAP"), out);
        assertFalse(out.contains("TASK [include_tasks]"), out);
    }

    /**
     * Run in this JVM ({@link EngineRun}: the output a writer of the test's), the question is in that output, where
     * every other line of the run is, and so is the line break that ends it when the input ends.
     */
    @Test
    void theQuestionIsWrittenWhereTheRunsOutputGoes() {
        String[] args = {DIR.resolve("site.yml").toString(), "-i", DIR.resolve("hosts.yml").toString(), "--step", "-f", "1"};
        String asked = "Perform task: TASK: back up the signing key (N)o/(y)es/(c)ontinue: ";
        RunResult continued = EngineRun.cliWithInput("c\n", args);
        assertEquals(0, continued.exitCode(), continued.toString());
        assertTrue(continued.out().contains("PLAY [all] " + "*".repeat(69) + "\n" + asked + "\n" + asked.strip() + " "
                + "*".repeat(13) + "\n\nTASK [back up the signing key] "), continued.out());
        RunResult ended = EngineRun.cliWithInput("", args);
        assertEquals(99, ended.exitCode(), ended.toString());
        assertTrue(ended.out().contains("PLAY [all] " + "*".repeat(69) + "\n" + asked + "\n"), ended.out());
        assertFalse(ended.out().contains("TASK [back up the signing key]"), ended.out());
    }

    @Test
    void atATerminalTheQuestionIsAskedThere() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(DIR.resolve("site.yml").toString(), "-i", DIR.resolve("hosts.yml").toString(), "--step")) {
            t.answer("Perform task: TASK: back up the signing key (N)o/(y)es/(c)ontinue: ", "n", 1);
            t.answer("Perform task: TASK: rotate the tokens of {{ 'cp-1' }} (N)o/(y)es/(c)ontinue: ", "c", 1);
            String shown = t.finish();
            assertFalse(shown.contains("backed up"), shown);
            assertTrue(shown.contains("rotated") && shown.contains("checked") && shown.contains("reconnected"), shown);
            assertFalse(shown.contains("Perform task: TASK: include_tasks"), "nothing is asked after continue: " + shown);
        }
    }
}
