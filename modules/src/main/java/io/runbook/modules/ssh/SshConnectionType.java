package io.runbook.modules.ssh;

import io.runbook.engine.module.ConnectionType;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnectionFactory;
import java.util.List;

/**
 * {@code ansible_connection: ssh} (also {@code smart}, {@code paramiko}, {@code paramiko_ssh}, which
 * Ansible resolves to an SSH client too): host modules act on the host over one SSH session for the run.
 */
public final class SshConnectionType implements ConnectionType, HostConnectionFactory {
    @Override
    public List<String> names() {
        return List.of("ssh", "smart", "paramiko", "paramiko_ssh");
    }

    /** Ansible's plugins among the names: {@code ansible.builtin.smart} and {@code ansible.builtin.paramiko} are not found there. */
    @Override
    public List<String> plugins() {
        return List.of("ssh", "paramiko_ssh");
    }

    @Override
    public HostConnection open(ModuleContext ctx) throws ModuleException {
        SshEnvironment env = SshEnvironment.current(ctx);
        SshTarget target = SshSettings.target(ctx.connectionVars(), ctx.host(), env);
        SshSessions sessions = sessions(ctx);
        ctx.verboseOnce(3, "ESTABLISH SSH CONNECTION FOR USER: " + target.endpoint().user());
        if (!sessions.isOpen(target)) {
            ctx.verbose(3, "SSH: new session to " + target.describe() + " (the engine's own SSH client; kept for the run,"
                    + " each command an exec channel of it, each file through its SFTP channel)");
        }
        warnings(ctx, sessions, target);
        return sessions.connection(target);
    }

    /**
     * What the user is warned of, once a run, before logging in to {@code target} (a host, or the bastion of the Kubernetes
     * tunnel): host keys not checked, and the notes of the server and of each jump host on the way.
     */
    static void warnings(ModuleContext ctx, SshSessions sessions, SshTarget target) {
        if (target.hostKeys().mode() == HostKeyPolicy.Mode.OFF && sessions.firstWarning("host-key-checking")) {
            ctx.warn("SSH host keys are not checked (" + target.hostKeys().reason() + "): a changed or forged host key goes unnoticed");
        }
        notes(ctx, sessions, target.endpoint());
        target.jumps().forEach(jump -> notes(ctx, sessions, jump));
    }

    /**
     * Each note of an endpoint as a warning, once a run: ssh's words for a key file named that does not exist (ssh logs in
     * with the other keys), an ssh config line the engine does not read.
     */
    private static void notes(ModuleContext ctx, SshSessions sessions, Endpoint endpoint) {
        for (String words : endpoint.notes()) {
            if (sessions.firstWarning("note " + words)) {
                boolean key = words.startsWith("no such identity") || words.startsWith("Warning: Identity file");
                ctx.warn(words.replaceFirst("^Warning: ", "") + (key ? " (" + endpoint.describe()
                        + ": logging in with the other keys, the ssh-agent or a password)" : ""));
            }
        }
    }

    /** {@code kube_ssh_tunnel} must be a bastion written as for ProxyJump (checked before anything runs). */
    @Override
    public String problem(String variable, Object value) {
        if (!variable.equals("kube_ssh_tunnel") || value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            return "write the bastion as text: [user@]host[:port], or a,b for several jumps";
        }
        return text.isBlank() || text.trim().equalsIgnoreCase("none") ? null : SshSettings.jumpListProblem(text.trim());
    }

    /** The run's SSH sessions (also used by the Kubernetes tunnel). */
    static SshSessions sessions(ModuleContext ctx) {
        return ctx.shared(SshSessions.class, SshSessions.class, SshSessions::new);
    }
}
