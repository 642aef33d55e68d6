package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.journal.JournalHistory;
import io.runbook.engine.journal.RunDirectories;
import io.runbook.engine.journal.RunFiles;
import io.runbook.engine.journal.RunJournal;
import io.runbook.engine.journal.RunSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code --resume [RUN]}: the journaled run to carry on (the latest, of the playbook when one is given, or RUN),
 * the settings it was started with, and what changed since.
 */
final class ResumedRun {
    private static final SourcePosition OPTION = SourcePosition.of("--resume");
    final Path dir;
    final JournalHistory history;
    final RunSettings settings;

    private ResumedRun(Path dir, JournalHistory history, RunSettings settings) {
        this.dir = dir;
        this.history = history;
        this.settings = settings;
    }

    /**
     * The run {@code --resume} names. {@code --resume FILE} where FILE is a playbook (picocli gives the optional RUN
     * the next word) means the latest run of that playbook, with the playbooks after it when several are given.
     * The run must be of the same playbooks in the same order: a run of several is resumed only as a whole.
     */
    static ResumedRun find(String run, List<Path> playbooks, Path runs) {
        List<Path> wanted = new ArrayList<>(playbooks);
        String name = run;
        if (!name.isEmpty() && Files.isRegularFile(Path.of(name))) {
            wanted.add(0, Path.of(name));
            name = "";
        }
        Path dir;
        try {
            dir = name.isEmpty() ? RunDirectories.latest(runs, wanted).orElseThrow(() -> new UserError(OPTION,
                    "no run journal to resume in " + runs + (wanted.isEmpty() ? "" : " for " + names(wanted))))
                    : RunDirectories.find(runs, name).orElseThrow(() -> new UserError(OPTION, "no run journal '" + run
                    + "': give a run's folder (with journal.ndjson) or the name of one in " + runs));
            JournalHistory history = JournalHistory.read(dir);
            RunSettings settings = RunJournal.settingsOf(history, RunJournals.SECRET_TEXT);
            if (!wanted.isEmpty() && !samePaths(wanted, settings.playbooks())) {
                throw new UserError(OPTION, "run " + dir + " is a run of " + names(settings.playbooks()) + ", not of "
                        + names(wanted) + (settings.playbooks().size() > 1 ? " (a run of several playbooks resumes with all"
                        + " of them, in the same order, or with none named)" : ""));
            }
            return new ResumedRun(dir, history, settings);
        } catch (IOException e) {
            throw new UserError(OPTION, e.getMessage());
        }
    }

    /** The extra vars to resume with: the run's, and those given now on top. */
    Map<String, Object> extraVars(Map<String, Object> given) {
        Map<String, Object> out = new LinkedHashMap<>(settings.extraVars());
        out.putAll(given);
        return out;
    }

    /** What changed since the run: its files (by hash) and extra vars given now that differ from the run's. */
    List<String> changes(Map<String, String> filesNow, Map<String, Object> givenExtraVars) {
        List<String> out = new ArrayList<>(RunFiles.differences(history.files(), filesNow));
        givenExtraVars.forEach((k, v) -> {
            if (!settings.extraVars().containsKey(k) || !Objects.equals(String.valueOf(settings.extraVars().get(k)), String.valueOf(v))) {
                out.add("extra var '" + k + "' differs from the run's (given with -e)");
            }
        });
        return out;
    }

    /** Whether the run's last session ended with every host through (exit 0): there is nothing left to resume. */
    boolean endedSuccessfully() {
        return history.lastExitCode().filter(c -> c == io.runbook.engine.exec.ExitCode.OK).isPresent();
    }

    /** "session 2 of run X (started …)" for the banner of a resumed run. */
    String describe() {
        return dir + " (session " + (history.sessions().size() + 1) + " of the run started " + history.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
    }

    private static boolean samePaths(List<Path> a, List<Path> b) {
        return a.size() == b.size() && java.util.stream.IntStream.range(0, a.size()).allMatch(i -> samePath(a.get(i), b.get(i)));
    }

    private static boolean samePath(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static String names(List<Path> playbooks) {
        return String.join(" ", playbooks.stream().map(Path::toString).toList());
    }
}
