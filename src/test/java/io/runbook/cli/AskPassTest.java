package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * connection_delegation target runs {@code sshpass -p PW ansible-playbook ... -k}); what a task sees of them is as in
 * ansible-playbook 2.14 (compared with Debian's, the passwords from files).
 */
class AskPassTest {
    private static final String PLAYBOOK = EngineRun.fixture("ask-pass/site.yml");

    @Test
    void thePasswordsAreAskedOnTheTerminalWhenTheOutputIsAFile(@TempDir Path dir) throws Exception {
        String[] run = answered(dir, "{{ 1 + 2 }}", "become-pw");
        assertTrue(run[1].contains("\"msg\": \"ssh=11 pass=11\""), "the typed password is not templated:\n" + run[1]);
        assertAsAnsible(run[1]);
        assertFalse(run[0].contains("become-pw") || run[0].contains("{{ 1 + 2 }}"), "what is typed is not echoed:\n" + run[0]);
    }

    @Test
    void thePasswordsOfFilesAreVariablesAsInAnsible(@TempDir Path dir) throws Exception {
        Path ssh = Files.writeString(dir.resolve("ssh-pw"), "ssh-pw\n");
        Path become = Files.writeString(dir.resolve("become-pw"), "become-pw\n");
        String[] args = {PLAYBOOK, "-i", "localhost,", "--connection-password-file", ssh.toString(), "--become-password-file", become.toString()};
        RunResult r = EngineRun.cli(args);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"msg\": \"ssh=6 pass=6\""), r.out());
        assertAsAnsible(r.out());
        if (Files.isExecutable(FactsSideBySide.ANSIBLE)) {
            ProcessBuilder pb = new ProcessBuilder(FactsSideBySide.ANSIBLE.toString()).redirectErrorStream(true);
            pb.command().addAll(java.util.List.of(args));
            Process p = pb.start();
            String ansible = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), ansible);
            assertTrue(ansible.contains("\"msg\": \"ssh=6 pass=6\""), ansible);
            assertAsAnsible(ansible);
        }
    }

    /**
     * As ansible-playbook 2.14: the SSH password in a task's templates and {@code when} only, not a variable the action
     * sees; the become password no variable at all.
     */
    private static void assertAsAnsible(String out) {
        assertTrue(out.contains("\"msg\": \"the SSH password is defined for when\""), out);
        assertTrue(out.contains("\"ansible_password\": \"VARIABLE IS NOT DEFINED!\""), out);
        assertTrue(out.contains("\"msg\": \"hostvars: none\""), out);
        assertTrue(out.contains("\"msg\": \"become: no variable\""), out);
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
