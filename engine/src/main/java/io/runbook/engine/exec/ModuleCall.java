package io.runbook.engine.exec;

import io.runbook.engine.builtin.GroupBy;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.playbook.Task;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call of a task's action on one host: with the arguments, environment and time limit {@link CallInputs} rendered,
 * honours check mode and the task timeout, and turns every way a module can end into a registered-result map.
 */
final class ModuleCall {
    /** The result map, its diffs and the module's warnings. */
    record Outcome(Map<String, Object> result, List<Diff> diffs, List<String> warnings, boolean ran) {
        /** An outcome the engine made up without running the module (an error, a check-mode skip). */
        Outcome(Map<String, Object> result, List<Diff> diffs, List<String> warnings) {
            this(result, diffs, warnings, false);
        }
    }

    private final RunState run;
    private final java.nio.file.Path workDir;
    private final CallInputs inputs;

    /** {@code workDir}: the folder of the playbook file that holds the play (see {@link io.runbook.engine.module.ModuleContext#workDir}). */
    ModuleCall(RunState run, java.nio.file.Path workDir) {
        this.run = run;
        this.workDir = workDir.toAbsolutePath().normalize();
        this.inputs = new CallInputs(run);
    }

    /**
     * Runs the action on this thread, waiting here for a module's {@link Result#later} result. A template of the
     * arguments, the environment or the timeout that cannot be rendered throws {@link UserError}: the whole task fails
     * (a loop stops at that item), as Ansible's post_validate fails it. Arguments the module refuses, and everything the
     * module does, end in a failed result.
     */
    Outcome call(Task task, HostState host, Map<String, Object> vars, boolean check, boolean diff, boolean noLog,
                 TaskConditions conditions) {
        return start(task, host, vars, check, diff, noLog, conditions, null).join();
    }

    /**
     * As {@link #call}, but a module's {@link Result#later} result does not hold this thread: the outcome completes
     * when the result comes (within what is left of the task's timeout, or at an interrupt), and is made on
     * {@code resume}. With a null {@code resume} the call waits here, and the outcome is complete on return.
     * {@code conditions}: the task's on this host, which show the module's warnings about conditions (assert's).
     */
    CompletableFuture<Outcome> start(Task task, HostState host, Map<String, Object> vars, boolean check, boolean diff,
                                     boolean noLog, TaskConditions conditions, Executor resume) {
        int async = AsyncKeyword.seconds(run, task, vars);
        Map<String, Object> refused = AsyncKeyword.refusal(task, async, false);
        if (refused != null) {
            return done(new Outcome(refused, List.of(), List.of()));
        }
        if (async > 0 && AsyncKeyword.runsWithoutJob(task)) {
            int poll = AsyncKeyword.poll(run, task, vars);
            return begin(task, host, vars, check, diff, noLog, conditions, resume, 0).thenApply(o -> AsyncKeyword.noJobId(o, poll));
        }
        if (async <= 0 || check) {
            // in check mode an async task is skipped or refused (begin), as Ansible's
            return begin(task, host, vars, check, diff, noLog, conditions, resume, async);
        }
        if (AsyncKeyword.poll(run, task, vars) == 0) {
            // fire and forget, as Ansible's poll: 0: the job runs on while the host goes on; async_status asks for it
            String jid = run.asyncJobs.start(() -> AsyncResults.jobEnded(
                    begin(task, host, vars, check, diff, noLog, conditions, null, async).join()));
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("ansible_job_id", jid);
            started.put("changed", true);
            started.put("failed", 0);
            started.put("finished", 0);
            started.put("started", 1);
            return done(new Outcome(started, List.of(), List.of(), true));
        }
        String jid = AsyncJobs.newId();
        return begin(task, host, vars, check, diff, noLog, conditions, resume, async)
                .thenApply(o -> new Outcome(AsyncResults.polled(jid, o.result()), o.diffs(), o.warnings(), o.ran()));
    }

    private CompletableFuture<Outcome> begin(Task task, HostState host, Map<String, Object> vars, boolean check, boolean diff,
                                             boolean noLog, TaskConditions conditions, Executor resume, int async) {
        try {
            return beginRendering(task, host, vars, check, diff, noLog, conditions, resume, async);
        } catch (io.runbook.engine.error.PythonError e) {
            // as Ansible's post-validation of a task's arguments: a plain Python exception fails this run of the task
            // (a loop's item; the items after it still run), an error of Ansible's (undefined, ...) the whole task
            return done(new Outcome(e.result(), List.of(), List.of()));
        }
    }

    private CompletableFuture<Outcome> beginRendering(Task task, HostState host, Map<String, Object> vars, boolean check,
                                                      boolean diff, boolean noLog, TaskConditions conditions, Executor resume,
                                                      int async) {
        // as ansible-core's task executor: the arguments' templates see the command line's SSH password (PlayContextVars)
        Map<String, Object> argVars = vars instanceof io.runbook.engine.vars.VarScope scope ? PlayContextVars.of(run, scope) : vars;
        if (task.action().equals("set_fact")) {
            return done(SetFactAction.run(run.templar, task, argVars));
        }
        if (task.action().equals("include_vars")) {
            Map<String, Object> rendered = inputs.renderArgs(task, vars);
            return done(attempt(task, () -> new Outcome(IncludeVarsAction.run(task, workDir, rendered, vars,
                    io.runbook.engine.vars.HomeDir.of(run.options.environment())), List.of(),
                    List.of(), true)));
        }
        // on a host reached through a Python connection plugin, ansible-core runs the action with it (ConnectionPlugins)
        // (a delegated task's: the delegate's connection variables)
        Module chosen = run.modules.actionPlugins().throughConnection(task.moduleName(),
                        vars instanceof io.runbook.engine.vars.VarScope scope ? scope.connection() : vars)
                .orElseGet(() -> run.modules.find(task.moduleName()).orElseThrow());
        // a module without an action plugin of its own runs through the playbook's normal.py, if it has one (Ansible's)
        Module module = io.runbook.engine.pyplugin.ActionPlugins.runs(chosen) ? chosen
                : run.modules.actionPlugins().normalFor(task.moduleName()).orElse(chosen);
        java.util.Set<String> unsafe = new java.util.HashSet<>();
        Map<String, Object> rendered = inputs.renderArgs(task, argVars, unsafe);
        Map<String, String> env = inputs.environment(task, vars);
        Duration limit = inputs.timeout(task, vars);
        // async: the task runs to its end here, within async seconds (as Ansible polls it), or its own timeout
        // (an action plugin's async bounds the module it runs as a job: TaskContext.runModule with wrap_async)
        boolean byAsync = async > 0 && !io.runbook.engine.pyplugin.ActionPlugins.boundsItsModule(module) && (limit == null || Duration.ofSeconds(async).compareTo(limit) < 0);
        Args args;
        try {
            args = inputs.arguments(task, module, FileSearch.resolveSources(task, workDir, module, rendered,
                    io.runbook.engine.vars.HomeDir.of(run.options.environment())), unsafe);
        } catch (UserError e) {
            // as an Ansible module refusing its arguments: {"changed": false, "failed": true, "msg": …}, the place
            // shown beside msg but not in it
            return done(new Outcome(PlacedFailure.ofModule(e), List.of(), List.of()));
        }
        if (check && !module.supportsCheckMode()) {
            return done(new Outcome(checkModeSkipped(module, task), List.of(), List.of()));
        }
        Map<String, Object> refusedInCheck = AsyncKeyword.refusal(task, async, check);
        if (refusedInCheck != null) {
            return done(new Outcome(refusedInCheck, List.of(), List.of()));
        }
        TaskContext asking = new TaskContext(run, args, host.name, vars, check, diff, noLog, task.baseDir(), workDir,
                task.position(), env, task, conditions, async > 0);
        PythonDiscovery.Discovered found;
        try {
            found = PythonDiscovery.before(run, task, module, asking, vars);
        } catch (ModuleException e) {
            // the host could not be asked (unreachable): the task's result, as the module's own run would end
            return done(failure(task, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done(failed("interrupted"));
        }
        TaskContext ctx = asking.withVars(PythonDiscovery.vars(task, vars, found));
        Duration bound = byAsync ? Duration.ofSeconds(async) : limit;
        if (resume == null) {
            // the module's later result is waited for within the same bound, as if the module had blocked
            return done(attempt(task, module, args, () -> ran(task, module, ctx, host, found,
                    withTimeout(bound, byAsync, () -> module.run(ctx).join()))));
        }
        long started = System.nanoTime();
        Result[] first = new Result[1];
        Outcome now = attempt(task, module, args, () -> {
            first[0] = withTimeout(bound, byAsync, () -> module.run(ctx));
            return first[0].isLater() ? null : ran(task, module, ctx, host, found, first[0]);
        });
        if (now != null) {
            return done(now);
        }
        Duration left = bound == null ? null : bound.minusNanos(System.nanoTime() - started);
        return run.later.await(first[0].rest(), left, bound == null ? null : new TimedOut(bound.toSeconds(), byAsync))
                .handleAsync((r, e) -> e == null ? attempt(task, () -> ran(task, module, ctx, host, found, r))
                        : echoed(module, args, LaterResults.cause(e), failure(task, LaterResults.cause(e))), resume);
    }

    /** The result of a module skipped in check mode: Ansible's module skip, or the Ansible action's skip it stands for. */
    private static Map<String, Object> checkModeSkipped(Module module, Task task) {
        String actions = module.checkModeSkipMessage();
        if (actions == null) {
            // Ansible's words for a module that does not support check mode (tempfile's, say), naming it as the task does
            String named = task.writtenAction() != null ? task.writtenAction() : module.name();
            return Result.skipped("remote module (" + named + ") does not support check mode").toMap();
        }
        if (actions.isEmpty()) {
            return Result.skipped(null).toMap();  // an action that skips without words (raw's): changed, failed, skipped
        }
        Map<String, Object> skipped = Result.skipped(actions).toMap();
        skipped.remove("failed");  // as Ansible registers an AnsibleActionSkip
        return skipped;
    }

    private static CompletableFuture<Outcome> done(Outcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    private interface Attempt {
        Outcome run() throws ModuleException, InterruptedException;
    }

    /** Runs the action itself, turning every way it can end into a result. */
    private Outcome attempt(Task task, Attempt body) {
        try {
            return body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        } catch (Exception | StackOverflowError e) {
            return failure(task, e);
        }
    }

    /** As {@link #attempt(Task, Attempt)}: a module's own failure ({@link ModuleException}, its fail_json) echoes its arguments. */
    private Outcome attempt(Task task, Module module, Args args, Attempt body) {
        return attempt(task, () -> {
            try {
                return body.run();
            } catch (ModuleException e) {
                return echoed(module, args, e, failure(task, e));
            }
        });
    }

    /** {@code failed} with the module's echo of its arguments when the module itself failed (not its host unreachable). */
    private static Outcome echoed(Module module, Args args, Throwable e, Outcome failed) {
        if (e instanceof ModuleException m && !m.isUnreachable()) {
            TaskResults.echoArgs(module, args, failed.result());
        }
        return failed;
    }

    /** The result of an action that ended with {@code e}, whether it threw it or its later result completed with it. */
    private Outcome failure(Task task, Throwable e) {
        if (e instanceof FileSearch.NotFound n) {
            // Ansible's action failing to find a file it reads on the controller: its words, the place beside them
            return new Outcome(PlacedFailure.ofModule(n), List.of(), List.of());
        }
        if (e instanceof UserError u) {
            // a mistake the action found in what it was given (a file, a template it renders)
            Map<String, Object> r = new LinkedHashMap<>(Result.failed(u.format()).toMap());
            r.remove("changed");
            return new Outcome(r, List.of(), List.of());
        }
        if (e instanceof ModuleException m) {
            Result r = m.isUnreachable() ? Result.unreachable(m.getMessage()) : Result.failed(m.getMessage());
            return new Outcome(r.toMap(), List.of(), List.of());
        }
        if (e instanceof TimedOut t) {
            if (t.async) {
                return new Outcome(AsyncResults.tooLong(t.seconds), List.of(), List.of());
            }
            // Ansible's words; a limit the task does not set itself is named (Ansible's TASK_TIMEOUT setting is not)
            return failed("The " + task.action() + " action failed to execute in the expected time frame (" + t.seconds
                    + ") and was terminated" + (task.keywords().timeout() == null ? " (the limit of --task-timeout)" : ""));
        }
        if (e instanceof InterruptedException) {
            return failed("interrupted");
        }
        return failed(task.position() + ": module '" + task.action() + "' failed unexpectedly: " + e);
    }

    private Outcome ran(Task task, Module module, TaskContext ctx, HostState host, PythonDiscovery.Discovered found, Result r) {
        if (module instanceof io.runbook.engine.builtin.AsyncStatus) {
            return AsyncResults.status(run.asyncJobs, (String) r.data().get(io.runbook.engine.builtin.AsyncStatus.JID),
                    (String) r.data().get(io.runbook.engine.builtin.AsyncStatus.MODE));
        }
        Map<String, Object> result = r.toMap();
        TaskResults.echoArgs(module, ctx.args(), result);
        io.runbook.engine.pyplugin.ActionPlugins.inAnsiblesOrder(result);  // a plugin's, as Ansible registers it
        if (module instanceof io.runbook.engine.builtin.AddHost && !r.isFailed()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> info = (Map<String, Object>) result.get(io.runbook.engine.builtin.AddHost.ADD_HOST);
            @SuppressWarnings("unchecked")
            Map<String, Object> hostVars = (Map<String, Object>) info.get("host_vars");
            result.put("changed", run.addHost((String) info.get("host_name"), castList(info.get("groups")), hostVars));
        }
        if (module instanceof GroupBy && !r.isFailed()) {
            // as Ansible's strategy: the inventory changes now, and changed says whether the host is new there
            result.put("changed", run.addToGroup(host.name, (String) result.get(GroupBy.ADD_GROUP),
                    castList(result.get(GroupBy.PARENT_GROUPS))));
        }
        if (!ctx.warnings.isEmpty() && !result.containsKey("warnings")) {
            // as an Ansible module's warnings: in the registered result, and printed as [WARNING] (not in the result shown)
            result.put("warnings", List.copyOf(ctx.warnings));
        }
        if (!ctx.deprecations.isEmpty()) {
            // as an Ansible module's deprecations: in the registered result, shown as [DEPRECATION WARNING] lines
            List<Object> all = new java.util.ArrayList<>(result.get("deprecations") instanceof List<?> l ? l : List.of());
            ctx.deprecations.forEach(d -> all.add(d.toMap()));
            result.put("deprecations", all);
        }
        List<String> warnings = new java.util.ArrayList<>(ctx.warnings);
        if (!io.runbook.engine.pyplugin.ActionPlugins.runs(module)) {  // a plugin's modules' results were cleaned
            warnings.addAll(PythonDiscovery.into(run.listeners, task, result, found));
        }
        return new Outcome(result, r.diffs(), List.copyOf(warnings), true);
    }

    private interface Body {
        Result run() throws ModuleException, InterruptedException;
    }

    private Result withTimeout(Duration limit, boolean async, Body body) throws ModuleException, InterruptedException {
        if (limit == null) {
            return body.run();
        }
        Thread worker = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> timer = run.timers.schedule(() -> {
            fired.set(true);
            worker.interrupt();
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            Result r = body.run();
            if (fired.get()) {
                if (r.isLater()) {
                    r.rest().toCompletableFuture().cancel(true);  // its wait would hold its watches until its own end
                }
                throw new TimedOut(limit.toSeconds(), async);
            }
            return r;
        } catch (InterruptedException | ModuleException | RuntimeException e) {
            // the interrupt may reach the module inside a client call it reports as its own failure (an API call
            // ending with InterruptedException): once the limit fired, that is the timeout
            if (fired.get()) {
                throw new TimedOut(limit.toSeconds(), async);
            }
            throw e;
        } finally {
            timer.cancel(false);
            if (fired.get()) {
                Thread.interrupted();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }

    static Outcome failed(String msg) {
        return new Outcome(Result.failed(msg).toMap(), List.of(), List.of());
    }

    /** The task's own time limit was reached ({@code async}: the limit was its async). */
    static final class TimedOut extends RuntimeException {
        final long seconds;
        final boolean async;

        TimedOut(long seconds, boolean async) {
            super(null, null, false, false);
            this.seconds = seconds;
            this.async = async;
        }
    }
}
