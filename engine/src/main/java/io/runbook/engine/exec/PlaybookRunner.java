package io.runbook.engine.exec;

import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.report.Redactor;

/**
 * Runs a parsed playbook against an inventory and returns the exit code ({@link ExitCode}). Plays run in
 * order; a play whose batch failed entirely, {@code any_errors_fatal} or an interrupt stops the rest. The
 * recap is always reported. One runner runs one playbook once.
 */
public final class PlaybookRunner {
    private final ModuleRegistry modules;
    private volatile RunState current;
    private volatile Thread runningThread;

    public PlaybookRunner(ModuleRegistry modules) {
        this.modules = modules;
    }

    public int run(Playbook playbook, Inventory inventory, RunOptions options, Redactor redactor) {
        runningThread = Thread.currentThread();
        try (RunState run = new RunState(options, inventory, modules, redactor,
                playbook.file().toAbsolutePath().getParent())) {
            current = run;
            run.listeners.playbookStart(playbook.file().toString(), options.check());
            TagFilter tags = new TagFilter(options.tags(), options.skipTags());
            try {
                for (Play play : playbook.plays()) {
                    if (run.stopPlaybook || run.interrupted.get()) {
                        break;
                    }
                    new PlayRunner(run, play, tags).run();
                }
                if (run.aborted != null) {
                    throw new RunAborted(run.aborted);
                }
            } catch (RunAborted e) {
                // as ansible-playbook's errors while it runs (a parser error, a handler not found): ERROR! and no recap;
                // exit 3 (bad input), where ansible-playbook exits 1 or 4 (4 here means only unreachable hosts)
                run.listeners.aborted(e.mistake().format());
                run.listeners.playbookEnd(ExitCode.INPUT_ERROR);
                return ExitCode.INPUT_ERROR;
            }
            if (run.interrupted.get()) {
                run.listeners.interrupted("interrupted: the run was stopped before it finished");
            } else if (!run.anyHostMatched && !playbook.plays().isEmpty()) {
                run.listeners.warning("no play of this playbook matched a host, so nothing ran (inventory: "
                        + (options.inventories().isEmpty() ? "none given, and no runbook.yml found to name one"
                        : String.join(", ", options.inventories())) + ")");
            } else if (!run.startReached) {
                run.listeners.warning("no task matched --start-at-task '" + options.startAtTask() + "', so no task ran"
                        + " (names of tasks inside include_tasks are only known once the include runs)");
            }
            // like Ansible, the recap lists the hosts that got at least one result (stats are made when counted)
            run.listeners.recap(run.stats);
            int code = exitCode(run);
            run.listeners.playbookEnd(code);
            return code;
        } finally {
            current = null;
            runningThread = null;
            Thread.interrupted();
        }
    }

    /** Stops the run as soon as possible (Ctrl-C): running modules are interrupted, no new task starts. */
    public void interrupt() {
        RunState run = current;
        if (run != null) {
            run.interrupted.set(true);
            run.workers.shutdownNow();
            Thread t = runningThread;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    private static int exitCode(RunState run) {
        if (run.interrupted.get()) {
            return ExitCode.INTERRUPTED;
        }
        if (run.playbookError) {
            return ExitCode.INPUT_ERROR;
        }
        if (run.hosts.values().stream().anyMatch(h -> h.unreachable)) {
            return ExitCode.UNREACHABLE;
        }
        if (run.fatalStop || run.hosts.values().stream().anyMatch(h -> h.failed)) {
            return ExitCode.HOST_FAILED;
        }
        return ExitCode.OK;
    }
}
