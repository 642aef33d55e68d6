package io.runbook.engine.exec;

import io.runbook.engine.playbook.Include;
import io.runbook.engine.report.HostResult;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.vars.Templar;
import java.util.List;
import java.util.Map;

/**
 * An include's own result on a host when it runs no included task there, for {@link IncludeRunner}: skipped (its
 * conditions, or a loop with no item), failed (arguments, loop or file name that do not render), or its file or role
 * not loaded; each shown, counted and registered as Ansible does, and the {@code any_errors_fatal} stop such a failure
 * brings.
 */
final class IncludeOutcomes {
    private final RunState run;
    private final PlayScope scope;

    IncludeOutcomes(RunState run, PlayScope scope) {
        this.run = run;
        this.scope = scope;
    }

    /** The include skipped on the host (its conditions, or a loop with no item): one line (counted by {@link #apply}). */
    TaskOutcome skipped(Include inc, HostState h, Map<String, Object> r) {
        run.listeners.hostResult(new HostResult(h.name, null, inc.displayName(), inc.action(), HostStatus.SKIPPED, null,
                r.containsKey("results"), false, false, r, List.of(), List.of()));
        return new TaskOutcome(HostStatus.SKIPPED, r, false);
    }

    /** Fails the include on {@code h}; whether its ignore_errors ignores that. */
    boolean fail(Include inc, HostState h, String msg, boolean rescuable) {
        return apply(inc, h, shown(inc, h, msg), rescuable);
    }

    /** The include's failure on {@code h}, shown (the task debugger may then run it again). */
    TaskOutcome shown(Include inc, HostState h, String msg) {
        Map<String, Object> r = TaskResults.failure(msg);
        run.listeners.hostResult(new HostResult(h.name, null, inc.displayName(), inc.action(), HostStatus.FAILED, null,
                false, false, false, r, List.of(), List.of()));
        return new TaskOutcome(HostStatus.FAILED, r, KeywordFlag.ignoresErrors(run, inc.keywords(), () -> scope.vars(h, inc)));
    }

    /**
     * The include's own result on the host counted (a skip or failure: its 'included:' lines count the rest),
     * registered, and a failure marked on the host; whether its ignore_errors ignores a failure.
     */
    boolean apply(Include inc, HostState h, TaskOutcome o, boolean rescuable) {
        if (o.status() != HostStatus.OK) {
            run.stats(h.name).count(o.status(), o.ignored(), rescuable && o.failed());
        }
        if (inc.register() != null) {
            h.facts.put(inc.register(), Templar.unsafe(o.result()));
        }
        if (o.failed()) {
            h.failed = true;
            h.lastFailure = o.result();
        }
        return o.ignored();
    }

    /**
     * A task file or role that could not be loaded, as ansible-playbook 2.14 handles it: the host fails whatever
     * ignore_errors says, a task file counts a failure (a role counts nothing: Ansible only prints its error, so a host
     * with nothing else is not in the recap), a rescue still runs but counts no rescue, and the host is failed for the
     * rest of the run (Ansible's failed hosts): it takes no part in later plays, and a play whose hosts all end so stops
     * the playbook. The failure is shown on the host with the engine's message, as for a task.
     */
    void notLoaded(Include inc, HostState h, String msg) {
        Map<String, Object> r = TaskResults.failure(msg);
        run.listeners.hostResult(new HostResult(h.name, null, inc.displayName(), inc.action(), HostStatus.FAILED, null,
                false, false, false, r, List.of(), List.of()));
        if (!inc.isRole()) {
            run.stats(h.name).count(HostStatus.FAILED, false, false);
        }
        if (inc.register() != null) {
            h.facts.put(inc.register(), Templar.unsafe(r));
        }
        h.failed = true;
        h.failedForRun = true;
        h.lastFailure = r;
    }

    /**
     * An include that failed (its file or role could not be loaded) under {@code any_errors_fatal} ends the play for
     * every host, as a failed task does (see TaskDispatch), unless an enclosing rescue/always runs first or the
     * failure is ignored or the strategy is free.
     */
    void stopIfFatal(Include inc, boolean guarded) {
        if (!TaskDispatch.anyErrorsFatal(scope, inc.keywords()) || guarded
                || Boolean.TRUE.equals(inc.keywords().ignoreErrors()) || run.fatalStop) {
            return;
        }
        scope.batch.stream().filter(HostState::active).forEach(h -> h.ended = true);
        run.fatalStop = true;
        run.stopPlaybook = true;
        run.listeners.noMoreHosts();
    }
}
