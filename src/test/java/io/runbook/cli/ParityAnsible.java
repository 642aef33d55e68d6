package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runbook.cli.ParityRecording.Shown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * ansible-playbook's side of {@link AnsibleParityTest}: by default what it showed for each case, as recorded in
 * {@link ParityRecording}; with {@code -Dparity.live=true} its real run (started ahead, two at a time, by
 * {@link ParityRuns}), and with {@code -Dparity.record=true} its real run, written to the recording when the test ends.
 * Cases the test names as always live run ansible-playbook in every mode. A case is known by its key: the test's kind of
 * comparison, then its flag and playbooks as the test lists them ({@code verbose -v basics.yml}).
 */
final class ParityAnsible {
    static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");
    static final boolean RECORD = Boolean.getBoolean("parity.record");
    static final boolean LIVE = RECORD || Boolean.getBoolean("parity.live");
    /** ansible-playbook's settings for every case (part of each case's fingerprint). */
    static final Map<String, String> ENV = Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_RETRY_FILES_ENABLED", "0",
            "ANSIBLE_DEPRECATION_WARNINGS", "0", "ANSIBLE_LOCALHOST_WARNING", "0",
            // one fork: Ansible then reads its hosts' results in inventory order. With several, the order of included
            // files that hosts share follows whichever host answered first (loop_var.yml: hosts with the same items in
            // different orders), which made the expected output vary from run to run; the engine orders them by inventory.
            "ANSIBLE_FORKS", "1");

    /** A run of either program: exit code and output (stdout and stderr as printed). */
    record Run(int code, String out) {
    }

    private final Path dir;
    private final ParityRuns<Run> runs;
    private final Set<String> alwaysLive;
    private final ParityRecording recording;
    /** Each case's fingerprint, taken before any run (a run may leave files in the folder while it goes on). */
    private final Map<String, String> fingerprints = new TreeMap<>();

    /** {@code keys}: every case of the test; {@code alwaysLive}: the cases (flag and playbooks) never recorded. */
    ParityAnsible(Path dir, ParityRuns<Run> runs, List<String> keys, Set<String> alwaysLive) {
        this.dir = dir;
        this.runs = runs;
        this.alwaysLive = alwaysLive;
        this.recording = ParityRecording.load(dir.resolveSibling(ParityRecording.FILE.getFileName()));
        List<String> playbooks = keys.stream().flatMap(k -> playbooks(k).stream()).distinct().toList();
        ParityRecording.Sources sources = ParityRecording.Sources.of(dir, playbooks);
        for (String key : keys) {
            fingerprints.put(key, sources.fingerprint(key, command(flag(key), String.join(" ", playbooks(key))), ENV, playbooks(key)));
        }
    }

    /** {@code kind flag playbook...}: the flag (a word starting with -) or null. */
    private static String flag(String key) {
        String[] words = key.split(" ");
        return words[1].startsWith("-") ? words[1] : null;
    }

    private static List<String> playbooks(String key) {
        List<String> words = Arrays.asList(key.split(" "));
        return words.subList(flag(key) == null ? 1 : 2, words.size());
    }

    private boolean live(String key) {
        return LIVE || alwaysLive.contains(key.substring(key.indexOf(' ') + 1));
    }

    /** Starts the case's run of ansible-playbook now when it is to run at all (and can). */
    void ahead(String key) {
        if (live(key) && Files.isExecutable(ANSIBLE)) {
            String playbooks = String.join(" ", playbooks(key));
            runs.ahead(runKey(key), playbooks, () -> run(flag(key), playbooks));
        }
    }

    /** One run serves the kinds of comparison that share a command line. */
    private static String runKey(String key) {
        return key.substring(key.indexOf(' ') + 1);
    }

    /** What ansible-playbook showed for the case, in the form {@code shown} gives a run. */
    Shown shown(String key, Function<Run, Shown> shown) {
        String fingerprint = fingerprints.get(key);
        if (!live(key)) {
            Shown recorded = recording.get(key, fingerprint);
            assertNotNull(recorded, key + ": ansible-playbook's output is not recorded in src/" + ParityRecording.FILE
                    + ", or the case's command line or files changed since (fingerprint " + fingerprint
                    + "): record it again with " + ParityRecording.RECORD_HOW + ", or run live with -Dparity.live=true");
            return recorded;
        }
        assumeTrue(Files.isExecutable(ANSIBLE), "ansible-playbook is not installed: run the test setup (bin/test) to install ansible-core");
        String playbooks = String.join(" ", playbooks(key));
        Shown theirs = shown.apply(runs.result(runKey(key), playbooks, () -> run(flag(key), playbooks)));
        if (RECORD && !alwaysLive.contains(runKey(key))) {
            recording.put(key, fingerprint, theirs);
        }
        return theirs;
    }

    /** Writes the recording (with -Dparity.record=true), of the cases recorded now and earlier ones still listed. */
    void write() throws IOException, InterruptedException {
        if (RECORD && Files.isExecutable(ANSIBLE)) {
            recording.write(version(), fingerprints.keySet().stream().filter(k -> !alwaysLive.contains(runKey(k))).toList());
        }
    }

    private static List<String> command(String flag, String playbooks) {
        List<String> command = new ArrayList<>(List.of(ANSIBLE.toString(), "-i", "inventory.yml"));
        if (flag != null) {
            command.add(flag);
        }
        command.addAll(List.of(playbooks.split(" ")));
        return command;
    }

    private Run run(String flag, String playbooks) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command(flag, playbooks)).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(ENV);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ansible-playbook did not finish in 120 s");
            }
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** ansible-playbook's first --version line ({@code ansible-playbook [core 2.14.18]}). */
    private static String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ANSIBLE.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().findFirst().orElse("").trim();
    }
}
