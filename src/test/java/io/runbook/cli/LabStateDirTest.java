package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One lab state directory, one run at a time: a second run is refused at once, naming the directory and the
 * process that has it, and touches nothing; a lock left by a dead process is taken over with a warning; a
 * kept estate is never wiped because a {@code -e lab_…} was left out; every file there is the owner's only.
 */
class LabStateDirTest {
    private static final String HOLD = "test/resources/lab/hold-the-lab.yml";

    @Test
    void aSecondRunOnTheSameStateIsRefusedAndDeletesNothing(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        Path started = dir.resolve("started");
        Path release = dir.resolve("release");
        Process first = engineProcess(dir, state, "started=" + started, "release=" + release);
        try {
            Await.until(Duration.ofMinutes(10), "the first run's lab to be up", () -> Files.exists(started) || !first.isAlive());
            assertTrue(first.isAlive(), "the first run holds the lab: " + Files.readString(dir.resolve("first.out")));
            Map<String, String> before = contents(state);
            assertTrue(before.containsKey("backup/credentials.yaml") && before.containsKey("dns-update.key"), before.keySet().toString());

            LabEstateRun.Result second = new LabEstateRun(state).play(HOLD, "lab_scenario=connectivity-lost",
                    "started=" + dir.resolve("s2"), "release=" + release);
            assertEquals(ExitCode.INPUT_ERROR, second.code(), second.out());
            assertTrue(second.out().contains("ERROR: the embedded lab could not start: the lab state directory " + state
                    + " is in use by another run: process " + first.pid() + " (started "), second.out());
            assertFalse(second.out().contains("TASK ["), "nothing ran:\n" + second.out());
            Output reset = labReset("--lab-state-dir", state.toString());
            assertEquals(ExitCode.INPUT_ERROR, reset.code(), reset.out());
            assertTrue(reset.err().contains("ERROR: the lab state directory " + state + " is in use by another run: process "
                    + first.pid()), reset.err());
            assertEquals(before, contents(state), "the first run's backups and keys are untouched");
        } finally {
            Files.writeString(release, "");
            assertTrue(first.waitFor(5, TimeUnit.MINUTES), "the first run ends once released");
        }
        assertEquals(0, first.exitValue(), Files.readString(dir.resolve("first.out")));
    }

    @Test
    void aLockLeftByADeadProcessIsTakenOverWithAWarning(@TempDir Path dir) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.writeString(state.resolve("lock"), "pid: 2147483646\nstarted: 2020-01-02T03:04:05Z\n");
        LabEstateRun.Result run = hold(state, dir);
        assertEquals(0, run.code(), run.out());
        assertTrue(Warnings.of(run.out()).contains("[WARNING]: lab: took over the lock of the lab state directory " + state
                + " left by process 2147483646 (started 2020-01-02T03:04:05Z), which ended without releasing it"), run.out());
        assertEquals("", Files.readString(state.resolve("lock")), "released at the end");
    }

    @Test
    void leavingOutTheLabScenarioTheEstateWasMadeWithKeepsIt(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        assertEquals(0, hold(state, dir, "lab_scenario=connectivity-lost").code());
        Map<String, String> made = contents(state);

        LabEstateRun.Result again = hold(state, dir);
        assertEquals(0, again.code(), again.out());
        assertTrue(again.out().contains("lab: resuming the estate kept in " + state), again.out());
        assertTrue(Warnings.of(again.out()).contains("[WARNING]: lab: keeping the estate kept in " + state + ", made with "
                + "lab_scenario=connectivity-lost (this run's defaults say lab_scenario=management-cluster-lost); to start that "
                + "over instead, pass -e lab_scenario=management-cluster-lost, or run `engine.jar lab reset` first"), again.out());
        assertTrue(Files.readString(state.resolve("estate.yml")).contains("scenario: \"connectivity-lost\"")
                || Files.readString(state.resolve("estate.yml")).contains("scenario: connectivity-lost"),
                Files.readString(state.resolve("estate.yml")));
        assertEquals(made.get("backup/credentials.yaml"), contents(state).get("backup/credentials.yaml"));
        assertEquals(made.get("dns-update.key"), contents(state).get("dns-update.key"), "the same DNS key");

        LabEstateRun.Result chosen = hold(state, dir, "lab_scenario=management-plane-failed");
        assertEquals(0, chosen.code(), chosen.out());
        assertTrue(chosen.out().contains("lab: fresh scenario, state in " + state), chosen.out());
        assertTrue(Warnings.of(chosen.out()).contains("[WARNING]: lab: starting over in " + state + ": this run asks for "
                + "lab_scenario=management-plane-failed, the estate kept there was made with lab_scenario=connectivity-lost"), chosen.out());
    }

    @Test
    void anEstateOfOtherClustersIsNeitherWipedNorUsed(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        assertEquals(0, hold(state, dir).code());
        Map<String, String> made = contents(state);
        LabEstateRun.Result other = new LabEstateRun(state).playOn(Path.of("test/resources/lab/two-clusters"), HOLD,
                "started=" + dir.resolve("s"), "release=" + release(dir));
        assertEquals(ExitCode.INPUT_ERROR, other.code(), other.out());
        assertTrue(other.out().contains("the lab estate kept in " + state + " was made with lab clusters=mgmt,cp-1,cp-2,cp-3, "
                + "and this run asks for lab clusters=mgmt,cp-1; nothing was changed. To start over there run `engine.jar lab "
                + "reset --lab-state-dir " + state + "`"), other.out());
        assertEquals(made, contents(state));
    }

    @Test
    void everyFileOfTheLabStateIsTheOwnersOnly(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        assertEquals(0, hold(state, dir).code());
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(state)) {
            for (Path p : all.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                if (!mode.equals(Files.isDirectory(p) ? "rwx------" : "rw-------")) {
                    open.add(state.relativize(p) + " " + mode);
                }
            }
        }
        assertTrue(contents(state).keySet().containsAll(List.of("estate.yml", "clusters/mgmt.yaml", "dns-update.key",
                "mp-root-ca.key", "backup/iam-signing-key.yaml", "backup/credentials.yaml")), contents(state).keySet().toString());
        assertEquals(List.of(), open, "files and folders others can read");
    }

    @Test
    void resetSaysWhenThereIsNothingAndNeverTouchesOtherFiles(@TempDir Path dir) throws Exception {
        Output missing = labReset("--lab-state-dir", dir.resolve("nonexistent").toString());
        assertEquals(0, missing.code(), missing.err());
        assertEquals("nothing to clear: " + dir.resolve("nonexistent") + " does not exist (the next run starts its scenario "
                + "from the failed state)\n", missing.out());
        Path state = dir.resolve("state");
        assertEquals(0, hold(state, dir).code());
        Files.writeString(state.resolve("notes.txt"), "mine");
        Output reset = labReset("--lab-state-dir", state.toString());
        assertEquals(0, reset.code(), reset.err());
        assertTrue(reset.out().startsWith("lab state in " + state + " cleared (estate.yml, clusters, dns.yml, backup, "), reset.out());
        assertEquals(List.of("lock", "notes.txt"), contents(state).keySet().stream().toList());
        Output again = labReset("--lab-state-dir", state.toString());
        assertTrue(again.out().startsWith("nothing to clear: " + state + " holds no lab estate"), again.out());
    }

    private static LabEstateRun.Result hold(Path state, Path dir, String... extra) throws IOException {
        List<String> all = new ArrayList<>(List.of("started=" + dir.resolve("started-" + System.nanoTime()), "release=" + release(dir)));
        all.addAll(List.of(extra));
        return new LabEstateRun(state).play(HOLD, all.toArray(String[]::new));
    }

    private static Path release(Path dir) throws IOException {
        Path release = dir.resolve("released");
        if (!Files.exists(release)) {
            Files.writeString(release, "");
        }
        return release;
    }

    record Output(int code, String out, String err) {
    }

    private static Output labReset(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> all = new ArrayList<>(List.of("lab", "reset"));
        all.addAll(List.of(args));
        int code = Main.execute(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), all.toArray(String[]::new));
        return new Output(code, out.toString(), err.toString());
    }

    /** The engine in a process of its own (another pid), as a second operator's run would be. */
    private static Process engineProcess(Path dir, Path state, String... extra) throws IOException {
        List<String> command = EngineJvm.command();
        command.addAll(List.of(HOLD, "-i", LabEstateRun.ROOT.resolve("inventory/lab").toString(), "--lab-state-dir", state.toString(),
                "-e", "lab_speed=fast"));
        for (String e : extra) {
            command.add("-e");
            command.add(e);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("first.out").toFile()).start();
    }

    /** Every file under the folder (relative path → text), the lock file's holder aside. */
    private static Map<String, String> contents(Path state) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(state)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String name = state.relativize(p).toString();
                out.put(name, name.equals("lock") ? "" : Files.readString(p));
            }
        }
        return out;
    }
}
