package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;

import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.report.Redactor;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs parsed playbooks against an inventory and returns the exit code ({@link ExitCode}). Plays run in
 * order; a play whose batch failed entirely, {@code any_errors_fatal} or an interrupt stops the rest. The
 * recap is always reported. One runner runs one run (of one playbook or several) once.
 */
public final class PlaybookRunner {
    private final ModuleRegistry modules;
    private volatile RunState current;
    private volatile Thread runningThread;

    public PlaybookRunner(ModuleRegistry modules) {
        this.modules = modules;
    }

    public int run(Playbook playbook, Inventory inventory, RunOptions options, Redactor redactor) {
        return run(List.of(playbook), inventory, options, redactor);
    }

    /**
     * Runs several playbooks one after the other as one run, as ansible-playbook runs those its command line names:
     * one inventory and one set of hosts, so facts, registered vars, set_fact and add_host carry over (play vars do
     * not: they are the play's), and the stats add up. As in Ansible, the recap is reported after each playbook with
     * the run's counters so far, and a playbook after which any host failed or was unreachable (or a fatal error
     * stopped the play) is the last to run: ansible-playbook stops at a playbook whose last play did not end
     * cleanly, and a host that failed anywhere before counts as failed in every later play. A host that failed
     * is not run by the later plays of the same playbook either (see {@link PlayRunner}).
     *
     * @param inventory the inventory as seen from the first playbook's folder; each later playbook in another folder
     *                  sees it from its own (its {@code group_vars/} and {@code host_vars/}), as Ansible's vars
     *                  plugins read them next to the playbook that runs
     */
    public int run(List<Playbook> playbooks, Inventory inventory, RunOptions options, Redactor redactor) {
        if (playbooks.isEmpty()) {
            throw new IllegalArgumentException("no playbook to run");
        }
        runningThread = Thread.currentThread();
        try (RunState run = new RunState(options, inventory, modules, redactor, folder(playbooks.get(0)))) {
            current = run;
            TagFilter tags = new TagFilter(options.tags(), options.skipTags());
            boolean matched = false;
            try {
                for (Playbook playbook : playbooks) {
                    if (playbook != playbooks.get(0) && (run.stopPlaybook || exitCode(run) != ExitCode.OK)) {
                        break;
                    }
                    run.enterPlaybook(folder(playbook));
                    matched |= runPlays(run, playbook, tags, playbooks.size() > 1);
                    if (!run.interrupted.get() && (playbook == playbooks.get(playbooks.size() - 1) || run.stopPlaybook
                            || exitCode(run) != ExitCode.OK)) {
                        // no task runs after this playbook: the clients close while the recap is reported (and the
                        // run's end waits for them, see RunState.close)
                        run.resources.startClosing();
                    }
                    if (run.interrupted.get()) {
                        // the debugger's quit ends the run as ansible-playbook's: its words were the last (no recap)
                        if (!run.debugger.quit()) {
                            run.listeners.interrupted("interrupted: the run was stopped before it finished");
                            run.listeners.recap(run.stats);
                        }
                        break;
                    }
                    // like Ansible, the recap lists the hosts that got at least one result (stats are made when counted)
                    run.listeners.recap(run.stats);
                }
            } catch (RunAborted e) {
                // as ansible-playbook's errors while it runs (a parser error, a handler not found): ERROR! and no recap;
                // exit 3 (bad input), where ansible-playbook exits 1 or 4, but a play keyword's (4, as Ansible's); a
                // vars plugin's unexpected exception 250, as ansible-playbook's
                run.listeners.aborted(e.mistake().format());
                int code = e.code() != null ? e.code() : ExitCode.of(e.mistake(), false);
                run.listeners.playbookEnd(code);
                return code;
            }
            if (!run.startReached && !run.interrupted.get() && matched) {
                // ansible-playbook's words, after the recap; the exit code stays 0 as its own
                run.listeners.error("No matching task \"" + options.startAtTask() + "\" found. Note: --start-at-task can"
                        + " only follow static includes.");
            }
            int code = exitCode(run);
            run.listeners.playbookEnd(code);
            return code;
        } finally {
            current = null;
            runningThread = null;
            Thread.interrupted();
        }
    }

    /**
     * The plays of one playbook, until one stops the run; whether any of them matched a host. A {@link RunAborted}
     * when a mistake stopped the run.
     */
    private static boolean runPlays(RunState run, Playbook playbook, TagFilter tags, boolean several) {
        run.listeners.playbookStart(playbook.file().toString(), run.options.check(), playbook.plays().size());
        run.anyHostMatched = false;
        for (Play play : playbook.plays()) {
            if (run.stopPlaybook || run.interrupted.get()) {
                break;
            }
            Play asked;
            try {
                asked = VarsPrompts.answered(run, play);
            } catch (UserError e) {
                // as a play keyword that renders wrong: the run stops with the error (ERROR!, no recap), exit 1 as Ansible's
                run.aborted = e;
                run.abortedCode = ExitCode.RUN_ERROR;
                run.stopPlaybook = true;
                break;
            } catch (InterruptedException e) {
                // Ctrl-C at a question: the run stops there
                run.interrupted.set(true);
                break;
            }
            new PlayRunner(run, asked, tags).run();
        }
        if (run.aborted != null) {
            throw new RunAborted(run.aborted, run.abortedCode);
        }
        if (!run.interrupted.get() && !run.anyHostMatched && !playbook.plays().isEmpty()) {
            run.listeners.warning("no play of " + (several ? playbook.file() : "this playbook")
                    + " matched a host, so nothing ran (inventory: "
                    + (run.options.inventories().isEmpty() ? "none given, and no runbook.yml found to name one"
                    : String.join(", ", run.options.inventories())) + ")");
        }
        return run.anyHostMatched;
    }

    private static Path folder(Playbook playbook) {
        return playbook.file().toAbsolutePath().normalize().getParent();
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
        if (run.hosts.values().stream().anyMatch(h -> h.unreachable)) {
            return ExitCode.UNREACHABLE;
        }
        if (run.fatalStop || run.hosts.values().stream().anyMatch(h -> h.failed)) {
            return ExitCode.HOST_FAILED;
        }
        return ExitCode.OK;
    }
}
