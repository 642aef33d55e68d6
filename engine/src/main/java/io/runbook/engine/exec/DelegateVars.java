package io.runbook.engine.exec;

import io.runbook.engine.report.HostResult;
import io.runbook.engine.vars.VarScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A delegated task reaches the delegate as the delegate's own inventory entry says: its connection variables
 * ({@code ansible_*} and the run's connection variables such as {@code kubeconfig}) replace the original host's,
 * which are hidden (a remote host's {@code ansible_host} must never lead to the delegate), and a delegate
 * without {@code ansible_host} is reached by its name, as in Ansible. Those are the connection's variables
 * ({@link VarScope#connection()}); the task's templates see the host's, with the delegate's connection variables only
 * where the host has none (Ansible's connection update_vars): {@code {{ ansible_host }}} is the host's own
 * {@code ansible_host} when its variables set one, else the delegate's address.
 */
final class DelegateVars {
    private DelegateVars() {
    }

    /**
     * The task's variables for reaching {@code delegate} (null: the host itself, {@code vars} unchanged); the task's
     * connection keywords ({@code keywords}: {@code become: true} as {@code ansible_become}) apply to the delegate
     * where its own variables do not say otherwise, as in Ansible. An inventory delegate's connection variables are
     * those of its variables in the task's context ({@link PlayScope#delegateVars}, Ansible's
     * {@code ansible_delegated_vars}): a play's {@code ansible_user} applies to it, its own inventory's are below the
     * play's. Its {@code ansible_python_interpreter} is not the task's (discovery reads the delegate's,
     * {@link PythonDiscovery}): the task's templates see the host's, as Ansible's.
     */
    static VarScope of(PlayScope scope, HostState host, io.runbook.engine.playbook.TaskNode task, VarScope vars, String delegate,
                       Map<String, Object> keywords) {
        if (delegate == null) {
            return vars;
        }
        RunState run = scope.run;
        vars = vars.plain();
        Map<String, Object> connection = new LinkedHashMap<>();
        for (String k : vars.names()) {
            if (isConnectionVar(run, k)) {
                connection.put(k, null);
            }
        }
        connection.putAll(ConnectionKeywords.resolved(keywords, run.templar, vars));
        // a delegate the inventory lacks has the variables of a host of its own, the all group's under the play's, ...
        HostState theirs = theirs(run, delegate);
        VarScope their = scope.delegateVars(host, theirs, task);
        // the delegate's own: its variables', not the task's keywords' (rendered with the host's variables, as Ansible's
        // post_validate of the task), nor the command line's
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        java.util.stream.Stream.of(run.inventory.varsOfAny(delegate).keySet(), theirs.includedVars.keySet(), theirs.facts.keySet())
                .flatMap(java.util.Set::stream).filter(k -> k.startsWith("ansible_")).forEach(names::add);
        scope.variableNames(their).stream().filter(k -> isConnectionVar(run, k)).forEach(names::add);
        names.remove("ansible_python_interpreter");
        names.remove("ansible_facts");
        // rendered with the delegate's variables when the connection reads them (DelegateConnection); the task's
        // templates see them as written, rendered with the host's (Ansible's update_vars of the play context's)
        Map<String, Object> written = new LinkedHashMap<>();
        names.stream().filter(their::containsKey).forEach(k -> written.put(k, their.raw(k)));
        if (!given(written.get("ansible_user")) && !given(written.get("ansible_ssh_user")) && their.containsKey("ansible_user")) {
            // but a delegate without a user of its own takes the task's remote_user (-u's) as written, rendered with
            // its variables: Ansible's PlayContext sets the delegated vars' ansible_user to the task's template
            written.put("ansible_user", their.raw("ansible_user"));
        }
        written.forEach(connection::remove);
        if (written.get("ansible_host") == null && connection.get("ansible_host") == null) {
            written.remove("ansible_host");
            connection.put("ansible_host", delegate);
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        java.util.stream.Stream.of(connection, written).forEach(m -> m.forEach((k, v) -> {
            if (v != null && SHOWN.contains(k)) {
                shown.put(k, v);
            }
        }));
        Map<String, Object> delegatedVars = Map.of("ansible_delegated_vars", Map.of(delegate, (Map<String, Object>) their));
        connection.putAll(delegatedVars);
        return vars.delegated(List.of(shown), delegatedVars, new DelegateConnection(connection, written.keySet(), their));
    }

    /**
     * The connection variables a delegated task's templates take from the delegate where the task's host has none
     * (Ansible's update_vars of its connection: {@code ansible_host} the delegate's address, ...), never a password.
     */
    private static final Set<String> SHOWN = Set.of("ansible_connection", "ansible_host", "ansible_user",
            "ansible_shell_executable", "ansible_port", "ansible_pipelining", "ansible_timeout", "ansible_shell_type",
            "ansible_module_compression", "ansible_private_key_file");

    /**
     * A delegated result with its delegate's address to show: its {@code ansible_host} as its variables in the task's
     * context write it, a template as written (Ansible's callbacks show the result's {@code _ansible_delegated_vars}
     * unrendered: {@code h1 -> d1({{ addr }})}); a result that is not delegated as it is.
     */
    static HostResult addressed(PlayScope scope, HostState host, io.runbook.engine.playbook.TaskNode task, HostResult r) {
        if (r.delegate() == null) {
            return r;
        }
        VarScope their = scope.delegateVars(host, theirs(scope.run, r.delegate()), task);
        Object address = scope.variableNames(their).contains("ansible_host") ? their.raw("ansible_host") : null;
        return r.withDelegateAddress(address instanceof CharSequence s ? s.toString() : address == null ? null : String.valueOf(address));
    }

    /** The delegate's state: an inventory host's, or one of its own for a delegate the inventory lacks. */
    private static HostState theirs(RunState run, String delegate) {
        return run.inventory.host(delegate).isPresent() ? run.host(delegate) : new HostState(delegate, -1);
    }

    /** Whether a delegate's user variable counts (Ansible's test of its value's truth). */
    private static boolean given(Object value) {
        return value != null && !(value instanceof CharSequence c && c.isEmpty()) && !Boolean.FALSE.equals(value);
    }

    private static boolean isConnectionVar(RunState run, String name) {
        return run.options.connectionVars().contains(name) || name.equals("ansible_connection") || name.equals("ansible_host")
                || name.equals("ansible_port") || name.equals("ansible_user") || name.equals("ansible_password")
                || name.startsWith("ansible_ssh_") || name.equals("ansible_private_key_file") || name.startsWith("ansible_become");
    }
}
