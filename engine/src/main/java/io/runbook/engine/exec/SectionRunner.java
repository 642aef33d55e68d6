package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Block;
import io.runbook.engine.playbook.Expr;
import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Keywords;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.report.HostResult;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.vars.Templar;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a task list for a set of hosts: tasks in lockstep, blocks with rescue and always, dynamic includes,
 * and the {@code meta} actions. Hosts that fail leave the list; a block's rescue takes them back.
 */
final class SectionRunner {
    /** How deep include_tasks may nest on a host: a file that includes itself is stopped here, not by the stack. */
    static final int MAX_INCLUDE_DEPTH = 50;
    private final RunState run;
    private final PlayScope scope;
    private final TaskDispatch dispatch;
    private final TagFilter tags;
    private final HandlerRunner handlers;

    SectionRunner(RunState run, PlayScope scope, TagFilter tags, HandlerRunner handlers) {
        this.run = run;
        this.scope = scope;
        this.dispatch = new TaskDispatch(run, scope);
        this.tags = tags;
        this.handlers = handlers;
    }

    void run(List<TaskNode> nodes, List<HostState> hosts, boolean rescuable) {
        run(nodes, hosts, rescuable, false);
    }

    /**
     * {@code rescuable}: a failure here is caught by an enclosing rescue (and counts as rescued); {@code guarded}:
     * an enclosing block has a rescue or an always, which any_errors_fatal waits for, as in Ansible.
     */
    void run(List<TaskNode> nodes, List<HostState> hosts, boolean rescuable, boolean guarded) {
        for (int i = 0; i < nodes.size(); i++) {
            if (run.interrupted.get() || run.stopPlaybook) {
                return;
            }
            List<HostState> active = hosts.stream().filter(HostState::active).toList();
            if (active.isEmpty()) {
                return;
            }
            TaskNode node = nodes.get(i);
            if (node instanceof Task t) {
                task(t, active, rescuable, guarded);
            } else if (node instanceof Block b) {
                block(b, active, rescuable, guarded);
            } else if (node instanceof Include inc) {
                include(inc, active, rescuable, guarded);
            }
        }
    }

    private void task(Task t, List<HostState> active, boolean rescuable, boolean guarded) {
        if (!run.startReached) {
            if (!matches(t.displayName(), run.options.startAtTask())) {
                return;
            }
            run.startReached = true;
        }
        if (!tags.runs(t.keywords().tags())) {
            return;
        }
        if (t.action().equals("meta")) {
            meta(t, active);
            return;
        }
        dispatch.run(t, active, rescuable || guarded, rescuable, false);
    }

    private void meta(Task t, List<HostState> active) {
        String what = String.valueOf(t.args().getOrDefault("_raw_params", t.args().get("action")));
        if (scope.announce(t)) {
            run.listeners.taskStart(t.displayName(), t.action(), t.position().toString(), false);
        }
        active.forEach(h -> run.listeners.hostTaskStart(h.name, run.ids.next(h, t.position())));
        switch (what) {
            case "flush_handlers" -> handlers.flush(chosen(t, active));
            case "end_play" -> {
                // like Ansible, end_play is decided on the first host and ends the play for every batch
                if (when(t.keywords().when(), active.get(0), t)) {
                    scope.batch.forEach(h -> h.ended = true);
                    scope.playEnded = true;
                }
            }
            case "end_host" -> chosen(t, active).forEach(h -> h.ended = true);
            case "clear_host_errors" -> scope.batch.forEach(h -> h.failed = false);
            default -> {
                // noop
            }
        }
    }

    /** The hosts whose conditions hold; the others are reported as skipped (meta results do not count in the recap). */
    private List<HostState> chosen(Task t, List<HostState> active) {
        List<HostState> chosen = active.stream().filter(h -> when(t.keywords().when(), h, t)).toList();
        for (HostState h : active) {
            if (!chosen.contains(h)) {
                run.listeners.hostResult(new HostResult(h.name, null, t.displayName(), t.action(), HostStatus.SKIPPED, null,
                        false, false, false, Map.of("changed", false, "skipped", true,
                        "skip_reason", "Conditional result was False"), List.of(), List.of()));
            }
        }
        return chosen;
    }

    private boolean when(List<Expr> conditions, HostState host, Task t) {
        VarScope vars = scope.vars(host, t);
        return conditions.stream().allMatch(e -> run.conditions.test(e.text(), vars, e.position()));
    }

    private void block(Block b, List<HostState> entered, boolean rescuable, boolean guarded) {
        boolean hasRescue = !b.rescue().isEmpty();
        run(b.block(), entered, rescuable || hasRescue, guarded || hasRescue || !b.always().isEmpty());
        List<HostState> failed = entered.stream().filter(h -> h.failed && !h.unreachable && !h.ended).toList();
        if (hasRescue && !failed.isEmpty()) {
            for (HostState h : failed) {
                h.failed = false;
                String[] task = h.lastFailedTask == null ? new String[] {"", ""} : h.lastFailedTask.split("\u0000", 2);
                h.facts.put("ansible_failed_task", Map.of("name", task[0], "action", task.length > 1 ? task[1] : ""));
                h.facts.put("ansible_failed_result", Templar.unsafe(h.lastFailure));
            }
            run(b.rescue(), failed, rescuable, guarded || !b.always().isEmpty());
        }
        if (!b.always().isEmpty()) {
            List<HostState> always = entered.stream().filter(h -> !h.unreachable && !h.ended).toList();
            List<HostState> stillFailed = always.stream().filter(h -> h.failed).toList();
            stillFailed.forEach(h -> h.failed = false);
            run(b.always(), always, rescuable, guarded);
            stillFailed.forEach(h -> h.failed = true);
        }
    }

    private void include(Include inc, List<HostState> active, boolean rescuable, boolean guarded) {
        if (!tags.runs(inc.keywords().tags())) {
            return;
        }
        run.listeners.taskStart(displayName(inc), "include_tasks", inc.position().toString(), false);
        Map<String, List<HostState>> byInstance = new LinkedHashMap<>();
        Map<String, Map<HostState, Map<String, Object>>> params = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        Map<HostState, String> ids = new LinkedHashMap<>();
        for (HostState h : active) {
            ids.put(h, run.ids.next(h, inc.position()));
            run.listeners.hostTaskStart(h.name, ids.get(h));
            try {
                expand(inc, h, byInstance, params, files);
            } catch (UserError e) {
                failInclude(inc, h, e.format(), rescuable);
            }
        }
        // as Ansible does: every 'included:' line under the include's banner (each counts as ok), then the tasks
        for (Map.Entry<String, List<HostState>> instance : byInstance.entrySet()) {
            List<HostState> hosts = instance.getValue();
            run.listeners.included(files.get(instance.getKey()).toString(), hosts.stream().map(h -> h.name).toList(),
                    itemLabel(inc, params.get(instance.getKey()).get(hosts.get(0))));
            hosts.forEach(h -> run.stats(h.name).count(HostStatus.OK, false, false));
        }
        Keywords inherited = inc.keywords().forInclude();
        for (Map.Entry<String, List<HostState>> instance : byInstance.entrySet()) {
            List<HostState> hosts = instance.getValue().stream().filter(HostState::active).toList();
            Map<HostState, Map<String, Object>> p = params.get(instance.getKey());
            List<TaskNode> tasks;
            try {
                tasks = run.taskParser.parseFile(files.get(instance.getKey()), inherited);
            } catch (UserError e) {
                hosts.forEach(h -> failInclude(inc, h, e.format(), rescuable));
                continue;
            }
            String index = instance.getKey().substring(0, instance.getKey().indexOf('\u0000'));
            hosts.forEach(h -> {
                h.includeParams.push(p.get(h));
                h.includePath.push(ids.get(h) + "[" + index + "]");
            });
            try {
                run(tasks, hosts, rescuable, guarded);
            } finally {
                hosts.forEach(h -> {
                    h.includeParams.pop();
                    h.includePath.pop();
                });
            }
        }
    }

    private static String displayName(Include inc) {
        return inc.name() != null ? inc.name() : "include_tasks";
    }

    private void expand(Include inc, HostState h, Map<String, List<HostState>> byInstance,
                        Map<String, Map<HostState, Map<String, Object>>> params, Map<String, Path> files) {
        VarScope vars = scope.vars(h, inc.keywords().vars());
        for (Expr w : inc.keywords().when()) {
            if (!run.conditions.test(w.text(), vars, w.position())) {
                run.listeners.hostResult(new HostResult(h.name, null, displayName(inc), "include_tasks", HostStatus.SKIPPED,
                        null, false, false, false, Map.of("changed", false, "skipped", true), List.of(), List.of()));
                run.stats(h.name).count(HostStatus.SKIPPED, false, false);
                return;
            }
        }
        List<Object> items;
        if (inc.loop() == null) {
            items = java.util.Collections.singletonList(null);
        } else if (run.templar.render(inc.loop(), vars, inc.loopPosition()) instanceof List<?> l) {
            items = new ArrayList<>(l);
        } else {
            throw new UserError(inc.loopPosition(), io.runbook.engine.playbook.KeywordValues.loopError(
                    run.templar.render(inc.loop(), vars, inc.loopPosition())));
        }
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            if (inc.loop() != null) {
                p.put(inc.loopControl().loopVar(), items.get(i));
                p.put("ansible_loop_var", inc.loopControl().loopVar());
                if (inc.loopControl().indexVar() != null) {
                    p.put(inc.loopControl().indexVar(), i);
                }
            }
            VarScope itemVars = vars.with(p);
            Path file = inc.baseDir().resolve(run.templar.renderString(inc.file(), itemVars, inc.position())).normalize();
            if (h.includeParams.size() >= MAX_INCLUDE_DEPTH) {
                throw new UserError(inc.position(), "include_tasks of " + file + " is nested " + MAX_INCLUDE_DEPTH
                        + " includes deep: a task file that includes itself with nothing to end it?",
                        "add a 'when' that ends the repetition");
            }
            String key = i + "\u0000" + file;
            byInstance.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
            params.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(h, p);
            files.put(key, file);
        }
    }

    private static String itemLabel(Include inc, Map<String, Object> params) {
        if (inc.loop() == null) {
            return null;
        }
        Object item = params.get(inc.loopControl().loopVar());
        return item instanceof Map || item instanceof List ? io.runbook.engine.report.Json.compact(item) : String.valueOf(item);
    }

    private void failInclude(Include inc, HostState h, String msg, boolean rescuable) {
        Map<String, Object> r = TaskExecutor.failure(msg);
        run.listeners.hostResult(new HostResult(h.name, null, displayName(inc), "include_tasks", HostStatus.FAILED, null,
                false, false, false, r, List.of(), List.of()));
        TaskOutcome o = new TaskOutcome(HostStatus.FAILED, r, inc.keywords().isIgnoreErrors());
        run.stats(h.name).count(o.status(), o.ignored(), rescuable && o.failed());
        if (o.failed()) {
            h.failed = true;
            h.lastFailure = r;
        }
    }

    static boolean matches(String name, String pattern) {
        if (name.equals(pattern)) {
            return true;
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(name));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
