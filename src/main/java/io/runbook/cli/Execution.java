package io.runbook.cli;

import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.exec.PlaybookRunner;
import io.runbook.engine.exec.RunOptions;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.report.EventLog;
import io.runbook.engine.report.Redactor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The run itself, as every command that runs plays (run, adhoc) starts it once its reporter listens: the event log
 * ({@code --events}) and the embedded lab wired in, the lab estate started first, Ctrl-C stopping the run, and both
 * closed at its end.
 */
final class Execution {
    private Execution() {
    }

    /**
     * The run's exit code, its tasks' modules from {@code modules} (the registry the playbooks were read with, which
     * knows their library/ folders); the input error code when the lab estate cannot start (said on {@code err}). {@code labNotice}
     * hears which estate the lab started.
     */
    static int run(ModuleRegistry modules, List<io.runbook.engine.playbook.Playbook> playbooks, Inventory inventory, RunOptions.Builder options,
                   Redactor redactor, Path events, Optional<EmbeddedLab> lab, PrintWriter labNotice, PrintWriter err,
                   Consumer<String> warn) {
        EventLog log = events == null ? null : new EventLog(events, redactor);
        if (log != null) {
            options.listener(log);
        }
        PlaybookRunner runner = new PlaybookRunner(modules);
        Interrupts.onCtrlC(runner::interrupt);
        lab.ifPresent(l -> options.service(io.runbook.modules.k8s.ClusterDirectory.class, l));
        try {
            if (lab.isPresent() && lab.get().isEstate() && !lab.get().startEstate(options, labNotice, err, warn)) {
                return ExitCode.INPUT_ERROR;
            }
            return runner.run(playbooks, inventory, options.build(), redactor);
        } finally {
            lab.ifPresent(EmbeddedLab::close);
            if (log != null) {
                try {
                    log.close();
                } catch (java.io.IOException ignored) {
                    // the events file was flushed after every event
                }
            }
        }
    }
}
