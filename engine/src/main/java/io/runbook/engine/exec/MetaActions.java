package io.runbook.engine.exec;

import io.runbook.engine.playbook.Expr;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.report.HostResult;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.vars.VarScope;
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
        String written = String.valueOf(raw);
        String what = written.contains("{{") ? run.templar.renderString(written, scope.vars(active.get(0), t), t.position())
                : written;
        if (PER_HOST.contains(what) && !scope.setup.isFree()) {
            perHost(t, what, active);
            return;
        }
        if (scope.announce(t)) {
            run.listeners.taskStart(t.displayName(), t.action(), t.position().toString(), handler,
                    t.keywords().checkModeShown(run.options.check()), t.timedAs());
        }
        ignoredWhen(t, what);
        resetNotImplemented(t, what, active);
        active.forEach(h -> run.listeners.hostTaskStart(h.name, run.ids.next(h, t.position())));
        List<HostState> first = active.subList(0, 1);
        switch (what) {
            case "flush_handlers" -> handlers.flush(done(t, what, active));
            case "end_play" -> {
                // like Ansible, end_play is decided on the first host and ends the play for every batch
                if (!done(t, what, first).isEmpty()) {
                    scope.batch.forEach(h -> h.ended = true);
                    scope.playEnded = true;
                }
            }
            case "end_batch" -> {
                if (!done(t, what, first).isEmpty()) {
                    scope.batch.forEach(h -> h.ended = true);
                }
            }
            case "end_host" -> done(t, what, active).forEach(h -> h.ended = true);
            case "clear_host_errors" -> clearHostErrors(t, active);
            case "refresh_inventory" -> {
                run.refreshInventory();
                // as Ansible's: a host the sources no longer name leaves the play (its later tasks do not run)
                scope.batch.stream().filter(h -> run.inventory.host(h.name).isEmpty()).forEach(h -> h.ended = true);
                meta("inventory successfully refreshed");
            }
            case "clear_facts" -> {
                // as Ansible's: decided on the first host, the facts of every host of the play cleared
                if (!done(t, what, first).isEmpty()) {
                    scope.playHosts.stream().map(run::host).forEach(h -> {
                        h.gathered.clear();
                        h.factsGathered = false;
                    });
                }
            }
            // nothing to do (connections are opened per task), and no condition evaluated, as in Ansible
            case "noop", "reset_connection" -> active.forEach(h -> meta(message(what, h)));
            default -> done(t, what, active);
        }
    }

    /**
     * A meta Ansible's linear strategy runs once per host: each host's banner, then what it did on that host (its
     * {@code META:} line from -vv, or its skipped line); the handlers of a flush_handlers then run for all of them.
     */
    private void perHost(Task t, String what, List<HostState> active) {
        List<HostState> chosen = new java.util.ArrayList<>();
        for (int i = 0; i < active.size(); i++) {
            HostState h = active.get(i);
            run.listeners.taskStart(t.displayName(), t.action(), t.position().toString(), handler,
                    t.keywords().checkModeShown(run.options.check()), t.timedAs());
            if (i == 0) {
                ignoredWhen(t, what);  // as Ansible's: after the first host's banner
            }
            resetNotImplemented(t, what, List.of(h));
            run.listeners.hostTaskStart(h.name, run.ids.next(h, t.position()));
            List<HostState> mine = NO_WHEN.contains(what) ? List.of(h) : chosen(t, what, List.of(h));
            mine.forEach(m -> meta(message(what, m)));
            if (what.equals("end_host")) {
                mine.forEach(m -> m.ended = true);
            }
            chosen.addAll(mine);
        }
        if (what.equals("flush_handlers")) {
            handlers.flush(chosen);
        }
    }

    /** The hosts whose conditions hold, each with its {@code META:} line; the others are reported as skipped. */
    private List<HostState> done(Task t, String what, List<HostState> hosts) {
        List<HostState> chosen = chosen(t, what, hosts);
        if (List.of("flush_handlers", "end_host").contains(what)) {
            chosen.forEach(h -> meta(message(what, h)));
        } else if (!chosen.isEmpty()) {
            meta(message(what, chosen.get(0)));
        }
        return chosen;
    }

    /** What Ansible 2.14's strategy says a meta did (its {@code msg}), shown from -vv as {@code META: ...}. */
    private static String message(String what, HostState h) {
        return switch (what) {
            case "flush_handlers" -> "triggered running handlers for " + h.name;
            case "end_host" -> "ending play for " + h.name;
            case "end_play" -> "ending play";
            case "end_batch" -> "ending batch";
            case "clear_host_errors" -> "cleared host errors";
            case "clear_facts" -> "facts cleared";
            case "refresh_inventory" -> "inventory successfully refreshed";
            case "reset_connection" -> "reset connection";
            default -> what;
        };
    }

    /** Why a meta whose condition is false did nothing, in Ansible 2.14's words (its {@code skip_reason}). */
    private static String skipReason(String what, HostState h) {
        String reason = what + " conditional evaluated to False";
        return reason + switch (what) {
            case "flush_handlers" -> ", not running handlers for " + h.name;
            case "clear_facts" -> ", not clearing facts and fact cache for " + h.name;
            case "clear_host_errors" -> ", not clearing host error state for " + h.name;
            case "end_batch" -> ", continuing current batch";
            case "end_play" -> ", continuing play";
            case "end_host" -> ", continuing execution for " + h.name;
            default -> "";
        };
    }

    private void meta(String message) {
        run.listeners.verbose(2, null, "META: " + message);
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
            if (io.runbook.engine.module.ConnectionType.isLocal(connection)) {
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
        if (done(t, "clear_host_errors", active.subList(0, 1)).isEmpty()) {
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

    /**
     * The hosts whose conditions hold; each of the others gets its {@code META:} line and is reported as skipped with
     * Ansible's result (meta results do not count in the recap).
     */
    List<HostState> chosen(Task t, String what, List<HostState> active) {
        List<HostState> chosen = active.stream().filter(h -> when(t, h)).toList();
        for (HostState h : active) {
            if (!chosen.contains(h)) {
                String reason = skipReason(what, h);
                meta(reason);
                Map<String, Object> result = new java.util.LinkedHashMap<>();
                result.put("msg", what.equals("end_host") ? "end_host conditional evaluated to false, continuing execution for "
                        + h.name : what);
                result.put("skipped", true);
                result.put("skip_reason", reason);
                run.listeners.hostResult(new HostResult(h.name, null, t.displayName(), t.action(), HostStatus.SKIPPED, null,
                        false, false, false, result, List.of(), List.of()));
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
