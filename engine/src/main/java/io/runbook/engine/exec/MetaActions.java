package io.runbook.engine.exec;

import io.runbook.engine.playbook.Expr;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.report.HostResult;
import io.runbook.engine.report.HostStatus;
import java.util.List;
import java.util.Map;

/**
 * The {@code meta} actions: flush_handlers, end_play, end_batch, end_host, clear_host_errors, clear_facts, noop,
 * reset_connection (nothing to do: connections are opened per task; on a local connection Ansible's warning that
 * its reset is not implemented) and refresh_inventory (the inventory read again,
 * keeping what add_host and group_by did). Their results do not count in the recap, as in Ansible.
 */
final class MetaActions {
    private final RunState run;
    private final PlayScope scope;
    /** Metas Ansible 2.14 runs once per host under linear (its banner shows once per host); the others run once. */
    private static final java.util.Set<String> PER_HOST = java.util.Set.of("noop", "reset_connection", "end_host",
            "flush_handlers");
    /** Metas whose {@code when} Ansible 2.14 ignores, with a warning: they run on every host whatever it says. */
    private static final java.util.Set<String> NO_WHEN = java.util.Set.of("noop", "refresh_inventory", "reset_connection");
    private final HandlerRunner handlers;
    private final boolean handler;

    MetaActions(RunState run, PlayScope scope, HandlerRunner handlers, boolean handler) {
        this.run = run;
        this.scope = scope;
        this.handlers = handlers;
        this.handler = handler;
    }

    void run(Task t, List<HostState> active) {
        Object raw = t.args().getOrDefault("_raw_params", t.args().get("action"));
        String what = String.valueOf(raw);
        if (what.contains("{{")) {
            what = run.templar.renderString(what, scope.vars(active.get(0), t), t.position());
        }
        if (what.equals("end_host") && !scope.setup.isFree()) {
            // as Ansible's linear strategy runs it: each host's banner, then that host's result under it
            for (HostState h : active) {
                run.listeners.taskStart(t.displayName(), t.action(), t.position().toString(), handler);
                run.listeners.hostTaskStart(h.name, run.ids.next(h, t.position()));
                chosen(t, List.of(h)).forEach(chosen -> chosen.ended = true);
            }
            return;
        }
        if (scope.announce(t)) {
            int banners = PER_HOST.contains(what) && !scope.setup.isFree() ? active.size() : 1;
            for (int i = 0; i < banners; i++) {
                run.listeners.taskStart(t.displayName(), t.action(), t.position().toString(), handler);
                if (i == 0) {
                    ignoredWhen(t, what);  // as Ansible's: after the first host's banner
                }
                resetNotImplemented(t, what, banners == 1 ? active : active.subList(i, i + 1));
            }
        } else {
            ignoredWhen(t, what);
            resetNotImplemented(t, what, active);
        }
        active.forEach(h -> run.listeners.hostTaskStart(h.name, run.ids.next(h, t.position())));
        switch (what) {
            case "flush_handlers" -> handlers.flush(chosen(t, active));
            case "end_play" -> {
                // like Ansible, end_play is decided on the first host and ends the play for every batch
                if (!chosen(t, active.subList(0, 1)).isEmpty()) {
                    scope.batch.forEach(h -> h.ended = true);
                    scope.playEnded = true;
                }
            }
            case "end_batch" -> {
                if (!chosen(t, active.subList(0, 1)).isEmpty()) {
                    scope.batch.forEach(h -> h.ended = true);
                }
            }
            case "end_host" -> chosen(t, active).forEach(h -> h.ended = true);
            case "clear_host_errors" -> clearHostErrors(t, active);
            case "refresh_inventory" -> {
                run.refreshInventory();
                // as Ansible's: a host the sources no longer name leaves the play (its later tasks do not run)
                scope.batch.stream().filter(h -> run.inventory.host(h.name).isEmpty()).forEach(h -> h.ended = true);
            }
            case "clear_facts" -> chosen(t, active).forEach(h -> {
                h.gathered.clear();
                h.factsGathered = false;
            });
            case "noop", "reset_connection" -> {
                // nothing to do (connections are opened per task), and no condition evaluated, as in Ansible
            }
            default -> chosen(t, active);
        }
    }

    /**
     * As Ansible 2.14's {@code reset_connection} on a host whose connection has no reset (its local connection): the
     * base class's warning, once per run (Ansible's display shows a warning once).
     */
    private void resetNotImplemented(Task t, String what, List<HostState> hosts) {
        if (!what.equals("reset_connection")) {
            return;
        }
        for (HostState h : hosts) {
            Object connection = scope.vars(h, t).get("ansible_connection");
            if (connection != null && List.of("local", "ansible.builtin.local").contains(String.valueOf(connection))) {
                run.listeners.warning("Reset is not implemented for this connection");
                return;
            }
        }
    }

    private void ignoredWhen(Task t, String what) {
        if (NO_WHEN.contains(what) && !t.keywords().when().isEmpty()) {
            run.listeners.warning(what + " task does not support when conditional");
        }
    }

    /**
     * As Ansible 2.14 does: the failed hosts of the play no longer count as failed (for the exit code, and for the
     * next plays, where they run again); those that left this play do not come back into it, but a host that
     * failed in a block and runs its {@code always} section now goes on after it. The recap still counts the
     * failures.
     */
    private void clearHostErrors(Task t, List<HostState> active) {
        if (chosen(t, active.subList(0, 1)).isEmpty()) {
            return;
        }
        active.forEach(h -> h.errorsCleared = true);
        for (String name : scope.playHosts) {
            HostState h = run.host(name);
            h.failedForRun = false;
            if (h.failed || h.unreachable) {
                h.failed = false;
                h.unreachable = false;
                h.ended = true;
            }
        }
    }

    /** The hosts whose conditions hold; the others are reported as skipped (meta results do not count in the recap). */
    List<HostState> chosen(Task t, List<HostState> active) {
        List<HostState> chosen = active.stream().filter(h -> when(t, h)).toList();
        for (HostState h : active) {
            if (!chosen.contains(h)) {
                run.listeners.hostResult(new HostResult(h.name, null, t.displayName(), t.action(), HostStatus.SKIPPED, null,
                        false, false, false, Map.of("changed", false, "skipped", true,
                        "skip_reason", "Conditional result was False"), List.of(), List.of()));
            }
        }
        return chosen;
    }

    /** As Ansible's strategy evaluates a meta task's conditions: on the controller, so a warning shows once per run. */
    private boolean when(Task t, HostState host) {
        VarScope vars = scope.vars(host, t);
        TaskConditions conditions = TaskConditions.onController(run);
        for (Expr e : t.keywords().when()) {
            if (!conditions.test(e, vars)) {
                return false;
            }
        }
        return true;
    }
}
