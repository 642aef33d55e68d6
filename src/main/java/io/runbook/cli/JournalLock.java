package io.runbook.cli;

import io.runbook.lab.tetrate.StateLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One run at a time on a journal folder, with the lab state directory's lock: a second run is refused at once naming
 * the other process and its start; a lock left by a process that is gone is taken over with a warning.
 */
final class JournalLock {
    private JournalLock() {
    }

    static StateLock acquire(Path dir, Consumer<String> warnings) throws IOException {
        StateLock lock = StateLock.acquire(dir, "the run journal", "resume it once that run has ended, or give this run"
                + " another --journal folder");
        lock.takenOver().ifPresent(warnings);
        return lock;
    }
}
