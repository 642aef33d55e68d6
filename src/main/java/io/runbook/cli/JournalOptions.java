package io.runbook.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The run journal's options: where it goes, resuming from one, and the reports made from it. */
final class JournalOptions {
    @Option(names = "--journal", paramLabel = "DIR",
            description = "this run's journal folder (default: a new folder under .runbook/runs, or journal_dir of runbook.yml)")
    Path journal;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "", paramLabel = "RUN", preprocessor = RunCommandLine.ResumeValue.class,
            description = "resume a run from its journal: the latest one (of PLAYBOOK when given), or RUN (its folder or name)")
    String resume;

    @Option(names = "--resume-changed",
            description = "resume even though a playbook, vars file, inventory file or extra var changed since the run")
    boolean resumeChanged;

    @Option(names = "--junit", paramLabel = "FILE", description = "write a JUnit XML report (one testcase per task and host)")
    Path junit;

    @Option(names = "--report", paramLabel = "FILE", description = "write a self-contained HTML report for the post-incident review")
    Path report;

    boolean resuming() {
        return resume != null;
    }
}
