package io.runbook.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run folders are named after the run's playbooks, and --resume finds the latest run of the same ones by that name. */
class RunDirectoriesTest {
    @TempDir
    Path runs;

    private Path run(List<Path> playbooks, String time) throws IOException {
        Path dir = RunDirectories.create(runs, playbooks, Instant.parse(time));
        Files.writeString(dir.resolve(JournalFile.NAME), "{}\n");
        return dir;
    }

    @Test
    void aRunOfSeveralPlaybooksIsNamedAfterAllOfThemAndFoundOnlyByTheSameList() throws IOException {
        Path both = run(List.of(Path.of("site.yml"), Path.of("checks/verify.yml")), "2026-12-04T09:00:00Z");
        Path single = run(List.of(Path.of("site.yml")), "2026-12-04T08:00:00Z");
        assertEquals("20261204T090000Z-site+verify", both.getFileName().toString());
        assertEquals(Optional.of(both), RunDirectories.latest(runs, List.of(Path.of("site.yml"), Path.of("verify.yml"))));
        // the later run of both playbooks is no run of site.yml alone
        assertEquals(Optional.of(single), RunDirectories.latest(runs, Path.of("site.yml")));
        assertTrue(RunDirectories.latest(runs, List.of(Path.of("verify.yml"))).isEmpty());
        assertEquals(Optional.of(both), RunDirectories.latest(runs, List.of()), "the latest of any");
    }

    @Test
    void aPlusInAPlaybooksNameCannotBeMistakenForTwoPlaybooks() throws IOException {
        Path dir = run(List.of(Path.of("site+verify.yml")), "2026-12-04T09:00:00Z");
        assertEquals("20261204T090000Z-site_verify", dir.getFileName().toString());
    }
}
