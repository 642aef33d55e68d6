package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.ExplainedVar;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ConnectionTypes;
import io.runbook.engine.playbook.Block;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.vars.Templar;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses, before anything runs, a host or play whose connection ({@code ansible_connection}, or a play's
 * {@code connection:}) is not one this engine has: a task must never run somewhere the user did not mean,
 * such as {@code command} on the controller for a host that was meant to be reached over SSH.
 * Connection variables written so that they cannot work (a {@code kube_ssh_tunnel} that is no
 * {@code user@host:port}) are refused the same way, at their position.
 * Values that are templates, and hosts of plays whose pattern is a template, are checked by the modules when
 * they run (they refuse an unknown connection too).
 */
public final class ConnectionCheck {
    private static final String VAR = "ansible_connection";
    /** The privilege escalation methods the host connections have ({@code io.runbook.modules.connection.Become}). */
    public static final List<String> BECOME_METHODS = List.of("sudo", "su");

    private ConnectionCheck() {
    }

    public static void check(Playbook playbook, Inventory inventory, RunOptions options, ConnectionTypes types) {
        if (options.connection() != null) {
            require(types, options.connection(), SourcePosition.of("--connection"), "-c " + options.connection());
        }
        Set<String> limited = options.limit() == null ? null
                : new HashSet<>(inventory.select(options.limit(), SourcePosition.of("--limit")).names());
        for (Play play : playbook.plays()) {
            if (play.connection() != null) {
                require(types, play.connection(), play.connectionPosition(), "play '" + play.displayName() + "' has connection: " + play.connection());
            }
            for (List<TaskNode> section : List.of(play.preTasks(), play.tasks(), play.postTasks(), play.handlers())) {
                checkTasks(types, section);
            }
            String hosts = play.hostsText();
            if (hosts.contains("{{") || hosts.contains("{%")) {
                continue;
            }
            for (String host : inventory.select(hosts, play.hostsPosition()).names()) {
                if (limited == null || limited.contains(host)) {
                    checkHost(inventory, options, types, host);
                }
            }
        }
    }

    /** Tasks' own {@code connection:} and {@code become_method:} keywords, written as values (templates are the modules'). */
    private static void checkTasks(ConnectionTypes types, List<TaskNode> nodes) {
        for (TaskNode node : nodes) {
            if (node instanceof Block b) {
                checkTasks(types, b.block());
                checkTasks(types, b.rescue());
                checkTasks(types, b.always());
                continue;
            }
            String name = node instanceof io.runbook.engine.playbook.Task t ? t.displayName()
                    : node instanceof io.runbook.engine.playbook.Include i ? i.displayName() : node.name();
            Object connection = node.keywords().connection().get(VAR);
            require(types, connection, node.position(), "task '" + name + "' has connection: " + connection);
            Object method = node.keywords().connection().get("ansible_become_method");
            if (method != null && !(method instanceof io.runbook.engine.playbook.TemplatedKeyword) && !Templar.isTemplate(method)
                    && !BECOME_METHODS.contains(String.valueOf(method))) {
                throw new UserError(node.position(), "task '" + name + "' has become_method: " + method
                        + ", a become method this engine does not have, so nothing was run",
                        "become methods: " + String.join(", ", BECOME_METHODS));
            }
        }
    }

    private static void checkHost(Inventory inventory, RunOptions options, ConnectionTypes types, String host) {
        for (java.util.Map.Entry<String, Object> e : options.extraVars().entrySet()) {
            written(types, e.getKey(), e.getValue(), SourcePosition.of("extra vars"), null);
        }
        if (options.extraVars().containsKey(VAR)) {
            // a value, not a mistake in how the option was written: an input error (3), not bad usage (5)
            require(types, options.extraVars().get(VAR), SourcePosition.of("extra vars"), "-e " + VAR + "=" + options.extraVars().get(VAR));
        }
        for (ExplainedVar v : inventory.explain(host)) {
            if (options.extraVars().containsKey(v.name())) {
                continue; // -e wins over the inventory, and was checked above
            }
            if (v.name().equals(VAR)) {
                require(types, v.value(), v.origin().position(), "host '" + host + "' has " + VAR + ": " + v.value());
            }
            written(types, v.name(), v.value(), v.origin().position(), host);
        }
    }

    /** A connection variable written so that it cannot work (see {@link io.runbook.engine.module.ConnectionType#problem}). */
    private static void written(ConnectionTypes types, String name, Object value, SourcePosition where, String host) {
        if (value == null || Templar.isTemplate(value)) {
            return;
        }
        String problem = types.problem(name, value);
        if (problem != null) {
            String what = host == null ? "-e " + name + "=" + value : "host '" + host + "' has " + name + ": " + value;
            throw new UserError(where, what + ", so nothing was run: " + problem);
        }
    }

    private static void require(ConnectionTypes types, Object value, SourcePosition where, String what) {
        if (value == null || value instanceof io.runbook.engine.playbook.TemplatedKeyword || Templar.isTemplate(value)
                || types.supports(String.valueOf(value))) {
            return;
        }
        throw new UserError(where, what + ", a connection this engine does not have, so nothing was run",
                "connections: " + String.join(", ", types.names()));
    }
}
