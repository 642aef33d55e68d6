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
    void anIncludesOwnFailureIsDebuggedAndRedoneButAMissingFileIsNot() throws Exception {
        // as ansible-playbook 2.14: the include whose file name does not render asks, and r includes the file the
        // debugger's variable names; a file that is not there fails the host without asking
        String prompt = "[testhost] TASK: include undefined (debug)> ";
        String shown = transcript("debugger/include.yml", 2, prompt, "task_vars['tasks_file'] = 'included'", prompt, "r");
        assertTrue(shown.contains("include.yml:6:7: undefined variable 'tasks_file'\"}\n" + prompt), shown);
        assertTrue(shown.contains(prompt + "r\nincluded: "), shown);
        assertTrue(shown.contains("included.yml for testhost\n"), shown);
        assertTrue(shown.contains("\"msg\": \"inside\""), shown);
        assertTrue(shown.contains("TASK [include missing]"), shown);
        assertEquals(2, shown.split("\\(debug\\)> ", -1).length - 1, shown);
        assertFalse(shown.contains("TASK [after]"), shown);
        assertTrue(shown.contains("testhost                   : ok=2    changed=0    unreachable=0    failed=1"), shown);
    }

    @Test
    void anIncludesOwnOkAndSkippedResultsAskWhenItsDebuggerSaysSo() throws Exception {
        // as ansible-playbook 2.14: always asks before the 'included:' line, on_skipped after the skipping line; the
        // included task does not ask (the include's debugger is its own)
        String always = "[testhost] TASK: inc always (debug)> ";
        String shown = transcript("debugger/include-ok.yml", 0, always, "p task", always, "c",
                "[testhost] TASK: inc skipped (debug)> ", "c");
        assertTrue(shown.contains("(debug)> p task\nTASK: inc always\n" + always + "c\nincluded: "), shown);
        assertTrue(shown.contains("\nskipping: [testhost]\n[testhost] TASK: inc skipped (debug)> c\n"), shown);
        assertEquals(3, shown.split("\\(debug\\)> ", -1).length - 1, shown);
        assertTrue(shown.contains("testhost                   : ok=2    changed=0    unreachable=0    failed=0    skipped=1"), shown);
    }

    @Test
    void failuresBeforeTheTaskStartsAreDebuggedAndRedone() throws Exception {
        // as ansible-playbook 2.14: a when, a loop and a delegate_to that do not render each ask; r with the variable
        // set runs the task (its recap differs: Ansible's redo takes one ok off whatever the first result was)
        String when = "[testhost] TASK: bad when (debug)> ";
        String loop = "[testhost] TASK: bad loop (debug)> ";
        String delegate = "[testhost] TASK: bad delegate (debug)> ";
        String shown = transcript("debugger/before-start.yml", 0, when, "task_vars['nosuch_var'] = 1", when, "r",
                loop, "task_vars['nosuch_item'] = 'an item'", loop, "r", delegate, "task_vars['nosuch_host'] = 'testhost2'",
                delegate, "r");
        assertTrue(shown.contains("before-start.yml:8:13: undefined variable 'nosuch_var'\"}\n" + when), shown);
        assertTrue(shown.contains("(debug)> r\nok: [testhost] => {\n    \"msg\": \"when\"\n}\n"), shown);
        assertTrue(shown.contains("(debug)> r\nok: [testhost] => (item=an item) => {\n    \"msg\": \"an item\"\n}\n"), shown);
        assertTrue(shown.contains("before-start.yml:12:7: undefined variable 'nosuch_host'\"}\n" + delegate), shown);
        assertTrue(shown.contains("\"msg\": \"delegated\""), shown);
        assertTrue(shown.contains("failed=0"), shown);
    }

    @Test
    void aRedoneTasksFirstNotifyStaysAsAnsibles() throws Exception {
        // ansible-playbook 2.14 notifies the handler on the first result, before its debugger: the redo, unchanged,
        // does not take that back, and the handler runs (and asks too, under debugger: always)
        String first = "[testhost] TASK: first (debug)> ";
        String shown = transcript("debugger/notify.yml", 0, first, "task_vars['chg'] = False", first, "r", first, "c",
                "[testhost] HANDLER: h1 (debug)> ", "c");
        assertTrue(shown.contains("changed: [testhost] => {"), shown);
        assertTrue(shown.contains("(debug)> r\nok: [testhost] => {"), shown);
        assertTrue(shown.contains("RUNNING HANDLER [h1]"), shown);
        assertTrue(shown.contains("[testhost] HANDLER: h1 (debug)> c\n"), "a handler's prompt, as Ansible's:\n" + shown);
        assertTrue(shown.contains("\"msg\": \"handler_ran\""), shown);
        assertTrue(shown.contains("testhost                   : ok=2    changed=0    unreachable=0    failed=0"), shown);
    }

    /**
     * The fixture run on a pseudo-terminal, each prompt (even places of {@code promptsAndAnswers}) answered in turn with
     * the text after it: what the terminal showed, once the run ended with {@code exit}.
     */
    private static String transcript(String fixture, int exit, String... promptsAndAnswers) throws Exception {
        Terminal.assumeAvailable();
        java.util.Map<String, Integer> asked = new java.util.HashMap<>();
        try (Terminal t = Terminal.start(EngineRun.fixture(fixture), "-i", HOSTS)) {
            for (int i = 0; i < promptsAndAnswers.length; i += 2) {
                t.answer(promptsAndAnswers[i], promptsAndAnswers[i + 1], asked.merge(promptsAndAnswers[i], 1, Integer::sum));
            }
            int code = t.end();
            String shown = t.shown();
            assertEquals(exit, code, shown);
            return shown;
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
