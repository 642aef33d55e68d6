package io.runbook.modules.connection;

import io.runbook.engine.module.ConnectionType;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The connection of the host a module runs on. Its type is the host's {@code ansible_connection} (a play's
 * {@code connection:} reaches modules as that variable, below the host's own); without one, as in Ansible, a
 * cluster host (one with {@code kubeconfig} or {@code kube_context}) and {@code localhost} are {@code local}
 * and every other host is {@code ssh}. A type this engine does not have is refused: a task never falls back
 * to the controller. A task with {@code become} gets the connection that works as the become user ({@link Become}).
 */
public final class HostConnections {
    static final String LOCAL = "local";
    /** What a host that is neither a cluster nor localhost gets when it names no connection. */
    static final String DEFAULT_REMOTE = "ssh";
    private static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "::1");
    private static final List<ConnectionType> TYPES = load();

    private HostConnections() {
    }

    /** The connection for the host the module runs on, opened on first use and kept for the run. */
    public static HostConnection of(ModuleContext ctx) throws ModuleException {
        HostConnection login = login(ctx);
        Become become = Become.of(ctx);
        return become == null ? login
                : new BecomeConnection(login, become, ctx.shared(BecomeProbes.class, BecomeProbes.class, BecomeProbes::new));
    }

    /** As {@link #of}, as the login user whatever the task's become says (what Ansible's unsudoable commands use). */
    public static HostConnection login(ModuleContext ctx) throws ModuleException {
        String type = type(ctx.connectionVars(), ctx.host());
        for (ConnectionType t : TYPES) {
            if (t.names().contains(type) && t instanceof HostConnectionFactory factory) {
                HostConnection opened = factory.open(ctx);
                // from -vvv, what the connection does is shown, as ansible-playbook's connections show it
                return ctx.verbosity() >= 3 ? new ShownConnection(opened, ctx) : opened;
            }
        }
        List<String> known = TYPES.stream().filter(HostConnectionFactory.class::isInstance).flatMap(t -> t.names().stream()).sorted().toList();
        throw new ModuleException("host '" + ctx.host() + "' has ansible_connection: " + type
                + ", a connection this engine does not have, so nothing was run on it (connections: " + String.join(", ", known) + ")");
    }

    /**
     * Whether a host says how it is reached through a connection that is not {@code local}: a remote
     * {@code ansible_connection}, an {@code ansible_host} other than its name, an {@code ansible_user} or
     * {@code ansible_port}. A host that is only a name (as plays that run only {@code debug}/{@code set_fact} use)
     * is not contacted by fact gathering nor {@code ping}, where Ansible would try to log in to it.
     */
    public static boolean saysHowReached(ModuleContext ctx) {
        Map<String, Object> v = ctx.connectionVars();
        // a delegate says how: its ansible_host (its name where the inventory gives none) is not the task's host
        return !LOCAL.equals(type(v, ctx.host()))
                && (given(v.get("ansible_connection")) || given(v.get("ansible_user")) || given(v.get("ansible_port"))
                || given(v.get("ansible_ssh_user")) || given(v.get("ansible_ssh_port"))
                || given(v.get("ansible_host")) && !ctx.host().equals(String.valueOf(v.get("ansible_host")))
                || given(v.get("ansible_ssh_host")) && !ctx.host().equals(String.valueOf(v.get("ansible_ssh_host"))));
    }

    private static boolean given(Object value) {
        return value != null && !String.valueOf(value).isBlank();
    }

    /**
     * The connection type's name for a host with these variables ({@code ssh}, {@code local}, ...: a plugin's collection
     * name, {@code ansible.builtin.ssh}, is its short name; a name no type answers to is as written).
     */
    public static String type(Map<String, Object> vars, String host) {
        String declared = text(vars.get("ansible_connection"));
        if (declared != null) {
            return TYPES.stream().map(t -> t.resolve(declared)).filter(java.util.Objects::nonNull).findFirst().orElse(declared);
        }
        if (text(vars.get("kubeconfig")) != null || text(vars.get("kube_context")) != null
                || LOCALHOST.contains(reached(vars, host))) {
            return LOCAL;
        }
        return DEFAULT_REMOTE;
    }

    /**
     * The name of the host a task with these variables reaches: its delegate's for a delegated task (the one
     * {@code ansible_delegated_vars} names, as Ansible picks the delegate's connection), else {@code host}.
     */
    private static String reached(Map<String, Object> vars, String host) {
        return vars.get("ansible_delegated_vars") instanceof Map<?, ?> delegated && delegated.size() == 1
                ? String.valueOf(delegated.keySet().iterator().next()) : host;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value).trim();
        return s.isEmpty() ? null : s;
    }

    private static List<ConnectionType> load() {
        List<ConnectionType> out = new ArrayList<>();
        ServiceLoader.load(ConnectionType.class, HostConnections.class.getClassLoader()).forEach(out::add);
        return List.copyOf(out);
    }
}
