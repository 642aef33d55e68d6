package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Ansible's task debugger, driven on a pseudo-terminal as a user drives it; what it prints was checked against
 * ansible-playbook 2.14 on the same playbooks (but for no_log, which Ansible's debugger prints in full).
 */
class TaskDebuggerTest {
    private static final String HOSTS = EngineRun.fixture("debugger/hosts.yml");
    private static final String PROMPT = "[testhost] TASK: wrong var (debug)> ";

    @Test
    void aFailedTaskIsInspectedFixedAndRunAgain() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(EngineRun.fixture("debugger/undefined.yml"), "-i", HOSTS)) {
            String[] typed = {"p task", "p task.args", "p task_vars['x']", "p host", "p nosuch", "task_vars['wrong_var'] = 'v'",
                "u", "p task.args", "r"};
            for (int i = 0; i < typed.length; i++) {
                t.answer(PROMPT, typed[i], i + 1);
            }
            t.answer("[testhost] TASK: after (debug)> ", "c", 1);
            assertEquals(2, t.end());
            String shown = t.shown();
            assertTrue(shown.contains(PROMPT + "p task\nTASK: wrong var\n"), shown);
            assertTrue(shown.contains(PROMPT + "p task.args\n{'data': '{{ wrong_var }}'}\n"), shown);
            assertTrue(shown.contains(PROMPT + "p task_vars['x']\n1\n"), shown);
            assertTrue(shown.contains(PROMPT + "p host\ntesthost\n"), shown);
            assertTrue(shown.contains(PROMPT + "p nosuch\n***NameError:NameError(\"name 'nosuch' is not defined\")\n"), shown);
            assertTrue(shown.contains(PROMPT + "p task.args\n{'data': 'v'}\n"), "u renders the arguments again:\n" + shown);
            assertTrue(shown.contains(PROMPT + "r\nok: [testhost]\n"), "the task ran again and passed:\n" + shown);
            // the variable was the debugger's own: the next task does not see it, and c keeps its failure
            assertTrue(shown.contains("testhost                   : ok=1    changed=0    unreachable=0    failed=1"), shown);
        }
    }

    /**
     * Run in this JVM ({@link EngineRun}: the output a writer of the test's) with the commands piped in, the prompt
     * and the debugger's answers are in that output, after the result they are about, where every other line is.
     */
    @Test
    void thePromptAndItsAnswersAreWrittenWhereTheRunsOutputGoes() {
        RunResult r = EngineRun.cliWithInput("p task\np host\nc\n", EngineRun.fixture("debugger/undefined.yml"), "-i", HOSTS);
        assertEquals(2, r.exitCode(), r.toString());
        // as ansible-playbook prints it with the same commands piped in (what is typed is not echoed)
        String after = r.out().substring(r.out().indexOf("fatal: [testhost]: FAILED! => "));
        assertTrue(after.contains("'wrong_var' is undefined\"}\n" + PROMPT + "TASK: wrong var\n" + PROMPT + "testhost\n"
                + PROMPT + "\nPLAY RECAP "), r.out());
    }

    @Test
    void ansiblesRunOnceScenarioRunsTheNextTaskOnEveryHost() throws Exception {
        // ansible-core's debugger integration target (test_run_once.py), ported: run_once's failure redone
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(EngineRun.fixture("debugger/run-once.yml"), "-i", HOSTS)) {
            t.answer("TASK: Task 1 (debug)> ", "task.args[\"that\"] = \"true\"", 1);
            t.answer("TASK: Task 1 (debug)> ", "r", 2);
            String shown = t.finish();
            assertEquals(2, shown.split("\"msg\": \"Task 2 executed\"", -1).length - 1, shown);
        }
    }

    @Test
    void quitEndsTheRunAtOnceWithAnsiblesExitCode() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(EngineRun.fixture("debugger/undefined.yml"), "-i", HOSTS)) {
            t.answer(PROMPT, "q", 1);
            assertEquals(99, t.end());
            String shown = t.shown();
            assertTrue(shown.contains(PROMPT + "q\nUser interrupted execution\n"), shown);
            assertFalse(shown.contains("PLAY RECAP"), shown);
            assertFalse(shown.contains("TASK [after]"), shown);
        }
    }

    @Test
    void underTheDebugStrategyEachHostIsAskedInTurnAndNoLogStaysHidden() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(EngineRun.fixture("debugger/secret.yml"), "-i", HOSTS, "-f", "5")) {
            t.answer("TASK: secret (debug)> ", "p result._result", 1);
            t.answer("TASK: secret (debug)> ", "c", 2);
            t.answer("TASK: secret (debug)> ", "p task.args", 3);
            t.answer("TASK: secret (debug)> ", "c", 4);
            assertEquals(2, t.end());
            String shown = t.shown();
            assertTrue(shown.contains("[testhost] TASK: secret (debug)> "), shown);
            assertTrue(shown.contains("[testhost2] TASK: secret (debug)> "), shown);
            assertTrue(shown.contains("'censored': \"the output has been hidden due to the fact that 'no_log: true' was"
                    + " specified for this result\""), shown);
            assertFalse(shown.contains("hunter22pw"), shown);
        }
    }

    @Test
    void theNearestLevelWinsAndAVaultValueIsMasked() throws Exception {
        Terminal.assumeAvailable();
        String vault = EngineRun.fixture("debugger/vault-password");
        try (Terminal t = Terminal.start(EngineRun.fixture("debugger/levels.yml"), "-i", HOSTS, "--vault-password-file", vault)) {
            // the block's on_skipped over the play's never; the task's never over the block's; an ignored failure
            // is no failure for on_failed; the role entry's on_failed reaches the role's task
            t.answer("[testhost] TASK: block task skipped (debug)> ", "p task_vars['token']", 1);
            t.answer("[testhost] TASK: block task skipped (debug)> ", "c", 2);
            t.answer("[testhost] TASK: failing : role task (debug)> ", "c", 1);
            assertEquals(2, t.end());
            String shown = t.shown();
            assertEquals(3, shown.split("\\(debug\\)> ", -1).length - 1, shown);
            assertTrue(shown.contains("(debug)> p task_vars['token']\n'********'\n"), shown);
            assertFalse(shown.contains("topsecret42"), shown);
            assertTrue(shown.contains("skipped=1    rescued=1    ignored=1"), shown);
        }
    }

    @Test
    void withoutATerminalStandardInputIsReadAndItsEndQuits() throws Exception {
        // as ansible-playbook 2.14 with ANSIBLE_ENABLE_TASK_DEBUGGER and 'p task' piped in (compared line for line)
        java.util.List<String> command = new java.util.ArrayList<>(EngineJvm.command("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(java.util.List.of(EngineRun.fixture("debugger/plain.yml"), "-i", HOSTS, "-l", "testhost"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("ANSIBLE_ENABLE_TASK_DEBUGGER", "True");
        Process p = builder.start();
        p.getOutputStream().write("p task\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(99, p.waitFor(), out);
        assertTrue(out.contains("fatal: [testhost]: FAILED! => {\"changed\": false, \"msg\": \"boom\"}\n"
                + "[testhost] TASK: fails (debug)> TASK: fails\n"
                + "[testhost] TASK: fails (debug)> User interrupted execution\n"), out);
        assertFalse(out.contains("PLAY RECAP"), out);
    }
}
