package io.runbook.engine.exec;

import io.runbook.engine.report.HostResult;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.vars.VarScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A delegated task reaches the delegate as the delegate's own inventory entry says: its connection variables
 * ({@code ansible_*} and the run's connection variables such as {@code kubeconfig}) replace the original host's,
 * which are hidden (a remote host's {@code ansible_host} must never lead to the delegate), and a delegate
 * without {@code ansible_host} is reached by its name, as in Ansible.
 */
final class DelegateVars {
    private DelegateVars() {
    }

    /**
     * The task's variables for reaching {@code delegate} (null: the host itself, {@code vars} unchanged); the task's
     * connection keywords ({@code keywords}: {@code become: true} as {@code ansible_become}) apply to the delegate
     * where its own variables do not say otherwise, as in Ansible.
     */
    static VarScope of(RunState run, VarScope vars, String delegate, Map<String, Object> keywords) {
        if (delegate == null) {
            return vars;
        }
        Map<String, Object> connection = new LinkedHashMap<>();
        for (String k : vars.names()) {
            if (isConnectionVar(run, k)) {
                connection.put(k, null);
            }
        }
        connection.putAll(ConnectionKeywords.resolved(keywords, run.templar, vars));
        if (run.inventory.host(delegate).isPresent()) {
            run.inventory.hostVars(delegate).forEach((k, v) -> {
                if (k.startsWith("ansible_") || run.options.connectionVars().contains(k)) {
                    connection.put(k, v);
                }
            });
        }
        if (connection.get("ansible_host") == null) {
            connection.put("ansible_host", delegate);
        }
        connection.put("ansible_delegated_vars", Map.of(delegate, delegatedVars(vars, delegate)));
        return vars.with(connection);
    }

    /** A delegated result with its delegate's address to show (a result that is not delegated as it is). */
    static HostResult addressed(RunState run, HostResult r) {
        return r.delegate() == null ? r : r.withDelegateAddress(address(run, r.delegate()));
    }

    /** The delegate's {@code ansible_host} as its inventory entry writes it (null: none, or a template). */
    private static String address(RunState run, String delegate) {
        Object host = run.inventory.host(delegate).isPresent() ? run.inventory.hostVars(delegate).get("ansible_host") : null;
        return host instanceof CharSequence s && !Templar.isTemplate(s.toString()) ? s.toString() : null;
    }

    /**
     * Ansible's {@code ansible_delegated_vars[delegate]}: the delegate's variables (as {@code hostvars} has them;
     * none for a delegate the inventory lacks) with {@code inventory_hostname} the task's own host.
     */
    private static Map<String, Object> delegatedVars(VarScope vars, String delegate) {
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("inventory_hostname", vars.get("inventory_hostname"));
        if (vars.get("hostvars") instanceof Map<?, ?> hostvars && hostvars.get(delegate) instanceof VarScope theirs) {
            // the delegate's variables in hostvars have no hostvars (as Ansible's): its templates may still use them
            own.put("hostvars", hostvars);
            return theirs.with(own);
        }
        return own;
    }

    private static boolean isConnectionVar(RunState run, String name) {
        return run.options.connectionVars().contains(name) || name.equals("ansible_connection") || name.equals("ansible_host")
                || name.equals("ansible_port") || name.equals("ansible_user") || name.equals("ansible_password")
                || name.startsWith("ansible_ssh_") || name.equals("ansible_private_key_file") || name.startsWith("ansible_become");
    }
}
