package io.runbook.cli;

import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.journal.JournalHistory;
import io.runbook.engine.journal.RunJournal;
import io.runbook.engine.review.HtmlReport;
import io.runbook.engine.review.JUnitReport;
import io.runbook.engine.review.RunStory;
import java.io.IOException;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.vault.Vault;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** The reports made from a run's journal when it ends: {@code --junit} and {@code --report}. */
final class RunReports {
    private RunReports() {
    }

    /** "37 task results of earlier sessions on 4 hosts are replayed, not run again". */
    static String replayable(RunJournal journal) {
        Map<String, Integer> byHost = journal.replayable();
        int total = byHost.values().stream().mapToInt(Integer::intValue).sum();
        return total + " task result" + (total == 1 ? "" : "s") + " of earlier sessions on " + byHost.size() + " host"
                + (byHost.size() == 1 ? "" : "s") + " can be replayed; each host runs again from its first task that"
                + " failed, was interrupted or never ran";
    }

    /**
     * {@code --resume} of a run whose last session ended with exit 0: nothing runs and the journal gets no new session
     * (a later session would stretch the run's RTO); the reports asked for are made from the journal as it is.
     */
    static int ofEndedRun(ResumedRun run, JournalOptions options, PrintWriter out, PrintWriter err) {
        out.println("nothing to resume: the run " + run.dir + " ended successfully in session " + run.history.sessions().size()
                + " (exit 0); its journal is left as it is");
        Redactor redactor = new Redactor();
        Vault.active().redactInto(redactor::add);
        try {
            RunJournal.learnSecrets(run.history, redactor, RunJournals.SECRET_TEXT);
        } catch (IOException | RuntimeException e) {
            err.println("ERROR: the run journal " + run.dir + " cannot be read: " + e.getMessage());
            return ExitCode.INPUT_ERROR;
        }
        write(options, run.dir, redactor, err);
        return ExitCode.OK;
    }

    /** Writes the reports asked for from the whole journal (every session of a resumed run); a failure is a warning. */
    static void write(JournalOptions options, Path dir, Redactor redactor, PrintWriter err) {
        if (options.junit == null && options.report == null) {
            return;
        }
        RunStory story;
        try {
            story = RunStory.of(JournalHistory.read(dir));
        } catch (IOException | RuntimeException e) {
            err.println(io.runbook.engine.report.WarningDisplay.format("no report: the run journal " + dir + " cannot be read: " + e.getMessage()));
            return;
        }
        if (options.junit != null) {
            try {
                JUnitReport.write(story, options.junit, redactor);
            } catch (IOException | RuntimeException e) {
                err.println(io.runbook.engine.report.WarningDisplay.format("cannot write the JUnit report " + options.junit + ": " + e.getMessage()));
            }
        }
        if (options.report != null) {
            try {
                HtmlReport.write(story, options.report, redactor);
            } catch (IOException | RuntimeException e) {
                err.println(io.runbook.engine.report.WarningDisplay.format("cannot write the report " + options.report + ": " + e.getMessage()));
            }
        }
    }
}
