package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A play's vars_prompt, as ansible-playbook answers it (the values checked against ansible-playbook 2.14 on the same
 * playbook): without a terminal nothing is asked, Ansible's warning and the defaults; on one (a pseudo-terminal made by
 * util-linux's script) each question is asked, a private answer is read hidden, confirmed, and masked wherever it
 * would be printed; standard input a terminal is enough, as Ansible's {@code sys.stdin.isatty()}.
 */
class VarsPromptTest {
    private static final String PLAYBOOK = EngineRun.fixture("vars-prompt/site.yml");
    private static final String HOSTS = EngineRun.fixture("vars-prompt/hosts.yml");
    /** What ansible-playbook's encrypt: sha512_crypt with salt abcdefgh makes of 'secret'. */
    private static final String HASHED = "$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.";

    @Test
    void withoutATerminalTheDefaultsAreTakenWithAnsiblesWarning() {
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", HOSTS);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("[WARNING]: Not prompting as we are not in interactive mode"), r.toString());
        // the default rendered with the play's vars, the play's name rendered with the answer; 'None' without a default
        assertTrue(r.out().contains("PLAY [Recover staging-eu-west-1]"), r.out());
        assertTrue(r.out().contains("\"msg\": \"env=staging-eu-west-1 password=None length=4 hashed=" + HASHED + " ticket=INC-0\""), r.out());
    }

    @Test
    void anExtraVarIsNotAskedFor() {
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", HOSTS, "-e", "env=prod", "-e", "admin_password=given", "-e", "hashed=h", "-e", "ticket=T-1");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.err().contains("Not prompting"), r.toString());
        assertTrue(r.out().contains("\"msg\": \"env=prod password=given length=5 hashed=h ticket=T-1\""), r.out());
    }

    @Test
    void aTerminalIsAskedAndAHiddenAnswerIsConfirmedAndMasked() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(PLAYBOOK, "-i", HOSTS)) {
            answerEach(t);
            String shown = t.finish();
            assertTrue(shown.contains("Environment to recover [staging-eu-west-1]: prod"), "a public answer is echoed:\n" + shown);
            assertTrue(shown.contains("PLAY [Recover prod]"), shown);
            assertTrue(shown.contains("\"msg\": \"env=prod password=******** length=10 hashed=" + HASHED + " ticket=INC-42\""), shown);
            assertFalse(shown.contains("hunter22pw"), "a hidden answer is neither echoed nor printed:\n" + shown);
            assertFalse(shown.contains("Not prompting"), shown);
        }
    }

    @Test
    void aTerminalIsAskedWhenOnlyTheOutputIsRedirected(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // as ansible-playbook 2.14 (checked: stdin a terminal, stdout a file): Ansible asks when stdin is a terminal;
        // a shown answer's question goes to stdout (the file), a hidden one's to the terminal, as input and getpass
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.startWithOutputTo(dir.resolve("out.txt"), PLAYBOOK, "-i", HOSTS)) {
            assertAskedWithTheOutputIn(t, dir.resolve("out.txt"));
        }
    }

    @Test
    void withAWriterOfItsOwnAShownQuestionIsWrittenThereAndAHiddenOneOnTheTerminal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // the run's output a writer of the program that runs the engine, at a terminal: a shown answer's question and
        // the mismatch are the run's output (Ansible's input and display write them to stdout), a hidden one's question
        // is the terminal's (getpass writes it to the tty); what is typed is echoed by the terminal
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.startWithWriterTo(dir.resolve("out.txt"), PLAYBOOK, "-i", HOSTS)) {
            assertAskedWithTheOutputIn(t, dir.resolve("out.txt"));
        }
    }

    /**
     * Answers each question ({@link #answerEach}) with the run's output going to {@code file}: the shown answers'
     * questions, the mismatch and the run's lines are there, the hidden answers' questions on the terminal.
     */
    private static void assertAskedWithTheOutputIn(Terminal t, java.nio.file.Path file) throws Exception {
        answerEach(t);
        String shown = t.finish();
        String out = java.nio.file.Files.readString(file);
        assertTrue(out.startsWith("Environment to recover [staging-eu-west-1]: "), out);
        assertTrue(out.contains("***** VALUES ENTERED DO NOT MATCH ****\nticket [INC-0]: "), out);
        assertTrue(out.contains("PLAY [Recover prod]"), out);
        assertTrue(out.contains("\"msg\": \"env=prod password=******** length=10 hashed=" + HASHED + " ticket=INC-42\""), out);
        assertFalse(out.contains("Admin password") || out.contains("Password to hash"), "a hidden answer's question is on the terminal:\n" + out);
        assertTrue(shown.contains("Admin password: \nconfirm Admin password: \n"), shown);
        assertTrue(shown.contains("Password to hash [secret]: \n"), shown);
        assertFalse(shown.contains("Environment to recover") || shown.contains("VALUES ENTERED") || shown.contains("PLAY ["),
                "the run's output is the file:\n" + shown);
        assertFalse((shown + out).contains("hunter22pw"), "a hidden answer is neither echoed nor printed:\n" + shown + out);
        assertFalse((shown + out).contains("Not prompting"), shown + out);
    }

    /**
     * Answers site.yml's questions: prod, the password mistyped at its confirmation then typed twice, the hash's
     * default, a ticket (an entry without a prompt is asked by its variable's name, as ansible-playbook asks it).
     */
    private static void answerEach(Terminal t) throws Exception {
        t.answer("Environment to recover [staging-eu-west-1]: ", "prod", 1);
        t.answer("Admin password: ", "hunter22pw", 1);
        t.answer("confirm Admin password: ", "mistyped", 1);
        t.answer("***** VALUES ENTERED DO NOT MATCH ****", null, 1);
        // "confirm Admin password: " holds the question too: the second time it is asked is its third appearance
        t.answer("Admin password: ", "hunter22pw", 3);
        t.answer("confirm Admin password: ", "hunter22pw", 2);
        t.answer("Password to hash [secret]: ", "", 1);
        t.answer("ticket [INC-0]: ", "INC-42", 1);
    }

    @Test
    void ctrlCAtAQuestionStopsTheRun() throws Exception {
        Terminal.assumeAvailable();
        try (Terminal t = Terminal.start(PLAYBOOK, "-i", HOSTS)) {
            t.answer("Environment to recover [staging-eu-west-1]: ", null, 1);
            t.pressCtrlC();
            assertEquals(99, t.end(), t.shown());
            assertFalse(t.shown().contains("Admin password"), "nothing more is asked:\n" + t.shown());
            assertFalse(t.shown().contains("PLAY [Recover"), t.shown());
        }
    }
}
