package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code apt} and {@code package} modules as a recovery playbook uses them on a jump host, against this machine's
 * real apt and dpkg: tiny packages of a file-based repository (built by the playbook, seen alone through
 * {@code APT_CONFIG}) installed, pinned to a version, installed from a .deb file, left alone on a second run,
 * predicted in check mode, removed; on the controller and on a host behind the OpenSSH test server with
 * {@code become}. (The same tasks against ansible-playbook: the parity case apt.yml.) Every package is named
 * {@code runbook-test-apt-*} and purged after each test; the machine's {@link DpkgTestLock} is held meanwhile.
 */
class AptModuleTest {
    private static final String P = "runbook-test-apt";

    @TempDir
    Path dir;

    @BeforeEach
    void needsRootAndDpkgDev() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing packages needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-scanpackages")), "dpkg-dev is not installed (bin/test installs it)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        purge();
    }

    @AfterEach
    void purge() throws IOException, InterruptedException {
        DpkgTestLock.whileHeld(() -> run("dpkg", "--purge", P + "-a", P + "-b", P + "-c"));
    }

    @Test
    void toolsAreInstalledPinnedLeftAlonePredictedAndRemoved() throws Exception {
        DpkgTestLock.whileHeld(() -> {
            RunResult first = EngineRun.cli(present("-i", "localhost,", "-c", "local"));
            assertEquals(0, first.exitCode(), first.toString());
            first.assertRecap("localhost", 5, 3, 0, 0, 0, 0, 0);
            assertEquals("True True ['Setting up " + P + "-a (1.0) ...']", first.msg("Show it", "localhost"), first.toString());
            assertEquals("1.0 2.0 3.0", versions(), "b pulled a in, the pin took a down to 1.0, the file installed c");

            RunResult second = EngineRun.cli(present("-i", "localhost,", "-c", "local"));
            second.assertRecap("localhost", 5, 0, 0, 0, 0, 0, 0);

            RunResult predicted = EngineRun.cli(present("-i", "localhost,", "-c", "local", "-e", "a_version=1.1", "--check", "--diff"));
            assertEquals(0, predicted.exitCode(), predicted.toString());
            predicted.assertRecap("localhost", 4, 1, 0, 0, 1, 0, 0);   // the repository's shell task is skipped in check mode
            assertTrue(predicted.out().contains("The following packages will be upgraded:\n  " + P + "-a\n"), predicted.out());
            assertEquals("False True ['Inst " + P + "-a [1.0] (1.1 localhost [all])']", predicted.msg("Show it", "localhost"),
                    "apt-get --simulate's answer is registered: " + predicted);
            assertEquals("1.0 2.0 3.0", versions(), "check mode changed nothing");

            RunResult removed = EngineRun.cli(absent("-i", "localhost,", "-c", "local"));
            assertEquals(0, removed.exitCode(), removed.toString());
            removed.assertRecap("localhost", 1, 1, 0, 0, 0, 0, 0);
            assertEquals("- - -", versions());
            return null;
        });
    }

    @Test
    void overSshTheLoginUserBecomesRootToInstallAndRemove() throws Exception {
        Map<String, String> env = SshTestServers.require();
        Path inv = SshTestServers.becomeRootInventory(dir.resolve("hosts.yml"), "jump-1", env);
        DpkgTestLock.whileHeld(() -> {
            RunResult first = EngineRun.cli(present("-i", inv.toString()));
            assertEquals(0, first.exitCode(), first.toString());
            first.assertRecap("jump-1", 5, 3, 0, 0, 0, 0, 0);
            assertEquals("1.0 2.0 3.0", versions());
            RunResult removed = EngineRun.cli(absent("-i", inv.toString()));
            removed.assertRecap("jump-1", 1, 1, 0, 0, 0, 0, 0);
            assertEquals("- - -", versions());
            return null;
        });
    }

    @Test
    void anArgumentTheEngineDoesNotSupportIsRefusedBeforeAnythingRuns() {
        RunResult r = EngineRun.cli(EngineRun.fixture("apt/refused.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("refused.yml:10:22: argument 'policy_rc_d': not supported"), r.err());
        assertTrue(r.tasksRunOn("localhost").isEmpty(), r.toString());
    }

    @Test
    void anotherPackageManagerFailsWithAnsiblesMessage() {
        RunResult r = EngineRun.cli(EngineRun.fixture("apt/other_manager.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("Could not find a module for yum.", r.msg("Show it", "localhost"), r.toString());
    }

    private String[] present(String... more) {
        return args("apt/present.yml", more);
    }

    private String[] absent(String... more) {
        return args("apt/absent.yml", more);
    }

    private String[] args(String playbook, String... more) {
        List<String> all = new ArrayList<>(List.of(EngineRun.fixture(playbook), "-e", "apt_dir=" + dir, "-e", "p=" + P));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The installed versions of -a, -b and -c ({@code -} for one not installed). */
    private static String versions() {
        List<String> out = new ArrayList<>();
        for (String name : List.of(P + "-a", P + "-b", P + "-c")) {
            String v = run("dpkg-query", "-W", "-f=${db:Status-Status} ${Version}", name);
            out.add(v.startsWith("installed ") ? v.substring(10) : "-");
        }
        return String.join(" ", out);
    }

    private static String run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(120, TimeUnit.SECONDS);
            return out.strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
