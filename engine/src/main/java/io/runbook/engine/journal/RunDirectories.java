package io.runbook.engine.journal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where run journals live: one folder per run, {@code <runs>/<UTC time>-<playbook>} (for example
 * {@code .runbook/runs/20261202T130405Z-recover}), so that names sort by start time. A run of several playbooks is
 * named after all of them, joined with {@code +} ({@code 20261202T130405Z-site+verify}), so that {@code --resume}
 * of the same command line finds it and the listing shows what ran.
 */
public final class RunDirectories {
    /** The runs folder when neither {@code --journal} nor {@code runbook.yml} says otherwise, beside runbook.yml. */
    public static final String DEFAULT = ".runbook/runs";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunDirectories() {
    }

    /** Makes the folder of a new run of {@code playbook} under {@code runs} (0700), named after now. */
    public static Path create(Path runs, Path playbook, Instant now) throws IOException {
        return create(runs, List.of(playbook), now);
    }

    /** Makes the folder of a new run of {@code playbooks} under {@code runs} (0700), named after now. */
    public static Path create(Path runs, List<Path> playbooks, Instant now) throws IOException {
        String base = STAMP.format(now) + "-" + name(playbooks);
        for (int n = 1; ; n++) {
            Path dir = runs.resolve(n == 1 ? base : base + "-" + n);
            try {
                PrivateFiles.createDirectory(dir);
                return dir;
            } catch (FileAlreadyExistsException taken) {
                // a run started in the same second: the next suffix
            }
        }
    }

    /** The folder given with {@code --journal DIR}, made (0700) when missing. */
    public static Path folder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                PrivateFiles.createDirectory(dir);
            } catch (FileAlreadyExistsException raced) {
                // another run made it meanwhile: its lock decides
            }
        }
        return dir;
    }

    /** Fails when {@code dir} already holds the journal of a run (a new run never writes into it). */
    public static void prepare(Path dir) throws IOException {
        if (Files.exists(dir.resolve(JournalFile.NAME))) {
            throw new IOException(dir + " already holds the journal of a run: resume it with --resume " + dir
                    + ", or give this run another --journal folder");
        }
    }

    /** Whether {@code dir} holds a run journal. */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(JournalFile.NAME));
    }

    /** The latest run under {@code runs} (of {@code playbook} when not null). */
    public static Optional<Path> latest(Path runs, Path playbook) throws IOException {
        return latest(runs, playbook == null ? List.of() : List.of(playbook));
    }

    /** The latest run under {@code runs} (of these playbooks, by the folder's name, when the list is not empty). */
    public static Optional<Path> latest(Path runs, List<Path> playbooks) throws IOException {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        String suffix = playbooks.isEmpty() ? null : "-" + name(playbooks);
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(RunDirectories::isRun)
                    .filter(d -> suffix == null || d.getFileName().toString().replaceFirst("-\\d+$", "").endsWith(suffix))
                    .max(Comparator.comparing(d -> d.getFileName().toString()));
        }
    }

    /** The run named by {@code --resume RUN}: a folder holding a journal, or the name of one under {@code runs}. */
    public static Optional<Path> find(Path runs, String run) {
        Path given = Path.of(run);
        if (isRun(given)) {
            return Optional.of(given);
        }
        Path named = runs.resolve(run);
        return isRun(named) ? Optional.of(named) : Optional.empty();
    }

    private static String name(List<Path> playbooks) {
        return String.join("+", playbooks.stream().map(RunDirectories::name).toList());
    }

    private static String name(Path playbook) {
        String file = playbook.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
