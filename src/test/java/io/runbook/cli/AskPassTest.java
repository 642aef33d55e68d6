package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -k} and {@code -K}: the SSH and become passwords asked before anything runs, as ansible-playbook asks them
 * with Python's getpass: on the controlling terminal ({@code /dev/tty}), hidden, also when standard output is not
 * that terminal (sshpass gives the command a terminal of its own and answers the question there; ansible-core's
 * connection_delegation target runs {@code sshpass -p PW ansible-playbook ... -k}).
 */
class AskPassTest {
    private static final String PLAYBOOK = EngineRun.fixture("ask-pass/site.yml");

    @Test
    void thePasswordsAreAskedOnTheTerminalWhenTheOutputIsAFile(@TempDir Path dir) throws Exception {
        String[] run = answered(dir, "{{ 1 + 2 }}", "become-pw");
        assertTrue(run[1].contains("\"msg\": \"ssh=11\""), "the typed password is not templated:\n" + run[1]);
        assertTrue(run[1].contains("\"msg\": \"become is ssh: False\""), run[1]);
        assertFalse(run[0].contains("become-pw") || run[0].contains("{{ 1 + 2 }}"), "what is typed is not echoed:\n" + run[0]);
    }

    @Test
    void anEmptyBecomePasswordIsTheSshPassword(@TempDir Path dir) throws Exception {
        // as ansible-playbook's ask_passwords: an empty answer to the become question after -k's is the SSH password
        String[] run = answered(dir, "ssh-pw", "");
        assertTrue(run[1].contains("\"msg\": \"ssh=6\""), run[1]);
        assertTrue(run[1].contains("\"msg\": \"become is ssh: True\""), run[1]);
    }

    /**
     * site.yml run with {@code -k -K} and its output to a file (so Java has no console), the two questions answered
     * on the terminal: what the terminal showed and the run's output.
     */
    private static String[] answered(Path dir, String ssh, String become) throws Exception {
        Terminal.assumeAvailable();
        Path out = dir.resolve("out.txt");
        try (Terminal t = Terminal.startWithOutputTo(out, PLAYBOOK, "-i", "localhost,", "-k", "-K")) {
            t.answer("SSH password: ", ssh, 1);
            // ansible-playbook's question after an asked SSH password
            t.answer("BECOME password[defaults to SSH password]: ", become, 1);
            String shown = t.finish();
            return new String[] {shown, Files.readString(out)};
        }
    }
}
