package io.runbook.cli;

import io.runbook.engine.journal.JournalHistory;
import io.runbook.engine.journal.RunDirectories;
import io.runbook.engine.journal.RunJournal;
import io.runbook.engine.journal.RunSettings;
import io.runbook.engine.report.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Opens the journal of a run (a new one, {@code --journal DIR}, or the resumed run's), with the folder's lock held. */
final class RunJournals {
    /** How secret text comes back from a journal. */
    static final Function<String, Object> SECRET_TEXT = s -> s;

    private RunJournals() {
    }

    /** This session's journal and the lock on its folder, released together. */
    record Opened(RunJournal journal, AutoCloseable lock) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                journal.close();
            } finally {
                lock.close();
            }
        }
    }

    static Opened open(JournalOptions options, ResumedRun resumed, Path runs, RunSettings settings,
                       Map<String, String> files, Redactor redactor, Consumer<String> warnings) throws IOException {
        if (resumed != null) {
            AutoCloseable lock = JournalLock.acquire(resumed.dir, warnings);
            try {
                // read again under the lock: another session may have added to it since --resume looked
                JournalHistory history = JournalHistory.read(resumed.dir);
                return new Opened(RunJournal.resume(history, settings, files, redactor, SECRET_TEXT), lock);
            } catch (IOException | RuntimeException e) {
                closeQuietly(lock);
                throw e;
            }
        }
        Path dir = options.journal != null ? RunDirectories.folder(options.journal)
                : RunDirectories.create(runs, settings.playbooks(), Instant.now());
        // lock before looking: a run still writing this folder is named, not mistaken for a finished one
        AutoCloseable lock = JournalLock.acquire(dir, warnings);
        try {
            RunDirectories.prepare(dir);
            return new Opened(RunJournal.create(dir, settings, files, redactor, SECRET_TEXT), lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing: the first error is the one to report
        }
    }
}
