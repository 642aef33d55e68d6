package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume}: a run stopped at a gate (a missing file) carries on from its journal once the gate is open.
 * Hosts get back their facts and registered results, tasks they finished are not run again, each host runs from its
 * first task that failed, and the recap is that of an uninterrupted run.
 */
class ResumeTest {
    private static final String PLAYBOOK = EngineRun.fixture("journal/resume.yml");
    private static final List<String> WEB = List.of("web1", "web2", "web3");
    @TempDir
    Path dir;

    private RunResult run(Path journal, Path gates) {
        return EngineRun.playbook("journal/resume.yml", "--journal", journal.toString(), "-e", "gate_dir=" + gates);
    }

    private static void open(Path gates, String... names) throws IOException {
        for (String n : names) {
            Files.writeString(gates.resolve(n), "");
        }
    }

    @Test
    void aResumedRunCarriesOnFromEachHostsFirstFailedTaskAndEndsWithTheRecapOfACleanRun() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path journal = dir.resolve("run");
        open(gates, "web1-2", "web2");      // web1's first gate fails (rescued); web2 stops at its second gate
        RunResult first = run(journal, gates);
        assertEquals(ExitCode.HOST_FAILED, first.exitCode(), first.toString());
        assertTrue(first.out().contains("fatal: [web2]: FAILED!"), first.toString());
        assertEquals(List.of("web1", "web2", "web3"), ran(gates), "the first run did its work once per host");

        open(gates, "web2-2", "web3", "web3-2");
        RunResult resumed = EngineRun.cli(PLAYBOOK, "--resume", journal.toString());
        assertEquals(ExitCode.OK, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().startsWith("resuming " + journal + " (session 2 of the run started "), resumed.out());
        assertEquals(List.of("web1", "web2", "web3"), ran(gates), "nothing that finished ran again");
        assertTrue(resumed.out().contains("changed: [web2] (journaled, not run again)"), resumed.out());
        assertTrue(resumed.out().contains("ok: [web1] (journaled, not run again)"), resumed.out());

        // web2 knows what the first session registered and set, and the run's start is the first session's
        String knows = line(resumed, "web2", "What the host knows");
        String started = knows.replaceAll(".*\\| (\\d+) (\\d+) \\|.*", "$1 $2");
        assertEquals(started.split(" ")[0], started.split(" ")[1], knows);
        assertTrue(knows.contains("echo web2 >> " + gates + "/ran | a-web2,b-web2 |"), knows);
        assertTrue(knows.endsWith("| False True\""), "booleans render as Python writes them: " + knows);
        // web1 failed its first gate in the first session: it runs again from there (and is rescued again)
        assertTrue(resumed.out().contains("TASK [Rescued]"), resumed.out());

        Path cleanGates = Files.createDirectories(dir.resolve("clean-gates"));
        open(cleanGates, "web1-2", "web2", "web2-2", "web3", "web3-2");
        RunResult clean = run(dir.resolve("clean"), cleanGates);
        assertEquals(ExitCode.OK, clean.exitCode(), clean.toString());
        for (String host : WEB) {
            assertEquals(clean.recapLine(host), resumed.recapLine(host), "recap of " + host);
        }
    }

    @Test
    void aSecondResumeReplaysWhatBothEarlierSessionsFinished() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path journal = dir.resolve("run");
        open(gates, "web1", "web1-2");
        assertEquals(ExitCode.HOST_FAILED, run(journal, gates).exitCode());
        open(gates, "web2", "web2-2");
        RunResult second = EngineRun.cli(PLAYBOOK, "--resume", journal.toString());
        assertEquals(ExitCode.HOST_FAILED, second.exitCode(), second.toString());
        open(gates, "web3", "web3-2");
        RunResult third = EngineRun.cli(PLAYBOOK, "--resume", journal.toString());
        assertEquals(ExitCode.OK, third.exitCode(), third.toString());
        assertTrue(third.out().startsWith("resuming " + journal + " (session 3 of"), third.out());
        assertEquals(List.of("web1", "web2", "web3"), ran(gates));
        assertTrue(line(third, "web2", "What the host knows").contains("(journaled, not run again)"), third.out());
        third.assertRecap("web3", 13, 1, 0, 0, 0, 0, 0);
    }

    @Test
    void hostsAndGroupsOfReplayedAddHostAndGroupByAreThereAgain() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path journal = dir.resolve("run");
        RunResult first = EngineRun.playbook("journal/resume_groups.yml", "--journal", journal.toString(), "-e", "gate_dir=" + gates);
        assertEquals(ExitCode.HOST_FAILED, first.exitCode(), first.toString());
        assertFalse(first.out().contains("TASK [In the group]"), "web1 stopped at the gate: " + first);
        open(gates, "open");
        RunResult resumed = EngineRun.cli(EngineRun.fixture("journal/resume_groups.yml"), "--resume", journal.toString());
        assertEquals(ExitCode.OK, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("changed: [web1] (journaled, not run again)"), resumed.out());
        // the group web1 was put in and the hosts added, both in the first session, are there in the second
        assertTrue(resumed.out().contains("TASK [In the group] " + "*".repeat(60) + "\nok: [web1] => {"), resumed.out());
        resumed.assertRecap("extra-1", 1, 0, 0, 0, 0, 0, 0);
        resumed.assertRecap("extra-2", 1, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void aChangedPlaybookIsNamedAndRefusedUnlessResumeChangedIsGiven() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path book = dir.resolve("book");
        copyFixtures(book);
        Path journal = dir.resolve("run");
        RunResult first = EngineRun.cli(book.resolve("resume.yml").toString(), "-i", EngineRun.fixture("inventory/hosts.yml"),
                "--journal", journal.toString(), "-e", "gate_dir=" + gates);
        assertEquals(ExitCode.HOST_FAILED, first.exitCode(), first.toString());
        Files.writeString(book.resolve("resume_include.yml"), "\n# a comment\n", java.nio.file.StandardOpenOption.APPEND);
        open(gates, "web1", "web1-2", "web2", "web2-2", "web3", "web3-2");

        RunResult refused = EngineRun.cli("--resume", journal.toString());
        assertEquals(ExitCode.INPUT_ERROR, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("ERROR: not resuming " + journal + ": " + book.resolve("resume_include.yml")
                + " changed since the run;"), refused.err());
        assertEquals(List.of("web1", "web2", "web3"), ran(gates), "nothing ran");

        RunResult forced = EngineRun.cli("--resume", journal.toString(), "--resume-changed");
        assertEquals(ExitCode.OK, forced.exitCode(), forced.toString());
        assertTrue(Warnings.of(forced.err()).contains("[WARNING]: resuming although " + book.resolve("resume_include.yml") + " changed"), forced.err());
    }

    @Test
    void extraVarsGivenOnResumeThatDifferAreAChange() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path journal = dir.resolve("run");
        assertEquals(ExitCode.HOST_FAILED, run(journal, gates).exitCode());
        RunResult refused = EngineRun.cli(PLAYBOOK, "--resume", journal.toString(), "-e", "gate_dir=/elsewhere");
        assertEquals(ExitCode.INPUT_ERROR, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("extra var 'gate_dir' differs from the run's (given with -e)"), refused.err());
        RunResult same = EngineRun.cli(PLAYBOOK, "--resume", journal.toString(), "-e", "gate_dir=" + gates);
        assertEquals(ExitCode.HOST_FAILED, same.exitCode(), "the same value is no change: " + same);
    }

    @Test
    void resumeTakesTheRunsSettingsAndRefusesOtherOnes() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path journal = dir.resolve("run");
        assertEquals(ExitCode.HOST_FAILED, run(journal, gates).exitCode());
        RunResult r = EngineRun.cli(PLAYBOOK, "--resume", journal.toString(), "-l", "web1", "-t", "x");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("ERROR: --resume: --resume runs with the inventory, limit, tags and modes of the run it"
                + " resumes (from its journal): leave out --limit, --tags/--skip-tags"), r.err());
        RunResult other = EngineRun.cli(EngineRun.fixture("cli/extra.yml"), "--resume", journal.toString());
        assertEquals(ExitCode.USAGE, other.exitCode(), other.toString());
        assertTrue(other.err().contains("is a run of " + Path.of(PLAYBOOK).toAbsolutePath().normalize()), other.err());
        RunResult none = EngineRun.cli("--resume", dir.resolve("nothing").toString());
        assertEquals(ExitCode.USAGE, none.exitCode(), none.toString());
        assertTrue(none.err().contains("no run journal '" + dir.resolve("nothing") + "'"), none.err());
    }

    @Test
    void aRunOnAJournalAnotherRunHoldsIsRefusedAtOnceAndADeadRunsLockIsTakenOver() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path journal = dir.resolve("run");
        assertEquals(ExitCode.HOST_FAILED, run(journal, gates).exitCode());
        long me = ProcessHandle.current().pid();
        try (var held = io.runbook.lab.tetrate.StateLock.acquire(journal, "the run journal", "wait")) {
            RunResult refused = EngineRun.cli(PLAYBOOK, "--resume", journal.toString());
            assertEquals(ExitCode.INPUT_ERROR, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("ERROR: the run journal " + journal + " is in use by another run: process " + me
                    + " (started "), refused.err());
            RunResult same = run(journal, gates);
            assertEquals(ExitCode.INPUT_ERROR, same.exitCode(), same.toString());
            assertTrue(same.err().contains("is in use by another run: process " + me), same.err());
        }
        // a run killed with its lock: the file names it, the operating system's lock is gone
        Files.writeString(journal.resolve("lock"), "pid: 999999\nstarted: 2026-01-01T00:00:00Z\n");
        open(gates, "web1", "web1-2", "web2", "web2-2", "web3", "web3-2");
        RunResult resumed = EngineRun.cli(PLAYBOOK, "--resume", journal.toString());
        assertEquals(ExitCode.OK, resumed.exitCode(), resumed.toString());
        assertTrue(Warnings.of(resumed.err()).contains("[WARNING]: took over the lock of the run journal " + journal + " left by process"
                + " 999999 (started 2026-01-01T00:00:00Z), which ended without releasing it"), resumed.err());
        assertEquals("", Files.readString(journal.resolve("lock")), "released at the end");
    }

    @Test
    void resumingARunThatEndedSuccessfullyRunsNothingAddsNoSessionAndStillWritesItsReports() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        open(gates, "web1", "web1-2", "web2", "web2-2", "web3", "web3-2");
        Path journal = dir.resolve("run");
        assertEquals(ExitCode.OK, run(journal, gates).exitCode());
        List<String> records = Files.readAllLines(journal.resolve("journal.ndjson"));
        Path junit = dir.resolve("junit.xml");
        Path html = dir.resolve("review.html");
        RunResult again = EngineRun.cli(PLAYBOOK, "--resume", journal.toString(), "--junit", junit.toString(), "--report", html.toString());
        assertEquals(ExitCode.OK, again.exitCode(), again.toString());
        assertTrue(again.out().contains("nothing to resume: the run " + journal + " ended successfully in session 1 (exit 0);"
                + " its journal is left as it is"), again.out());
        assertFalse(again.out().contains("TASK ["), again.out());
        assertEquals(records, Files.readAllLines(journal.resolve("journal.ndjson")), "no new session in the journal");
        assertEquals(List.of("web1", "web2", "web3"), ran(gates));
        String xml = Files.readString(junit);
        assertTrue(xml.contains("failures=\"0\"") && xml.contains("name=\"[web2] Gated, one host at a time: What the host knows\""), xml);
        assertTrue(Files.readString(html).contains("<title>resume.yml — run review</title>"));
    }

    @Test
    void aJournalFolderThatHoldsARunIsNotOverwritten() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path journal = dir.resolve("run");
        run(journal, gates);
        RunResult again = run(journal, gates);
        assertEquals(ExitCode.INPUT_ERROR, again.exitCode(), again.toString());
        assertTrue(again.err().contains(journal + " already holds the journal of a run: resume it with --resume " + journal
                + ", or give this run another --journal folder"), again.err());
    }

    @Test
    void secretsAreSealedInTheJournalAndStayMaskedAfterAResume() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path journal = dir.resolve("run");
        String[] vault = {"--vault-password-file", EngineRun.fixture("vault/vault-pass.txt"),
                "--vault-id", "dns@" + EngineRun.fixture("vault/dns-pass.txt")};
        String book = EngineRun.fixture("journal/secrets.yml");
        List<String> first = new java.util.ArrayList<>(List.of(book, "-i", EngineRun.fixture("vault/inventory.yml"),
                "--journal", journal.toString(), "-e", "gate_dir=" + gates, "-v"));
        first.addAll(List.of(vault));
        RunResult stopped = EngineRun.cli(first.toArray(String[]::new));
        assertEquals(ExitCode.HOST_FAILED, stopped.exitCode(), stopped.toString());
        List<String> secrets = List.of("iam-Pa55-word", "c2VjcmV0LXRzaWcta2V5LWRhdGE=", "dns-admin-password", "alice-admin-user");
        try (Stream<Path> files = Files.list(journal)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                secrets.forEach(s -> assertFalse(text.contains(s), f + " holds " + s));
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)));

        open(gates, "open");
        List<String> again = new java.util.ArrayList<>(List.of(book, "--resume", journal.toString(), "-v"));
        again.addAll(List.of(vault));
        RunResult resumed = EngineRun.cli(again.toArray(String[]::new));
        assertEquals(ExitCode.OK, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("\"msg\": \"******** ********\""), "the restored secrets are used, masked: " + resumed.out());
        secrets.forEach(s -> assertFalse(resumed.out().contains(s) || resumed.err().contains(s), s + " shown in " + resumed));
    }

    @Test
    void aTaskFileImportedTwiceRunsTwiceAndAResumeTellsItsTwoPassesApart() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path journal = dir.resolve("run");
        open(gates, "web1-1", "web2-1", "web3-1");
        RunResult first = EngineRun.playbook("journal/imported_twice.yml", "--journal", journal.toString(), "-e", "gate_dir=" + gates);
        assertEquals(ExitCode.HOST_FAILED, first.exitCode(), first.toString());
        assertEquals(List.of("web1-1", "web2-1", "web3-1"), ran(gates), "the first pass ran, the second stopped at its gate");

        open(gates, "web1-2", "web2-2", "web3-2");
        RunResult resumed = EngineRun.cli(EngineRun.fixture("journal/imported_twice.yml"), "--resume", journal.toString());
        assertEquals(ExitCode.OK, resumed.exitCode(), resumed.toString());
        assertEquals(List.of("web1-1", "web1-2", "web2-1", "web2-2", "web3-1", "web3-2"), ran(gates),
                "each pass's work once per host: the second pass's tasks are not taken for the first's");
        WEB.forEach(host -> resumed.assertRecap(host, 4, 2, 0, 0, 0, 0, 0));
    }

    /** The line a host's result of a task shows: its msg for a debug that ran, else the status line. */
    private static String line(RunResult r, String host, String task) {
        List<String> lines = r.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("TASK [" + task + "]")) {
                continue;
            }
            for (int j = i + 1; j < lines.size() && !lines.get(j).endsWith("***"); j++) {
                if (lines.get(j).contains("[" + host + "]")) {
                    return lines.get(j).contains("(journaled") || j + 1 == lines.size() ? lines.get(j) : lines.get(j + 1).trim();
                }
            }
        }
        throw new AssertionError("no line of " + host + " under " + task + " in:\n" + r.out());
    }

    private static List<String> ran(Path gates) throws IOException {
        Path ran = gates.resolve("ran");
        return Files.exists(ran) ? Files.readAllLines(ran).stream().sorted().toList() : List.of();
    }

    private static void copyFixtures(Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(Path.of(EngineRun.fixture("journal")))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
