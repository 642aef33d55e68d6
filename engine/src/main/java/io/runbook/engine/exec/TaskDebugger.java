package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.vars.VarScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Ansible's task debugger: after a host's result is shown, the prompt {@code [HOST] TASK: NAME (debug)> } when the
 * task's {@code debugger:} (its own, its block's, role's or play's) asks for it ({@code always}, {@code on_failed}
 * unless errors are ignored, {@code on_unreachable}, {@code on_skipped}; {@code never} never), or, with the debugger
 * on for the run (ANSIBLE_ENABLE_TASK_DEBUGGER, {@code strategy: debug}), when the task failed or the host was
 * unreachable. One prompt at a time, whatever the forks. Its commands: {@link DebuggerSession}. {@code r} runs the
 * task again on the host (with the arguments and variables changed), {@code c} keeps the result, {@code q} or the
 * input's end stops the run at once, without a recap (exit 99, as ansible-playbook's). Read as {@link PromptInput} reads.
 */
final class TaskDebugger {
    private final boolean enabled;
    private final PromptInput input;
    private volatile boolean quit;

    TaskDebugger(boolean enabled, PromptInput input) {
        this.enabled = enabled;
        this.input = input;
    }

    /** Whether {@code q} (or the input's end) stopped the run. */
    boolean quit() {
        return quit;
    }

    /**
     * The outcome after the debugger (if it is asked for): the same, or that of the task (a handler's:
     * {@code handler}) run again ({@code rerun} with the arguments and the variables the debugger changed).
     */
    TaskOutcome after(RunState run, PlayScope scope, Task task, boolean handler, HostState host, TaskOutcome outcome,
                      BiFunction<Task, VarScope, TaskOutcome> rerun) {
        if (quit || !needed(run, scope, task, host, outcome)) {
            return outcome;
        }
        VarScope vars = scope.vars(host, task);
        boolean noLog = NoLog.written(run, task);
        DebuggerSession session = new DebuggerSession((handler ? "HANDLER: " : "TASK: ") + task.displayName(), host.name, task.args(),
                name -> vars.names().contains(name) ? vars.raw(name) : DebuggerSession.MISSING,
                () -> {
                    Map<String, Object> all = new LinkedHashMap<>();
                    vars.names().forEach(n -> all.put(n, vars.raw(n)));
                    return all;
                },
                noLog ? TaskResults.shown(true, outcome.result(), false) : outcome.result(), noLog,
                set -> rendered(run, task, vars.with(set)));
        DebuggerSession.Next next = prompt(run, session);
        if (next == DebuggerSession.Next.REDO) {
            return rerun.apply(withArgs(task, session.args), session.vars.isEmpty() ? null : vars.with(session.vars));
        }
        return outcome;
    }

    private boolean needed(RunState run, PlayScope scope, Task task, HostState host, TaskOutcome o) {
        boolean failed = o.status() == HostStatus.FAILED && !o.ignored();
        boolean unreachable = o.status() == HostStatus.UNREACHABLE;
        boolean needed = (enabled || scope.setup.isDebug()) && (failed || unreachable);
        String mode = mode(run, scope, task, host);
        if (mode == null) {
            return needed;
        }
        return switch (mode) {
            case "always" -> true;
            case "never" -> false;
            case "on_failed" -> needed || failed;
            case "on_unreachable" -> needed || unreachable;
            case "on_skipped" -> needed || o.status() == HostStatus.SKIPPED;
            default -> needed;
        };
    }

    /** The task's debugger keyword, a template rendered with the host's variables (one that fails counts as unset). */
    private static String mode(RunState run, PlayScope scope, Task task, HostState host) {
        Object written = task.keywords().debugger();
        if (written == null || !String.valueOf(written).contains("{{")) {
            return written == null ? null : String.valueOf(written);
        }
        try {
            Object v = run.templar.render(String.valueOf(written), scope.vars(host, task), task.position());
            return v == null ? null : String.valueOf(v);
        } catch (UserError e) {
            return null;
        }
    }

    /** {@code u}: the task's written arguments rendered with the variables (a template that fails stays as written). */
    private static Map<String, Object> rendered(RunState run, Task task, VarScope vars) {
        Map<String, Object> out = new LinkedHashMap<>();
        task.args().forEach((k, v) -> {
            try {
                out.put(k, run.templar.render(v, vars, task.position()));
            } catch (UserError e) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Task withArgs(Task t, Map<String, Object> args) {
        return new Task(t.name(), t.action(), Map.copyOf(args), t.argPositions(), t.position(), t.keywords(), t.register(),
                t.loop(), t.loopPosition(), t.loopControl(), t.until(), t.retries(), t.delay(), t.failedWhen(),
                t.changedWhen(), t.listen(), t.baseDir(), t.role(), t.async(), t.writtenAction(), t.module(), t.collections());
    }

    /** One host at a time: the other hosts' results wait for their prompt until this one's is answered. */
    private DebuggerSession.Next prompt(RunState run, DebuggerSession session) {
        synchronized (TaskDebugger.class) {
            while (true) {
                String read = read(session.prompt());
                StringBuilder out = new StringBuilder();
                DebuggerSession.Next next = read == null ? session.run("EOF", out) : session.run(read, out);
                // where the run's output goes, the run's secrets (vault values, secret arguments) masked as there
                run.listeners.terminal(out.toString());
                if (next == DebuggerSession.Next.QUIT) {
                    quit = true;
                    run.stopPlaybook = true;
                    run.interrupted.set(true);
                }
                if (next != null) {
                    return next;
                }
            }
        }
    }

    /** A line, or null when the input ended. */
    private String read(String prompt) {
        try {
            return input.read(prompt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
