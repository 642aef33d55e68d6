package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code become} through sudo (and su from root) as Ansible does it, checked with ansible-playbook 2.14: on the
 * controller (these tests run as root, with sudo installed by bin/test) and on a host behind the real OpenSSH test
 * server, whose test user may become root with its password and nobody without one ({@code .ci/ssh-setup.sh}).
 * The connection keywords ({@code connection}, {@code become*}) are inherited from plays and blocks and lose to the
 * host's own variables; the become password never appears in the output.
 */
class BecomeTest {
    @TempDir
    Path dir;

    private static void assumeRootWithSudo() {
        assumeTrue("root".equals(System.getProperty("user.name")), "becoming nobody without a password needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is not installed (bin/test installs it)");
    }

    @Test
    void aTaskAndABlockBecomeAnotherUserOnTheControllerAndATasksConnectionKeywordWins() throws IOException {
        assumeRootWithSudo();
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String[] args = {EngineRun.fixture("become/local.yml"), "-i", EngineRun.fixture("become/hosts.yml"), "-e", "dir=" + out};
        RunResult first = EngineRun.cli(args);
        assertEquals(0, first.exitCode(), first.toString());
        // as ansible-playbook: whoami, the file's owner and mode, the block's user, a task that turns become off
        assertEquals("nobody nobody 0640 nobody root", first.msg("Show it", "localhost"), first.toString());
        first.assertRecap("localhost", 6, 1, 0, 0, 0, 0, 0);
        // far-away's address leads nowhere: the task's connection: local ran it on the controller
        assertEquals("root", first.msg("Show where", "far-away"), first.toString());
        first.assertRecap("far-away", 2, 0, 0, 0, 0, 0, 0);
        assertEquals("nobody", Files.getOwner(out.resolve("by-nobody.txt")).getName());
        assertEquals("written by nobody, longer than one line of base64 (57 bytes) on its way\n",
                Files.readString(out.resolve("by-nobody.txt")));

        RunResult second = EngineRun.cli(args);
        assertEquals(0, second.exitCode(), second.toString());
        second.assertRecap("localhost", 6, 0, 0, 0, 0, 0, 0);
    }

    /**
     * As Ansible's modules: a become user who may not enter the playbook's folder (where a local command runs) runs the
     * command in its home, or /tmp when it has none (nobody's is /nonexistent); a task's own chdir it may not enter
     * fails the command rather than run it elsewhere.
     */
    @Test
    void aBecomeUserWhoMayNotEnterThePlaybooksFolderRunsInTmpButATasksChdirIsNeverReplaced() throws IOException {
        assumeRootWithSudo();
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwx------"));
        Files.copy(Path.of(EngineRun.fixture("become/chdir.yml")), project.resolve("chdir.yml"));
        RunResult r = EngineRun.cli(project.resolve("chdir.yml").toString(), "-i", EngineRun.fixture("become/hosts.yml"),
                "-e", "locked=" + project);
        assertEquals(0, r.exitCode(), r.toString());
        // nobody's home is /nonexistent, which a machine does not have unless something made it (then nobody may enter it)
        Path nobodysHome = Path.of("/nonexistent");
        String home = Files.isDirectory(nobodysHome) && Files.getPosixFilePermissions(nobodysHome)
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE) ? "/nonexistent" : "/tmp";
        assertEquals(home + " True ", r.msg("Show it", "localhost"), r.toString());
        r.assertRecap("localhost", 3, 0, 0, 0, 0, 0, 1);
    }

    /** As Ansible: {@code become: '{{ omit }}'} takes the play's become (not the default, off), and so does become_user. */
    @Test
    void aConnectionKeywordThatRendersToOmitTakesThePlaysValue() {
        assumeRootWithSudo();
        RunResult r = EngineRun.cli(EngineRun.fixture("become/omit.yml"), "-i", EngineRun.fixture("become/hosts.yml"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("nobody root nobody nobody", r.msg("Show it", "localhost"), r.toString());
        assertEquals("root", r.msg("Show the play without become", "localhost"), r.toString());
    }

    @Test
    void suFromRootRunsTheCommandThroughTheLoginShell() {
        assumeRootWithSudo();
        RunResult r = EngineRun.cli(EngineRun.fixture("become/su.yml"), "-i", EngineRun.fixture("become/hosts.yml"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("root", r.msg("Show it", "localhost"), r.toString());
        // nobody's login shell refuses, and the message says what su said
        assertTrue(r.out().contains("become: su on the controller did not run the command as nobody: This account is currently not available."),
                r.toString());
        r.assertRecap("localhost", 3, 1, 0, 0, 0, 0, 1);
    }

    @Test
    void theCommandLinesBecomeOptionsApplyWhereNoKeywordSaysOtherwise() {
        assumeRootWithSudo();
        RunResult r = EngineRun.cli(EngineRun.fixture("become/cli.yml"), "-i", EngineRun.fixture("become/hosts.yml"),
                "-b", "--become-user", "nobody");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("nobody", r.msg("Show it", "localhost"), r.toString());
        assertEquals("root", r.msg("Show the keyword's", "localhost"), r.toString());

        RunResult typo = EngineRun.cli(EngineRun.fixture("become/cli.yml"), "-i", EngineRun.fixture("become/hosts.yml"),
                "--become-method", "sduo");
        assertEquals(3, typo.exitCode(), typo.toString());
        assertTrue(typo.err().contains("--become-method: 'sduo' is a become method this engine does not have (did you mean 'sudo'?)"),
                typo.toString());
    }

    @Test
    void aBecomeMethodTheEngineDoesNotHaveIsRefusedBeforeAnythingRuns() {
        RunResult r = EngineRun.cli(EngineRun.fixture("become/bad-method.yml"), "-i", EngineRun.fixture("become/hosts.yml"));
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("bad-method.yml:7:7: task 'Through doas' has become_method: doas, a become method this engine "
                + "does not have, so nothing was run (become methods: sudo, su)"), r.toString());
        assertFalse(r.out().contains("TASK ["), "nothing ran: " + r);
    }

    @Test
    void overSshTheLoginUserBecomesRootWithItsPasswordAndNobodyWithoutOneAndThePasswordIsNeverShown() throws IOException {
        Map<String, String> env = SshTestServers.require();
        assumeTrue(env.get("SSH_IT_SUDOERS") != null && !env.get("SSH_IT_SUDOERS").isEmpty(), "the test servers have no sudo rules");
        String password = env.get("SSH_IT_PASSWORD");
        Path rootOnly = Files.createDirectories(dir.resolve("root-only"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path inv = inventory(env, "        ansible_become_password: \"" + password + "\"\n");
        String[] args = {EngineRun.fixture("become/ssh.yml"), "-i", inv.toString(), "-e", "root_dir=" + rootOnly, "-vvv"};

        RunResult first = EngineRun.cli(args);
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(env.get("SSH_IT_USER") + " root nobody root's", first.msg("Show it", "app-1"), first.toString());
        first.assertRecap("app-1", 6, 1, 0, 0, 0, 0, 0);
        first.assertRecap("app-2", 6, 1, 0, 0, 0, 0, 0);
        assertFalse(first.out().contains(password) || first.err().contains(password), "the become password was printed");
        assertEquals("root", Files.getOwner(rootOnly.resolve("app-1.conf")).getName());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rootOnly.resolve("app-1.conf"))));

        RunResult second = EngineRun.cli(args);
        assertEquals(0, second.exitCode(), second.toString());
        second.assertRecap("app-1", 6, 0, 0, 0, 0, 0, 0);

        String wrong = "not-" + password;
        RunResult refused = EngineRun.cli(EngineRun.fixture("become/ssh.yml"), "-i", inv.toString(), "-e", "root_dir=" + rootOnly,
                "-e", "ansible_become_password=" + wrong, "-l", "app-1");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertEquals("Incorrect sudo password: sudo on " + env.get("SSH_IT_USER") + "@127.0.0.1:" + env.get("SSH_IT_PORT_B")
                + " did not accept ansible_become_password to run commands as root", refused.msg("Root, with the become password", "app-1"));
        assertFalse(refused.out().contains(wrong) || refused.err().contains(wrong), "the wrong password was printed");

        RunResult missing = EngineRun.cli(EngineRun.fixture("become/ssh.yml"), "-i", inventory(env, "").toString(),
                "-e", "root_dir=" + rootOnly, "-l", "app-1");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(String.valueOf(missing.msg("Root, with the become password", "app-1"))
                .startsWith("Missing sudo password: sudo on "), missing.toString());

        Path passwordFile = Files.writeString(dir.resolve("become-password"), password + "\n");
        RunResult fromFile = EngineRun.cli(EngineRun.fixture("become/ssh.yml"), "-i", inventory(env, "").toString(),
                "-e", "root_dir=" + rootOnly, "-l", "app-1", "--become-password-file", passwordFile.toString());
        assertEquals(0, fromFile.exitCode(), fromFile.toString());
        fromFile.assertRecap("app-1", 6, 0, 0, 0, 0, 0, 0);
        assertFalse(fromFile.out().contains(password) || fromFile.err().contains(password), "the become password was printed");
    }

    private Path inventory(Map<String, String> env, String more) throws IOException {
        return Files.writeString(dir.resolve("hosts-" + more.length() + ".yml"), "all:\n  children:\n    linux:\n      vars:\n"
                + "        ansible_host: " + env.get("SSH_IT_HOST") + "\n"
                + "        ansible_port: " + env.get("SSH_IT_PORT_B") + "\n"
                + "        ansible_user: " + env.get("SSH_IT_USER") + "\n"
                + "        ansible_ssh_private_key_file: " + env.get("SSH_IT_KEY") + "\n"
                + "        ansible_ssh_known_hosts_file: " + env.get("SSH_IT_KNOWN_HOSTS") + "\n"
                + more
                + "      hosts:\n        app-1: {}\n        app-2: {}\n");
    }
}
