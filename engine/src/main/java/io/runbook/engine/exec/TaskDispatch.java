package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.vars.VarScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one task on a set of hosts at once (bounded by forks), then applies what the outcomes mean for the
 * play: recap counters, failed and unreachable hosts, {@code run_once}, {@code any_errors_fatal} and
 * {@code max_fail_percentage}.
 */
final class TaskDispatch {
    /** ansible-playbook's warning for a run_once task under the free strategy. */
    static final String FREE_RUN_ONCE = "Using run_once with the free strategy is not currently supported. This task will "
            + "still be executed for every host in the inventory list.";
    /** ansible-playbook's warning for a task (or include) under the free strategy that has any_errors_fatal. */
    static final String FREE_ANY_ERRORS_FATAL = "Using any_errors_fatal with the free strategy is not supported, "
            + "as tasks are executed independently on each host";

    private final RunState run;
    private final PlayScope scope;
    private final TaskExecutor executor;

    /** Whether the tasks run are handlers (or included by one): the debugger asks about a HANDLER. */
    private boolean handler;

    TaskDispatch(RunState run, PlayScope scope) {
        this.run = run;
        this.scope = scope;
        this.executor = new TaskExecutor(run, scope);
    }

    /** {@code guarded}: an enclosing rescue or always runs first, so any_errors_fatal does not stop the play here. */
    void run(Task written, List<HostState> hosts, boolean guarded, boolean rescuable, boolean handler) {
        this.handler = handler;
        if (!handler && !stepTaken(run, scope, written.displayName(), hosts)) {
            return;
        }
        boolean bypass = run.modules.find(written.moduleName()).map(io.runbook.engine.module.Module::bypassesHostLoop).orElse(false);
        if (scope.setup.isFree() && bypass) {
            // as ansible-playbook's free strategy, which stops the run when a host reaches such a task
            throw new RunAborted(new io.runbook.engine.error.UserError(written.position(), "The '" + written.action()
                    + "' module bypasses the host loop, which is currently not supported in the free strategy and would "
                    + "instead execute for every host in the inventory list.", "use strategy: linear for this play"));
        }
        boolean templatedAction = !handler && !scope.setup.isFree() && io.runbook.engine.playbook.TemplatedAction.of(written);
        if (templatedAction) {
            actionRendered(written, hosts.get(0));
        }
        Task task = titled(written, hosts.get(0));
        if (scope.announce(written)) {
            if (task.keywords().isRunOnce() && scope.setup.isFree()) {
                // each host runs on its own under free, so there is no first host to run once for: Ansible's words,
                // before the banner, and (the same each time) shown once per run
                run.listeners.warning(FREE_RUN_ONCE);
            }
            warnIfFreeAnyErrorsFatal(run, scope, task.keywords());
            run.listeners.taskStart(task.displayName(), task.action(), task.position().toString(), handler,
                    task.keywords().checkModeShown(run.options.check()), task.timedAs());
        }
        if (templatedAction) {
            hosts.subList(1, hosts.size()).forEach(h -> actionRendered(written, h));
        }
        // add_host and pause run once for the batch, on its first host, as Ansible's (their actions bypass the host
        // loop): without run_once, only that host gets the result (registered, counted in the recap)
        boolean runOnce = runOnce(run, scope, task, hosts.get(0));
        boolean once = bypass || runOnce;
        List<HostState> targets = once ? hosts.subList(0, 1) : hosts;
        Map<HostState, TaskOutcome> outcomes = execute(written, task, targets);
        if (run.aborted != null) {
            throw new RunAborted(run.aborted);
        }
        if (runOnce) {
            TaskOutcome first = outcomes.get(targets.get(0));
            for (HostState other : runOnceOthers(hosts)) {
                // as Ansible's strategy: the facts and the registered result go to every host of the batch
                if (first.facts() != null) {
                    first.facts().apply(run, other, first.status());
                }
                if (task.register() != null) {
                    other.facts.put(task.register(), TaskResults.registered(first.result()));
                }
                if (first.failed() && !rescuable) {
                    other.failed = true;
                }
            }
        } else if (bypass && outcomes.get(targets.get(0)).failed() && !rescuable) {
            // a failed pause (its 'A' at Ctrl-C) or add_host ends the batch, as Ansible's linear strategy takes an
            // action that bypasses the host loop for run_once: every host fails, only the first one counts it
            runOnceOthers(hosts).forEach(other -> other.failed = true);
        }
        outcomes.forEach((host, outcome) -> apply(host, outcome, rescuable, task));
        applyPolicies(task, outcomes, guarded);
    }

    /**
     * The hosts a run_once task's outcome goes to besides the one that ran it: the others running the task, and the
     * batch's other active hosts too (as Ansible's strategy, which gives them to the play's hosts), as there are when
     * an include with run_once brought the task to the first host alone.
     */
    private java.util.Set<HostState> runOnceOthers(List<HostState> hosts) {
        // a set: a list's contains() made this quadratic in the batch's size
        java.util.Set<HostState> others = new java.util.LinkedHashSet<>(hosts.subList(1, hosts.size()));
        scope.batch.stream().filter(h -> h != hosts.get(0) && h.active()).forEach(others::add);
        return others;
    }

    /**
     * Whether a failure of this task (or include) ends the play for every host: its any_errors_fatal (its own, its
     * block's or role's, the play's), which ansible-playbook's free strategy does not apply (only warns about it).
     */
    static boolean anyErrorsFatal(PlayScope scope, io.runbook.engine.playbook.Keywords keywords) {
        return !scope.setup.isFree() && anyErrorsFatalSet(scope, keywords);
    }

    /** The nearest any_errors_fatal written (the task's, its block's or role's, the play's): a false one wins too. */
    private static boolean anyErrorsFatalSet(PlayScope scope, io.runbook.engine.playbook.Keywords keywords) {
        return keywords.anyErrorsFatal() != null ? keywords.anyErrorsFatal() : scope.play.anyErrorsFatal();
    }

    /**
     * Under the free strategy, a task with any_errors_fatal gets ansible-playbook's warning before its banner (the same
     * words each time, so shown once per run, as its display does).
     */
    static void warnIfFreeAnyErrorsFatal(RunState run, PlayScope scope, io.runbook.engine.playbook.Keywords keywords) {
        if (scope.setup.isFree() && anyErrorsFatalSet(scope, keywords)) {
            run.listeners.warning(FREE_ANY_ERRORS_FATAL);
        }
    }

    /** --step: whether the task runs (asked once for the batch, or for its host under the free strategy). */
    static boolean stepTaken(RunState run, PlayScope scope, String taskName, List<HostState> hosts) {
        try {
            return run.step.take(run, taskName, scope.setup.isFree() ? hosts.get(0).name : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.interrupted.set(true);
            return false;
        }
    }

    /**
     * run_once, rendered with the first host's variables when it is a template (as Ansible's linear strategy does); a
     * template that cannot be rendered stops the run, as ansible-playbook's error there does.
     */
    static boolean runOnce(RunState run, PlayScope scope, TaskNode task, HostState first) {
        try {
            return Boolean.TRUE.equals(KeywordFlag.of(run, "run_once", task.keywords().runOnce(), scope.vars(first, task)));
        } catch (UserError e) {
            throw new RunAborted(e);
        }
    }

    /**
     * As ansible-playbook's linear strategy, which renders a module named by a template on each host before it runs the
     * task (without a loop's item): a name that cannot be rendered there stops the run.
     */
    private void actionRendered(Task task, HostState host) {
        try {
            run.templar.render(task.action(), scope.vars(host, task), task.position());
        } catch (UserError e) {
            throw new RunAborted(e);
        }
    }

    /** {@code task} failed on each of {@code hosts} with {@code msg} before it could run (a meta action's error). */
    void fail(Task task, List<HostState> hosts, String msg, boolean rescuable) {
        hosts.forEach(h -> apply(h, executor.fail(task, h, msg), rescuable, task));
    }

    /** A name with {@code {{ }}} is rendered with the first host's variables, as Ansible shows it; else kept. */
    private Task titled(Task task, HostState first) {
        if (task.name() == null || !task.name().contains("{{")) {
            return task;
        }
        try {
            return task.withName(run.templar.renderString(task.name(), scope.vars(first, task), task.position()));
        } catch (UserError e) {
            return task;
        }
    }

    /** {@code written}: the task as written, by which {@link ThrottleGate} knows it; {@code task}: as it runs. */
    private Map<HostState, TaskOutcome> execute(Task written, Task task, List<HostState> targets) {
        Map<HostState, String> ids = new LinkedHashMap<>();
        Map<HostState, TaskOutcome> replayed = new LinkedHashMap<>();
        for (HostState h : targets) {
            String id = run.ids.next(h, task.position());
            ids.put(h, id);
            run.resumption.replay(scope, task, h, id).ifPresent(o -> replayed.put(h, o));
        }
        List<HostState> live = targets.stream().filter(h -> !replayed.containsKey(h)).toList();
        Map<HostState, TaskOutcome> ran = live.isEmpty() ? Map.of() : executeLive(written, task, live, ids);
        Map<HostState, TaskOutcome> out = new LinkedHashMap<>();
        for (HostState h : targets) {
            TaskOutcome o = replayed.containsKey(h) ? replayed.get(h) : ran.get(h);
            if (o != null) {
                out.put(h, o);
            }
        }
        return out;
    }

    /**
     * Runs the task on each target on the run's workers (one host alone on this thread). A host whose module's result
     * comes later ({@link io.runbook.engine.module.Result#later}) gives its worker to the next host while it waits,
     * and its outcome is made on a worker when the result came.
     */
    private Map<HostState, TaskOutcome> executeLive(Task written, Task task, List<HostState> targets,
                                                    Map<HostState, String> ids) {
        Map<HostState, TaskOutcome> out = new LinkedHashMap<>();
        if (targets.size() == 1) {
            out.put(targets.get(0), LaterResults.join(throttled(written, task, targets.get(0), ids.get(targets.get(0)), null)));
            return out;
        }
        Executor resume = LaterResults.resumeOn(run.workers);
        List<Future<CompletableFuture<TaskOutcome>>> futures = new ArrayList<>();
        for (HostState h : targets) {
            try {
                futures.add(run.workers.submit(() -> throttled(written, task, h, ids.get(h), resume)));
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // Ctrl-C came between the task's banner and its start on this host: the workers are gone
                futures.add(CompletableFuture.completedFuture(CompletableFuture.completedFuture(new TaskOutcome(HostStatus.FAILED,
                        TaskResults.failure("interrupted before the task started on this host"), false))));
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            try {
                out.put(targets.get(i), futures.get(i).get().get());
            } catch (InterruptedException e) {
                run.interrupted.set(true);
                // the hosts waiting for a later result end as a module blocked on a worker does: interrupted
                run.later.interruptAll();
                collectInterrupted(targets, futures, out, i);
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                out.put(targets.get(i), new TaskOutcome(HostStatus.FAILED,
                        TaskResults.failure("internal error: " + LaterResults.cause(e)), false));
            }
        }
        return out;
    }

    /**
     * Ctrl-C interrupted the workers too: waits for what they report (what a stopped Helm install left, a killed
     * command's end), so their results are counted in the recap and printed before it rather than after it. They
     * report within moments, or seconds on a busy machine or after a command's TERM-then-KILL; the bound only keeps
     * a stuck worker from holding the run, and a second Ctrl-C quits at once anyway.
     */
    private static void collectInterrupted(List<HostState> targets, List<Future<CompletableFuture<TaskOutcome>>> futures,
                                           Map<HostState, TaskOutcome> out, int from) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int j = from; j < targets.size(); j++) {
            try {
                CompletableFuture<TaskOutcome> outcome = futures.get(j).get(left(deadline), TimeUnit.NANOSECONDS);
                out.put(targets.get(j), outcome.get(left(deadline), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                futures.get(j).cancel(true);
            }
        }
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /**
     * Runs the task on one host once its throttle lets it (see {@link ThrottleGate}). A throttle that is no integer
     * stops the run, as ansible-playbook's error there does. A throttled host keeps its place until its result came,
     * so it waits for a later result on its worker (null {@code resume}).
     */
    private CompletableFuture<TaskOutcome> throttled(Task written, Task task, HostState host, String id, Executor resume) {
        boolean counted;
        VarScope vars;
        try {
            vars = scope.vars(host, task);
            counted = run.throttle.enter(written, ThrottleGate.limit(run, task, vars));
        } catch (UserError e) {
            synchronized (run) {
                if (run.aborted == null) {
                    run.aborted = e;
                }
            }
            return CompletableFuture.completedFuture(new TaskOutcome(HostStatus.FAILED, TaskResults.failure(e.format()), false));
        } catch (InterruptedException e) {
            run.interrupted.set(true);
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(new TaskOutcome(HostStatus.FAILED,
                    TaskResults.failure("interrupted before the task started on this host"), false));
        }
        try {
            // a host that waited for its turn sees the variables as they are then; one that did not, these
            return executeOne(task, host, id, counted ? null : resume, counted ? null : vars);
        } finally {
            if (counted) {
                run.throttle.leave(written);
            }
        }
    }

    /** Runs the task on one host and tells the journal how it ended, as soon as it ended. */
    private CompletableFuture<TaskOutcome> executeOne(Task task, HostState host, String id, Executor resume, VarScope vars) {
        run.listeners.hostTaskStart(host.name, id, task.position().toString());
        host.currentTask = id;
        return executeOne(task, host, resume, vars).thenApply(ended -> {
            TaskOutcome outcome = run.resumption.changedEarlier(scope, task, host, id, ended);
            host.currentTask = null;
            run.journal.finished(host.name, id, new TaskJournal.Finished(outcome.status(), outcome.ignored(), outcome.result()));
            return outcome;
        });
    }

    /** {@code vars}: the variables the task sees on the host, made already; null to make them now. */
    private CompletableFuture<TaskOutcome> executeOne(Task task, HostState host, Executor resume, VarScope vars) {
        CompletableFuture<TaskOutcome> started;
        try {
            String delegate = null;
            // a loop's delegate_to is rendered for each item, with the item (TaskExecutor), as Ansible's
            if (task.keywords().delegateTo() != null && task.loop() == null) {
                delegate = run.templar.renderString(task.keywords().delegateTo(), vars != null ? vars : scope.vars(host, task),
                        task.position());
            }
            started = executor.start(task, host, delegate, resume, vars).exceptionally(e -> failed(task, host, LaterResults.cause(e)));
        } catch (RuntimeException e) {
            started = CompletableFuture.completedFuture(failed(task, host, e));
        }
        // the debugger on any failure, one before the task started too (a delegate_to that does not render), as Ansible's
        return started.thenApply(o -> run.debugger.after(run, scope, task, handler, host, o,
                (again, changed) -> LaterResults.join(executeOne(again, host, null, changed))));
    }

    /** One host's surprise fails that host, reported like any failure, whether one host runs or many. */
    private TaskOutcome failed(Task task, HostState host, Throwable e) {
        if (e instanceof UserError u) {
            return executor.fail(task, host, u.format());
        }
        if (e instanceof Error err) {
            throw err;
        }
        return executor.fail(task, host, task.position() + ": internal error in task '" + task.displayName()
                + "' (this is a bug, please report it): " + e);
    }

    void apply(HostState host, TaskOutcome outcome, boolean rescuable, Task task) {
        run.stats(host.name).count(outcome.status(), outcome.ignored(), rescuable && outcome.failed(),
                Boolean.TRUE.equals(outcome.result().get("changed")));
        if (outcome.unreachable()) {
            host.unreachable = true;
        } else if (outcome.failed()) {
            host.failed = true;
            host.lastFailure = outcome.result();
            // ansible_failed_task.name: the name as written (no role prefix; empty for an unnamed task), as in Ansible
            host.lastFailedTask = (task.name() == null ? "" : task.name()) + "\u0000"
                    + (task.writtenAction() != null ? task.writtenAction() : task.action());
        }
    }

    private void applyPolicies(Task task, Map<HostState, TaskOutcome> outcomes, boolean guarded) {
        boolean anyFailed = outcomes.values().stream().anyMatch(o -> o.failed() || o.status() == HostStatus.UNREACHABLE);
        if (anyFailed && anyErrorsFatal(scope, task.keywords()) && !guarded) {
            for (HostState h : scope.batch) {
                if (h.active()) {
                    h.ended = true;
                }
            }
            run.fatalStop = true;
            run.stopPlaybook = true;
            run.listeners.noMoreHosts();
            return;
        }
        Double pct = scope.setup.maxFailPercentage();
        if (pct != null && anyFailed) {
            long failed = scope.batch.stream().filter(h -> h.failed || h.unreachable).count();
            if (failed * 100.0 / scope.batch.size() > pct) {
                scope.batch.stream().filter(HostState::active).forEach(h -> h.failed = true);
                // twice, as ansible-playbook's linear strategy says it: for the break, then for every host now failed
                run.listeners.noMoreHosts();
                run.listeners.noMoreHosts();
                run.stopPlaybook = true;
            }
        }
    }
}
