package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * pause as ansible-playbook runs it (checked with ansible-playbook 2.14 on the same playbook): its action bypasses the
 * host loop, so it runs once for the batch and only the batch's first host gets its result; without a duration it
 * waits for Enter on a terminal (what was typed is user_input, hidden and masked with echo: false), and without a
 * terminal it does not wait, with Ansible's warning.
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
            // as Ansible's: the question under the task's name, the answer typed on the line below
            assertTrue(shown.contains("[confirm the DNS change]\nCheck the management plane's DNS record, then press Enter:\nlooks right\n"),
                    "a visible answer is echoed:\n" + shown);
            assertTrue(shown.contains("[the operator's token]\nPaste the token (output is hidden):\n"), shown);
            // the hundredths are the machine's, as in the test above
            assertTrue(java.util.regex.Pattern.compile("\"msg\": \"Paused for 1\\.\\d+ seconds \\[looks right\\] length=12 token=\\*{8}\"")
                    .matcher(shown).find(), shown);
            assertFalse(shown.contains("tok-3f9a2c7e"), "a hidden answer is neither echoed nor printed:\n" + shown);
        }
    }

    @Test
    void ctrlCAtAPromptStopsTheRun() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(PLAYBOOK, "-i", HOSTS)) {
            t.answer("Check the management plane's DNS record, then press Enter:", null, 1);
            t.pressCtrlC();
            assertEquals(99, t.end(), t.shown());
            assertFalse(t.shown().contains("Paste the token"), "nothing more is asked:\n" + t.shown());
        }
    }

    @Test
    void underTheFreeStrategyAPauseStopsTheRunAsAnsiblesDoes() {
        RunResult r = EngineRun.cli(EngineRun.fixture("pause/free.yml"), "-i", HOSTS);
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.out().contains("The 'pause' module bypasses the host loop, which is currently not supported in the free strategy"),
                r.toString());
        assertFalse(r.out().contains("\"msg\": \"after\""), r.toString());
    }
}
