package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Expr;
import io.runbook.engine.playbook.LoopControl;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.playbook.TemplatedAction;
import io.runbook.engine.report.HostResult;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.vars.FilterWarnings;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.vars.VarScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs one task on one host: per loop item, the {@code when} conditions, the action with
 * {@code until}/{@code retries}, then {@code changed_when}/{@code failed_when}; registers the result and
 * reports each line. An undefined variable or a bad template fails the task on this host, with its place.
 */
final class TaskExecutor {
    private final RunState run;
    private final PlayScope scope;
    private final ModuleCall calls;
    private final CallOutcomes outcomes;
    private final RetryLoop retries;

    TaskExecutor(RunState run, PlayScope scope) {
        this.run = run;
        this.scope = scope;
        this.calls = new ModuleCall(run, scope.play.baseDir());
        this.outcomes = new CallOutcomes();
        this.retries = new RetryLoop(run, calls, outcomes);
    }

    /** What a delegated task takes from the command line and its keywords where the delegate sets nothing. */
    private Map<String, Object> delegateDefaults(Task task) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(run.options.visibleConnectionDefaults());
        m.putAll(task.keywords().connection());
        return m;
    }

    TaskOutcome run(Task task, HostState host, String delegate) {
        return LaterResults.join(start(task, host, delegate, null));
    }

    /**
     * Runs the task on one host; when its module gives a {@link io.runbook.engine.module.Result#later} result, the
     * outcome completes once it came, the rest of the task (conditions, register, report, notify) done on
     * {@code resume}, and this thread is free meanwhile. Only a task without a loop and without
     * {@code until}/{@code retries} lets the result come later (the others wait for it here, as does any task when
     * {@code resume} is null: then the outcome is complete on return).
     */
    CompletableFuture<TaskOutcome> start(Task task, HostState host, String delegate, Executor resume) {
        return start(task, host, delegate, resume, null);
    }

    /** As {@link #start(Task, HostState, String, Executor)}; {@code hostVars}: the task's variables on the host, or null. */
    CompletableFuture<TaskOutcome> start(Task task, HostState host, String delegate, Executor resume, VarScope hostVars) {
        TaskConditions conditions = TaskConditions.onHost(run);
        // the filters' warnings (ansible.utils' ipaddr), as those of the conditions: once per task's run on the host
        return FilterWarnings.to(conditions::warn, () -> start(task, host, delegate, resume, hostVars, conditions));
    }

    private CompletableFuture<TaskOutcome> start(Task task, HostState host, String delegate, Executor resume,
                                                 VarScope hostVars, TaskConditions conditions) {
        boolean loop = task.loop() != null;
        TaskFacts facts = new TaskFacts(task.action());
        NoLog noLog = new NoLog(run, task);
        CompletableFuture<Map<String, Object>> result;
        try {
            VarScope vars = DelegateVars.of(scope, host, task, hostVars != null ? hostVars : scope.vars(host, task), delegate,
                    delegateDefaults(task));
            result = loop ? CompletableFuture.completedFuture(runLoop(task, host, vars, delegate, facts, noLog, conditions))
                    : runItem(task, host, vars, null, delegate, Map.of(), facts, noLog, conditions, resume);
        } catch (UserError e) {
            return CompletableFuture.completedFuture(unreported(task, host, delegate, e, facts, noLog));
        }
        return result.handle((r, e) -> {
            if (e == null) {
                return finish(task, host, delegate, r, loop, false, facts, noLog);
            }
            if (LaterResults.cause(e) instanceof UserError u) {
                return unreported(task, host, delegate, u, facts, noLog);
            }
            throw e instanceof CompletionException c ? c : new CompletionException(e);
        });
    }

    /**
     * The task failed on a mistake found while it ran (an undefined variable in a condition or a loop expression): it
     * fails here, with a line like any other.
     */
    private TaskOutcome unreported(Task task, HostState host, String delegate, UserError e, TaskFacts facts, NoLog noLog) {
        return finish(task, host, delegate, PlacedFailure.of(e), false, true, facts, noLog);
    }

    /**
     * What the task's result means for the host: facts, register, notify, and the line of a loop's end ({@code loop})
     * or of a result no item's line reported ({@code unreported}).
     */
    private TaskOutcome finish(Task task, HostState host, String delegate, Map<String, Object> result, boolean loop,
                               boolean unreported, TaskFacts facts, NoLog noLog) {
        HostStatus status = TaskResults.status(result, loop);
        facts.apply(run, host, status);
        if (task.register() != null) {
            host.facts.put(task.register(), TaskResults.asVariable(task.action(), TaskResults.registered(result)));
        }
        boolean ignored = status == HostStatus.FAILED && KeywordFlag.ignoresErrors(run, task.keywords(), () -> scope.vars(host, task))
                || status == HostStatus.UNREACHABLE && KeywordFlag.ignoresUnreachable(run, task.keywords(), () -> scope.vars(host, task));
        if (loop) {
            if (status == HostStatus.CHANGED) {
                NotifiedHandlers.announce(run, scope, host, task, () -> notifications(task, host));
            }
            // the items' warnings, which the loop's result carries (none shown under no_log: Ansible censors it)
            // named by its delegate_to as written, a template too (Ansible's callbacks read the task's), no address
            report(task, host, delegate != null ? delegate : task.keywords().delegateTo(), status, null, true, ignored, result, List.of(),
                    noLog.on() ? List.of() : TaskResults.warnings(result), false, noLog.on());
        } else if (unreported) {
            report(task, host, delegate, status, null, false, ignored, result, List.of(), List.of(), false, noLog.on());
        }
        if (status == HostStatus.CHANGED && !task.notifies().isEmpty()) {
            notify(task, host);
        }
        return new TaskOutcome(status, result, ignored, facts);
    }

    /**
     * Records the task's notifications (names that are templates rendered first). A name no handler answers to stops
     * the whole run at once, without a recap, as Ansible's "The requested handler ... was not found" error does, or
     * with ERROR_ON_MISSING_HANDLER off is only warned about.
     */
    private void notify(Task task, HostState host) {
        for (String name : notifications(task, host)) {
            List<TaskNode> reached = scope.answering(name);
            if (reached.isEmpty()) {
                String msg = "The requested handler '" + name + "' was not found in either the main handlers list nor "
                        + "in the listening handlers list";
                if (!run.options.errorOnMissingHandler()) {
                    run.listeners.warning(msg);
                    continue;
                }
                synchronized (run) {
                    if (run.aborted == null) {
                        run.aborted = new UserError(task.position(), msg);
                    }
                }
                run.stopPlaybook = true;
                continue;
            }
            synchronized (host.notified) {
                host.notified.addAll(reached);
            }
        }
    }

    /** The task's notify names, templates rendered: one that renders to a list names each of its items, as in Ansible. */
    private List<String> notifications(Task task, HostState host) {
        List<String> out = new java.util.ArrayList<>();
        for (String written : task.notifies()) {
            Object name = written.contains("{{") ? run.templar.render(written, scope.vars(host, task), task.position())
                    : written;
            if (name instanceof List<?> l) {
                l.forEach(item -> out.add(String.valueOf(item)));
            } else {
                out.add(String.valueOf(name));
            }
        }
        return out;
    }

    /** Fails the task on {@code host} with {@code msg} without running it (e.g. its delegate_to could not be rendered). */
    TaskOutcome fail(Task task, HostState host, String msg) {
        Map<String, Object> result = TaskResults.failure(msg);
        if (task.register() != null) {
            host.facts.put(task.register(), result);
        }
        boolean ignored = KeywordFlag.ignoresErrors(run, task.keywords(), () -> scope.vars(host, task));
        report(task, host, null, HostStatus.FAILED, null, false, ignored, result, List.of(), List.of(), false,
                NoLog.written(run, task));
        return new TaskOutcome(HostStatus.FAILED, result, ignored);
    }

    private Map<String, Object> runLoop(Task task, HostState host, VarScope vars, String delegate, TaskFacts facts,
                                        NoLog noLog, TaskConditions conditions) {
        List<Object> list;
        try {
            list = new LoopItems(run).of(task, vars);
        } catch (UserError e) {
            // as Ansible: a loop that cannot be rendered is only an error when the task's conditions hold
            if (!task.keywords().when().isEmpty() && !conditionsHold(task, vars, conditions)) {
                // reported once, as the loop's end
                return TaskResults.skipped();
            }
            throw e;
        }
        LoopControl lc = task.loopControl();
        LoopVarNames names = LoopVarNames.of(lc, run.templar, vars, task.position());
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            Map<String, Object> itemVars = names.itemKeys(item, i);
            if (lc.extended()) {
                itemVars.put("ansible_loop", TaskResults.loopInfo(list, i, lc.extendedAllItems()));
            }
            // the facts and registered result of the items before are the task's variables too, as in Ansible
            VarScope scoped = vars.with(facts.visible()).with(itemVars);
            // no_log hides the items too (a label is often the secret itself), as Ansible prints (item=None); the
            // label is rendered once the item ran, as Ansible's (a fact the item set shows in it)
            java.util.function.Supplier<String> label = () -> noLog.on() ? "None" : lc.label() == null
                    ? label(shownItem(item, names, scoped, task))
                    : String.valueOf(run.templar.render(lc.label(), scoped, task.position()));
            // as Ansible: each item's result carries the loop variable, the index and ansible_loop, with their names
            Map<String, Object> itemKeys = new LinkedHashMap<>(itemVars);
            // a template that cannot be rendered for this item (its arguments, conditions, label) fails the whole task
            // here, the items after it not run, as ansible-playbook does
            // delegate_to is rendered for each item, with the item, as Ansible's (a loop over the delegates)
            String itemDelegate = task.keywords().delegateTo() == null ? delegate
                    : run.templar.renderString(task.keywords().delegateTo(), scoped, task.position());
            VarScope itemScope = DelegateVars.of(scope, host, task, scoped, itemDelegate, delegateDefaults(task));
            Map<String, Object> r = LaterResults.join(runItem(task, host, itemScope, label, itemDelegate, itemKeys, facts, noLog, conditions,
                    null));
            results.add(r);
            pause(lc, i, list.size());
        }
        return TaskResults.aggregate(results);
    }

    /**
     * Runs the action once (with retries) for one item or the whole task, and reports the line. {@code itemKeys}
     * (the loop variable and {@code ansible_loop_var}) go into the item's result, as Ansible shows them; its conditions
     * are evaluated by {@code conditions}, the task's on this host. Without
     * {@code until}/{@code retries} and with a {@code resume}, a module's later result is handled there when it comes.
     */
    private CompletableFuture<Map<String, Object>> runItem(Task task, HostState host, VarScope vars,
                                                           java.util.function.Supplier<String> label, String delegate,
                                                           Map<String, Object> itemKeys, TaskFacts facts, NoLog noLog,
                                                           TaskConditions conditions, Executor resume) {
        for (Expr w : task.keywords().when()) {
            if (!conditions.test(w, PlayContextVars.of(run, vars))) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("changed", false);
                r.put("skipped", true);
                r.put("skip_reason", "Conditional result was False");
                r.putAll(itemKeys);
                report(task, host, delegate, HostStatus.SKIPPED, label == null ? null : label.get(), false, false, r,
                        List.of(), List.of(), false, noLog.on());
                return CompletableFuture.completedFuture(r);
            }
        }
        if (task.role() != null) {
            host.rolesRun.add(task.role().role());
        }
        // as Ansible: no_log is rendered once the conditions hold, with the others of the task's keywords
        boolean hidden = noLog.item(vars);
        Boolean checkMode = flag(task.keywords().checkMode(), vars, "check_mode");
        boolean check = checkMode != null ? checkMode : run.options.check();
        Boolean diffFlag = flag(task.keywords().diff(), vars, "diff");
        boolean diff = diffFlag != null ? diffFlag : run.options.diff();
        // a module named by a template is resolved now, on this host and item, as Ansible's post-validation does; a name
        // no module answers to fails the whole task (a loop's later items not run)
        Task acting = TemplatedAction.of(task) ? RunTimeAction.resolve(run, task, vars) : RunTimeAction.unblocked(run, task);
        Item item = new Item(acting, host, vars, label, delegate, itemKeys, facts, diff, hidden, conditions);
        ModuleCall.Outcome refused = acting == task ? null : RunTimeAction.refused(run, acting);
        if (refused != null) {
            return CompletableFuture.completedFuture(ended(item, refused, outcomes.shaped(acting, vars, refused, 0, conditions), 1, -1));
        }
        if (acting.until() == null && acting.retries() == null) {
            return calls.start(acting, host, vars, check, diff, hidden, conditions, resume)
                    .thenApply(out -> ended(item, out, outcomes.shaped(acting, vars, out, 0, conditions), 1, -1));
        }
        RetryLoop.Ended last = retries.run(acting, host, delegate, vars, check, diff, hidden, conditions);
        return CompletableFuture.completedFuture(ended(item, last.outcome(), last.result(), last.attempts(), last.retries()));
    }

    /** What an item's result is made with once its action ended. */
    private record Item(Task task, HostState host, VarScope vars, java.util.function.Supplier<String> label,
                        String delegate, Map<String, Object> itemKeys, TaskFacts facts, boolean diff, boolean hidden,
                        TaskConditions conditions) {
    }

    /**
     * The item's result after its last attempt (-1 {@code retries}: it does not retry): until's verdict, the item's keys,
     * its facts, its line reported. As ansible-core 2.14, {@code retries: 0} leaves {@code until} unjudged, and a task
     * that ran out of retries registers {@code retries} as its attempts.
     */
    private Map<String, Object> ended(Item it, ModuleCall.Outcome out, Map<String, Object> r, int attempts, int retries) {
        Task task = it.task();
        if (retries >= 0) {
            r.put("attempts", attempts);
            if (task.until() != null && retries > 0 && !outcomes.until(task, it.vars(), r, it.conditions())) {
                r.put("attempts", Math.min(attempts, retries));
                r.put("failed", true);
                r.putIfAbsent("msg", "retries exhausted: 'until' (" + task.until().text() + ") still false after " + retries + " retries");
            }
        }
        r.putAll(it.itemKeys());
        TaskResults.unreachableItem(r, it.label() != null);
        it.facts().collect(task, it.delegate() != null && Boolean.TRUE.equals(task.keywords().delegateFacts()) ? it.delegate() : null,
                r, it.vars());
        String item = it.label() == null ? null : it.label().get();
        boolean ignored = item == null && (TaskResults.status(r) == HostStatus.FAILED && KeywordFlag.ignoresErrors(run, task.keywords(), it::vars)
                || TaskResults.status(r) == HostStatus.UNREACHABLE && KeywordFlag.ignoresUnreachable(run, task.keywords(), it::vars));
        if (it.label() == null && TaskResults.status(r) == HostStatus.CHANGED) {
            NotifiedHandlers.announce(run, scope, it.host(), task, () -> notifications(task, it.host()));
        }
        // as Ansible's strategy: a diff the action gave is shown with --diff even where the task says diff: false
        // (modules that always compute one, such as file's); a loop item's only where the task's diff is on; and only
        // for a result that says changed (after changed_when), as its callbacks
        boolean shown = it.diff() || run.options.diff() && it.label() == null;
        List<io.runbook.engine.module.Diff> diffs = shown && Boolean.TRUE.equals(r.get("changed")) ? out.diffs() : List.of();
        // as Ansible's callbacks get a no_log result: censored, its warnings not shown
        report(task, it.host(), it.delegate(), TaskResults.status(r), item, false, ignored, r, diffs,
                it.hidden() ? List.of() : out.warnings(), out.ran(), it.hidden(), true);
        return r;
    }

    /** Whether every condition of the task holds (a condition that cannot be evaluated counts as holding). */
    private boolean conditionsHold(Task task, VarScope vars, TaskConditions conditions) {
        try {
            VarScope withPlayContext = PlayContextVars.of(run, vars);
            return task.keywords().when().stream().allMatch(w -> conditions.test(w, withPlayContext));
        } catch (UserError e) {
            return true;
        }
    }

    private void pause(LoopControl lc, int index, int size) {
        if (lc.pauseSeconds() > 0 && index < size - 1) {
            RetryLoop.sleep(Math.round(lc.pauseSeconds() * 1000));
        }
    }

    private void report(Task task, HostState host, String delegate, HostStatus status, String item, boolean loopEnd,
                        boolean ignored, Map<String, Object> result, List<io.runbook.engine.module.Diff> diffs, List<String> warnings,
                        boolean ran, boolean noLog) {
        report(task, host, delegate, status, item, loopEnd, ignored, result, diffs, warnings, ran, noLog, false);
    }

    /**
     * {@code executed}: the result is the action's (Ansible's _execute returned it), so the line shows the delegate's
     * address as Ansible's callbacks do from the result's {@code _ansible_delegated_vars}, which a task that failed
     * before its action ran (a template error), an unreachable delegate or a loop's end does not carry.
     */
    private void report(Task task, HostState host, String delegate, HostStatus status, String item, boolean loopEnd,
                        boolean ignored, Map<String, Object> result, List<io.runbook.engine.module.Diff> diffs, List<String> warnings,
                        boolean ran, boolean noLog, boolean executed) {
        boolean debug = task.action().equals("debug");
        boolean verbose = verboseAlways(task, ran, noLog);
        Map<String, Object> shown = TaskResults.shown(noLog, result, debug);
        if ((status == HostStatus.OK || status == HostStatus.CHANGED) && result.containsKey("ansible_stats")) {
            run.listeners.customStats(host.name, result);
        }
        // as Ansible's callbacks: a no_log result's deprecations are not shown (its registered result keeps them)
        List<io.runbook.engine.module.Deprecation> deprecations = noLog ? List.of()
                : io.runbook.engine.module.Deprecation.listOf(result.get("deprecations"));
        HostResult line = new HostResult(host.name, delegate, task.displayName(), task.action(), status, item, loopEnd,
                ignored, verbose, shown, noLog ? List.of() : diffs, warnings, deprecations);
        run.listeners.hostResult(executed && status != HostStatus.UNREACHABLE ? DelegateVars.addressed(scope, host, task, line) : line);
    }

    /** Like Ansible's {@code _ansible_verbose_always}: debug and a non-quiet assert that ran always show their result, pretty. */
    static boolean verboseAlways(Task task, boolean ran, boolean noLog) {
        return ran && !noLog && (task.action().equals("debug") || task.action().equals("assert")
                && !"true".equalsIgnoreCase(String.valueOf(task.args().get("quiet"))));
    }

    /** An item as its label shows it: Ansible's default label is {@code "{{ item }}"}, so a template in it is rendered. */
    private Object shownItem(Object item, LoopVarNames names, VarScope scoped, Task task) {
        if (!Templar.isTemplate(item)) {
            return item;
        }
        try {
            return run.templar.render("{{ " + names.loopVar() + " }}", scoped, task.position());
        } catch (UserError e) {
            return item;
        }
    }

    /** As Ansible prints an item: Python's str() of it. */
    private static String label(Object item) {
        return io.runbook.engine.report.PythonRepr.str(item);
    }

    /**
     * A boolean keyword's value for this task: as written, or its template rendered now ({@code omit}: what the
     * block or play above says, as in Ansible); null when no level sets it.
     */
    private Boolean flag(Object value, VarScope vars, String keyword) {
        return KeywordFlag.of(run, keyword, value, vars);
    }
}
