package io.runbook.engine.exec;

import io.runbook.engine.playbook.Task;
import io.runbook.engine.report.HostResult;
import io.runbook.engine.report.HostStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where a resumed run decides not to run a task on a host: while the host still replays (it has not
 * yet reached a task that failed, was interrupted or never ran in an earlier session), a task instance the journal
 * says it got past is not run again. Its journaled result is put back as the task would have left it (the
 * registered variable, {@code set_fact} facts, notified handlers, the hosts and groups of {@code add_host} and
 * {@code group_by}), reported as replayed and counted in the recap
 * like any result, so the recap of a resumed run adds up to that of an uninterrupted one. The host's first task
 * instance the journal does not know as done ends its replay: from there on everything runs.
 */
final class Resumption {
    private final RunState run;

    Resumption(RunState run) {
        this.run = run;
    }

    Optional<TaskOutcome> replay(PlayScope scope, Task task, HostState host, String taskId) {
        if (!host.replaying) {
            return Optional.empty();
        }
        Optional<TaskJournal.Finished> before = run.journal.finishedBefore(host.name, taskId).filter(TaskJournal.Finished::done);
        if (before.isEmpty()) {
            host.replaying = false;
            return Optional.empty();
        }
        TaskJournal.Finished done = before.get();
        restore(scope, task, host, done);
        Map<String, Object> shown = TaskResults.shown(NoLog.written(run, task), done.result(), task.action().equals("debug"));
        run.listeners.hostResult(new HostResult(host.name, null, task.displayName(), task.action(), done.status(), null,
                false, done.ignored(), false, shown, List.of(), List.of(), true));
        return Optional.of(new TaskOutcome(done.status(), done.result(), done.ignored()));
    }

    /**
     * A task an interrupted session had begun to change (its module said so) and that now finds nothing left to
     * change: the change was made by this run all the same, so it counts as changed (and notifies its handlers), as
     * an uninterrupted run would have counted it.
     */
    TaskOutcome changedEarlier(PlayScope scope, Task task, HostState host, String taskId, TaskOutcome outcome) {
        if (outcome.status() != HostStatus.OK || !run.journal.changedBefore(host.name, taskId)) {
            return outcome;
        }
        Map<String, Object> result = new java.util.LinkedHashMap<>(outcome.result());
        result.put("changed", true);
        TaskOutcome changed = new TaskOutcome(HostStatus.CHANGED, result, outcome.ignored());
        restore(scope, task, host, new TaskJournal.Finished(HostStatus.CHANGED, outcome.ignored(), result));
        run.listeners.warning("[" + host.name + "]: " + task.displayName() + ": the interrupted session had already made"
                + " the change, so it counts as changed");
        return changed;
    }

    private void restore(PlayScope scope, Task task, HostState host, TaskJournal.Finished done) {
        if (task.register() != null) {
            host.facts.put(task.register(), TaskResults.asVariable(task.action(), TaskResults.registered(done.result())));
        }
        TaskFacts.of(task, done.result()).apply(run, host, done.status());
        ReplayedInventoryChanges.apply(run, task, host, done.result());
        if (done.status() == HostStatus.CHANGED && !task.notifies().isEmpty()) {
            synchronized (host.notified) {
                task.notifies().forEach(name -> host.notified.addAll(scope.answering(name)));
            }
        }
    }
}
