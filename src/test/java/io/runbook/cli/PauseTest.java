package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * pause as ansible-playbook runs it (checked with ansible-playbook 2.14 on the same playbook): its action bypasses the
 * host loop, so it runs once for the batch and only the batch's first host gets its result; without a duration it
 * waits for Enter on a terminal (what was typed is user_input, hidden and masked with echo: false; Ctrl-C asks
 * whether to continue or abort), and without a terminal it does not wait, with Ansible's warning.
 */
class PauseTest {
    private static final String PLAYBOOK = EngineRun.fixture("pause/site.yml");
    private static final String HOSTS = EngineRun.fixture("pause/hosts.yml");

    @Test
    void aPauseRunsOnceForTheBatchAndAPromptWithoutATerminalDoesNotWait() {
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", HOSTS);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("[WARNING]: Not waiting for response to prompt as stdin is not interactive"), r.toString());
        assertEquals("ok", r.status("short pause", "cp-1"), r.toString());
        assertFalse(r.tasksRunOn("cp-2").contains("short pause"), r.toString());
        r.assertRecap("cp-1", 4, 0, 0, 0, 0, 0, 0);
        r.assertRecap("cp-2", 1, 0, 0, 0, 0, 0, 0);
        // the hundredths are the machine's (1.0 or 1.01, as Ansible's own rounding of the time it slept): not asserted
        assertTrue(java.util.regex.Pattern.compile("\"msg\": \"Paused for 1\\.\\d+ seconds \\[\\] length=0 token=\"").matcher(r.out()).find(),
                r.out());
        assertTrue(r.out().contains("\"msg\": \"no pause here [none] length=0 token=none\""), r.out());
    }

    @Test
    void onATerminalAPromptWaitsForEnterAndAHiddenAnswerIsMasked() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(PLAYBOOK, "-i", HOSTS)) {
            t.answer("Check the management plane's DNS record, then press Enter:", "looks right", 1);
            t.answer("Paste the token (output is hidden):", "tok-3f9a2c7e", 1);
            String shown = t.finish();
            // as Ansible's: the question under the task's name, the answer echoed on the line below as it is typed
            // (that line cleared at Enter)
            assertTrue(shown.contains("[confirm the DNS change]\nCheck the management plane's DNS record, then press Enter:\nlooks right"),
                    "a visible answer is echoed:\n" + shown);
            assertTrue(shown.contains("[the operator's token]\nPaste the token (output is hidden):\n"), shown);
            assertAnswered(shown, "looks right");
        }
    }

    @Test
    void ctrlCThenAAbortsAsAnsiblesPauseDoes() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(PLAYBOOK, "-i", HOSTS)) {
            t.answer("Check the management plane's DNS record, then press Enter:", null, 1);
            interrupt(t);
            t.type("A");
            assertEquals(2, t.end(), t.shown());
            String shown = t.shown();
            assertTrue(shown.contains("fatal: [cp-1]: FAILED! => {\"changed\": false, \"msg\": \"user requested abort!\"}"), shown);
            // the action bypasses the host loop: its failure ends the batch, as ansible-playbook's linear strategy does
            assertFalse(shown.contains("Paste the token"), "nothing more is asked:\n" + shown);
            assertTrue(shown.contains("cp-1                       : ok=1    changed=0    unreachable=0    failed=1"), shown);
            assertFalse(shown.contains("cp-2     "), "the other hosts ran nothing to count:\n" + shown);
        }
    }

    @Test
    void withAWriterOfItsOwnThePromptAndTheQuestionAfterCtrlCAreWrittenThere(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // the run's output a writer of the program that runs the engine, at a terminal: what pause shows (its prompt,
        // the cleared line, the question after Ctrl-C) goes there, as Ansible's pause writes it to stdout
        Terminal.assumeAvailable();
        java.nio.file.Path file = dir.resolve("out.txt");
        try (Terminal t = Terminal.startWithWriterTo(file, PLAYBOOK, "-i", HOSTS)) {
            t.answer("Check the management plane's DNS record, then press Enter:", null, 1);
            interrupt(t);
            t.type("A");
            assertEquals(2, t.end(), t.shown());
            String out = java.nio.file.Files.readString(file);
            assertTrue(out.contains("Check the management plane's DNS record, then press Enter:\n\r\u001b[KPress 'C' to continue the play or 'A' to abort \r\n\r\u001b[K"),
                    out);
            assertTrue(out.contains("fatal: [cp-1]: FAILED! => {\"changed\": false, \"msg\": \"user requested abort!\"}"), out);
            assertFalse(t.shown().contains("Press 'C'") || t.shown().contains("Check the management"), "the run's output is the writer:\n" + t.shown());
        }
    }

    @Test
    void ctrlCThenCGoesOnWithWhatWasTypedAndBackspaceTakesBackAKey() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(PLAYBOOK, "-i", HOSTS)) {
            t.answer("Check the management plane's DNS record, then press Enter:", null, 1);
            t.type("looks");
            interrupt(t);
            t.type("c");
            t.answer("Paste the token (output is hidden):", null, 1);
            t.type("tok-3f9a2c7eX\u007f\r");
            String shown = t.finish();
            assertAnswered(shown, "looks");
        }
    }

    @Test
    void ctrlCThenCEndsATimedPauseEarly() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(EngineRun.fixture("pause/long.yml"), "-i", HOSTS)) {
            t.answer("(ctrl+C then 'C' = continue early, ctrl+C then 'A' = abort)", null, 1);
            // Enter does not end a timed pause; Ctrl-C then C does (else the run would wait half an hour)
            t.type("\r");
            t.pressCtrlC();
            t.type("C");
            String shown = t.finish();
            assertTrue(shown.contains("\"msg\": \"after the pause\""), shown);
            assertTrue(shown.contains("Pausing for 1800 seconds"), shown);
        }
    }

    /** Ctrl-C at a pause, and Ansible's question that follows it. */
    private static void interrupt(Terminal t) throws Exception {
        t.pressCtrlC();
        t.answer("Press 'C' to continue the play or 'A' to abort", null, 1);
    }

    /** site.yml's last line once both prompts were answered: {@code visible} as typed, the 12-character token masked. */
    private static void assertAnswered(String shown, String visible) {
        // the hundredths are the machine's, as in the first test
        assertTrue(java.util.regex.Pattern.compile("\"msg\": \"Paused for 1\\.\\d+ seconds \\[" + java.util.regex.Pattern.quote(visible)
                + "\\] length=12 token=\\*{8}\"").matcher(shown).find(), shown);
        assertFalse(shown.contains("tok-3f9a2c7e"), "a hidden answer is neither echoed nor printed:\n" + shown);
    }

    @Test
    void underTheFreeStrategyAPauseStopsTheRunAsAnsiblesDoes() {
        RunResult r = EngineRun.cli(EngineRun.fixture("pause/free.yml"), "-i", HOSTS);
        assertEquals(3, r.exitCode(), r.toString());
        // ansible-playbook's ERROR!, on stderr as its own
        assertTrue(r.err().contains("ERROR! ") && r.err().contains("The 'pause' module bypasses the host loop, which is currently"
                + " not supported in the free strategy"), r.toString());
        assertFalse(r.out().contains("\"msg\": \"after\""), r.toString());
    }
}
