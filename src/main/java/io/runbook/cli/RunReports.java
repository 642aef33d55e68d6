package io.runbook.cli;

import io.runbook.engine.journal.RunJournal;
import io.runbook.engine.report.Redactor;
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

    static void write(JournalOptions options, Path dir, Redactor redactor, PrintWriter err) {
    }
}
