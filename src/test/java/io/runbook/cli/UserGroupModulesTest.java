package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code user} and {@code group} modules as a playbook uses them, on this machine's real accounts (checked with
 * ansible-playbook 2.14 on the same playbooks): made, left alone on a second run, changed, predicted in check mode,
 * removed with the home folder; on the controller and on a host behind the OpenSSH test server with {@code become}.
 * The password hash never appears in the output. Every account has a name of its own and is removed after the test,
 * whatever happened.
 */
class UserGroupModulesTest {
    /** crypt(3) SHA-512 text the test gives as the password: it must never be printed. */
    private static final String HASH = "$6$rbSalt19$Ut8Z1bwJN9P0m6iXnkBG3aWZ3Rq4.Kbb1XSTs0R3LRxk4A41EeG3ljL7jNJJuFHkFchs1qIzxK6JMz09xFtpN1";

    @TempDir
    Path dir;
    private String user;
    private String group;
    private int id;

    @BeforeEach
    void names() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "making accounts needs root");
        String tag = Long.toString(ProcessHandle.current().pid(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        user = "rbtest_u" + tag;
        group = "rbtest_g" + tag;
        do {
            id = 47000 + ThreadLocalRandom.current().nextInt(2000);
        } while (idTaken(id));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void removeAccounts() throws Exception {
        if (user != null) {
            run("userdel", "-r", user);
            run("groupdel", group);
        }
    }

    @Test
    void anAccountIsMadeLeftAloneChangedAndRemovedAndThePasswordIsNeverShown() throws IOException {
        RunResult first = EngineRun.cli(present("-i", "localhost,", "-c", "local"));
        assertEquals(0, first.exitCode(), first.toString());
        first.assertRecap("localhost", 3, 2, 0, 0, 0, 0, 0);
        Path home = dir.resolve("homes").resolve(user);
        assertEquals(id + " " + id + " " + id + " " + home + " /bin/sh NOT_LOGGING_PASSWORD", first.msg("Show it", "localhost"), first.toString());
        assertEquals(Optional.of(user + ":x:" + id + ":" + id + ":Runbook test:" + home + ":/bin/sh"), passwd(user));
        assertEquals(Optional.of(group + ":x:" + id + ":" + user), entry("/etc/group", group));
        assertTrue(entry("/etc/shadow", user).orElseThrow().startsWith(user + ":" + HASH + ":"), "the hash is set");
        assertEquals(id, Files.getAttribute(home, "unix:uid"), "the home folder (its parent made first) is the user's");
        assertHashNotShown(first);

        RunResult second = EngineRun.cli(present("-i", "localhost,", "-c", "local"));
        assertEquals(0, second.exitCode(), second.toString());
        second.assertRecap("localhost", 3, 0, 0, 0, 0, 0, 0);

        RunResult predicted = EngineRun.cli(present("-i", "localhost,", "-c", "local", "-e", "shell=/bin/bash", "--check"));
        predicted.assertRecap("localhost", 3, 1, 0, 0, 0, 0, 0);
        assertEquals(Optional.of(user + ":x:" + id + ":" + id + ":Runbook test:" + home + ":/bin/sh"), passwd(user), "check mode changed nothing");

        RunResult changed = EngineRun.cli(present("-i", "localhost,", "-c", "local", "-e", "shell=/bin/bash"));
        changed.assertRecap("localhost", 3, 1, 0, 0, 0, 0, 0);
        assertTrue(passwd(user).orElseThrow().endsWith(":/bin/bash"), changed.toString());

        RunResult removed = EngineRun.cli(EngineRun.fixture("accounts/absent.yml"), "-i", "localhost,", "-c", "local",
                "-e", "u=" + user, "-e", "g=" + group);
        assertEquals(0, removed.exitCode(), removed.toString());
        removed.assertRecap("localhost", 3, 2, 0, 0, 0, 0, 0);
        assertEquals("absent True", removed.msg("Show it", "localhost"), removed.toString());
        assertEquals(Optional.empty(), passwd(user));
        assertEquals(Optional.empty(), entry("/etc/group", group));
        assertFalse(Files.exists(home), "remove: true took the home folder");

        RunResult again = EngineRun.cli(EngineRun.fixture("accounts/absent.yml"), "-i", "localhost,", "-c", "local",
                "-e", "u=" + user, "-e", "g=" + group);
        again.assertRecap("localhost", 3, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void checkModePredictsANewAccountAndMakesNothing() throws IOException {
        RunResult r = EngineRun.cli(present("-i", "localhost,", "-c", "local", "--check"));
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 3, 2, 0, 0, 0, 0, 0);
        // as Ansible's: a new group or user in check mode registers only changed
        assertEquals("- - - - - -", r.msg("Show it", "localhost"), r.toString());
        assertEquals(Optional.empty(), passwd(user));
        assertEquals(Optional.empty(), entry("/etc/group", group));
        assertHashNotShown(r);
    }

    @Test
    void aGroupTheHostDoesNotHaveFailsWithAnsiblesMessage() throws IOException {
        RunResult r = EngineRun.cli(EngineRun.fixture("accounts/missing-group.yml"), "-i", "localhost,", "-c", "local", "-e", "u=" + user);
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("Group " + user + "-no-such-group does not exist", r.msg("The user", "localhost"), r.toString());
        assertEquals(Optional.empty(), passwd(user));
    }

    @Test
    void groupsPasswordLockExpiryAndAgesChangeOnlyWhenTheyDiffer() throws Exception {
        RunResult r = EngineRun.cli(EngineRun.fixture("accounts/properties.yml"), "-i", "localhost,", "-c", "local",
                "-e", "u=" + user, "-e", "g=" + group);
        try {
            assertEquals(0, r.exitCode(), r.toString());
            r.assertRecap("localhost", 17, 9, 0, 0, 0, 0, 0);
            assertEquals(user, r.msg("Show it", "localhost"), "no supplementary group left: " + r);
        } finally {
            run("userdel", user);
            for (int i = 1; i <= 3; i++) {
                run("groupdel", group + i);
            }
        }
    }

    @Test
    void overSshTheLoginUserBecomesRootToMakeAndRemoveTheAccount() throws IOException {
        Map<String, String> env = SshTestServers.require();
        String password = env.get("SSH_IT_PASSWORD");
        Path inv = SshTestServers.becomeRootInventory(dir.resolve("hosts.yml"), "app-1", env);

        RunResult first = EngineRun.cli(present("-i", inv.toString()));
        assertEquals(0, first.exitCode(), first.toString());
        first.assertRecap("app-1", 3, 2, 0, 0, 0, 0, 0);
        Path home = dir.resolve("homes").resolve(user);
        assertEquals(Optional.of(user + ":x:" + id + ":" + id + ":Runbook test:" + home + ":/bin/sh"), passwd(user));
        assertEquals(id, Files.getAttribute(home, "unix:uid"));
        assertHashNotShown(first);
        assertFalse(first.out().contains(password) || first.err().contains(password), "the become password was printed");

        RunResult second = EngineRun.cli(present("-i", inv.toString()));
        second.assertRecap("app-1", 3, 0, 0, 0, 0, 0, 0);

        RunResult removed = EngineRun.cli(EngineRun.fixture("accounts/absent.yml"), "-i", inv.toString(), "-e", "u=" + user, "-e", "g=" + group);
        assertEquals(0, removed.exitCode(), removed.toString());
        removed.assertRecap("app-1", 3, 2, 0, 0, 0, 0, 0);
        assertEquals(Optional.empty(), passwd(user));
        assertFalse(Files.exists(home));
    }

    private String[] present(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(EngineRun.fixture("accounts/present.yml"),
                "-e", "u=" + user, "-e", "g=" + group, "-e", "id=" + id, "-e", "home_root=" + dir, "-e", "hash=" + HASH, "-vvv"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static void assertHashNotShown(RunResult r) {
        assertFalse(r.out().contains(HASH.substring(12)) || r.err().contains(HASH.substring(12)), "the password hash was printed: " + r);
    }

    private static Optional<String> passwd(String name) throws IOException {
        return entry("/etc/passwd", name);
    }

    private static Optional<String> entry(String file, String name) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(name + ":")).findFirst();
    }

    private static boolean idTaken(int n) throws IOException {
        String field = ":" + n + ":";
        return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.contains(field))
                || Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(l -> l.contains(field));
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(60, TimeUnit.SECONDS);
    }
}
