package io.runbook.engine.exec;

import io.runbook.engine.playbook.Block;
import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Role;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.vars.Templar;
import java.util.List;
import java.util.Map;

/**
 * Walks a task list for a set of hosts: tasks in lockstep, blocks with rescue and always, roles (run once per host
 * unless they allow duplicates), dynamic includes and the {@code meta} actions. Hosts that fail leave the list; a
 * block's rescue takes them back.
 */
final class SectionRunner {
    /** How deep include_tasks may nest on a host: a file that includes itself is stopped here, not by the stack. */
    static final int MAX_INCLUDE_DEPTH = 50;
    private final RunState run;
    private final PlayScope scope;
    private final TaskDispatch dispatch;
    private final TagFilter tags;
    private final HandlerRunner handlers;
    private final MetaActions meta;
    private final IncludeRunner includes;

    /** {@code handlerMode}: the tasks run are handlers (or included by one): banners say RUNNING HANDLER. */
    private final boolean handlerMode;

    SectionRunner(RunState run, PlayScope scope, TagFilter tags, HandlerRunner handlers) {
        this(run, scope, tags, handlers, false);
    }

    SectionRunner(RunState run, PlayScope scope, TagFilter tags, HandlerRunner handlers, boolean handlerMode) {
        this.run = run;
        this.scope = scope;
        this.dispatch = new TaskDispatch(run, scope);
        this.tags = tags;
        this.handlers = handlers;
        this.handlerMode = handlerMode;
        this.meta = new MetaActions(run, scope, handlers, handlerMode);
        this.includes = new IncludeRunner(run, scope, tags, this, handlerMode);
    }

    boolean isFree() {
        return scope.setup.isFree();
    }

    void run(List<TaskNode> nodes, List<HostState> hosts, boolean rescuable) {
        run(nodes, hosts, rescuable, false);
    }

    /**
     * {@code rescuable}: a failure here is caught by an enclosing rescue (and counts as rescued); {@code guarded}:
     * an enclosing block has a rescue or an always, which any_errors_fatal waits for, as in Ansible.
     */
    void run(List<TaskNode> nodes, List<HostState> hosts, boolean rescuable, boolean guarded) {
        for (TaskNode node : nodes) {
            if (run.interrupted.get() || run.stopPlaybook) {
                return;
            }
            List<HostState> active = hosts.stream().filter(this::takes).toList();
            if (active.isEmpty()) {
                return;
            }
            if (!run.startReached && !(node instanceof Block) && !startsAt(node)) {
                continue;
            }
            if (node instanceof Task t) {
                task(t, active, rescuable, guarded);
            } else if (node instanceof Block b && b.roleBody() != null) {
                role(b, active, rescuable, guarded);
            } else if (node instanceof Block b) {
                block(b, active, rescuable, guarded);
            } else if (node instanceof Include inc) {
                includes.run(inc, active, rescuable, guarded);
            }
        }
    }

    /** Whether {@code h} takes the next task: an active host; running handlers, also one force_handlers keeps in. */
    boolean takes(HostState h) {
        return handlerMode ? handlers.takes(h) : h.active();
    }

    /** Before the --start-at-task task: whether this task or include is it (then the run starts here). */
    private boolean startsAt(TaskNode node) {
        if (StartAt.selected(node, tags) && StartAt.names(node, run.options.startAtTask())) {
            run.startReached = true;
        }
        return run.startReached;
    }

    private void task(Task t, List<HostState> active, boolean rescuable, boolean guarded) {
        if (!tags.runs(t.keywords().tags())) {
            return;
        }
        if (t.action().equals("meta")) {
            try {
                meta.run(t, active);
            } catch (io.runbook.engine.error.UserError e) {
                // e.g. an inventory source refresh_inventory cannot read: the task fails, the run goes on to its recap
                dispatch.fail(t, active, e.format(), rescuable);
            }
            return;
        }
        dispatch.run(t, active, rescuable || guarded, rescuable, handlerMode);
    }

    /** A role's body: hosts that completed the role already skip it (unless it allows duplicates). */
    private void role(Block b, List<HostState> entered, boolean rescuable, boolean guarded) {
        Role role = b.roleBody().role();
        List<HostState> hosts = role.allowDuplicates() ? entered
                : entered.stream().filter(h -> !h.rolesCompleted.contains(role)).toList();
        if (hosts.isEmpty()) {
            return;
        }
        block(b, hosts, rescuable, guarded);
        // as Ansible's implicit role_complete: a role completes where one of its tasks ran (not only skipped)
        hosts.stream().filter(HostState::active).filter(h -> h.rolesRun.contains(role)).forEach(h -> h.rolesCompleted.add(role));
    }

    void block(Block b, List<HostState> entered, boolean rescuable, boolean guarded) {
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
            stillFailed.forEach(h -> {
                h.failed = false;
                h.errorsCleared = false;
            });
            run(b.always(), always, rescuable, guarded);
            // a clear_host_errors in the always section lets the host go on with the play, as in Ansible
            stillFailed.forEach(h -> h.failed = !h.errorsCleared);
        }
    }
}
