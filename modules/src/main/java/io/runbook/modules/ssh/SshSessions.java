package io.runbook.modules.ssh;

import com.jcraft.jsch.Session;
import io.runbook.engine.module.ModuleException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every SSH session of a run: one per target (and one per jump host, shared by all the hosts behind it),
 * opened on first use, reopened when it was lost between tasks, and closed when the run ends (hosts first,
 * then the jump hosts they went through). Hosts connect in parallel; each target connects once.
 */
final class SshSessions implements AutoCloseable {
    private final Map<SshTarget, Holder> holders = new ConcurrentHashMap<>();
    private final List<Session> opened = Collections.synchronizedList(new ArrayList<>());
    private final Map<SshTarget, SshConnection> connections = new ConcurrentHashMap<>();
    private final java.util.Set<String> warned = ConcurrentHashMap.newKeySet();

    private static final class Holder {
        Session session;
        /** Whether this session or a jump host's it goes through logged in with the password. */
        boolean passwordUsed;
    }

    /** The connection of a target, logging in on first use. */
    SshConnection connection(SshTarget target) throws ModuleException {
        session(target);
        return connections.computeIfAbsent(target, t -> new SshConnection(t, this));
    }

    /** The live session of a target (logging in when there is none). */
    Session session(SshTarget target) throws ModuleException {
        return holder(target).session;
    }

    /** The target's live session and whether the password went into its chain's logins (logging in when there is none). */
    private Holder holder(SshTarget target) throws ModuleException {
        Holder holder = holders.computeIfAbsent(target, t -> new Holder());
        synchronized (holder) {
            if (holder.session != null && holder.session.isConnected()) {
                return holder;
            }
            Holder via = null;
            if (!target.jumps().isEmpty()) {
                SshTarget hop = target.hop(target.jumps().size() - 1);
                try {
                    via = holder(hop);
                } catch (ModuleException e) {
                    throw SshFailure.throughJump(target, e);
                }
            }
            boolean spent = via != null && via.passwordUsed;
            SessionOpener.Login login = SessionOpener.open(target, via == null ? null : via.session, spent);
            holder.session = login.session();
            holder.passwordUsed = spent || login.byPassword();
            opened.add(holder.session);
            return holder;
        }
    }

    /** Whether the target has a live session already (then its tasks reuse it). */
    boolean isOpen(SshTarget target) {
        Holder holder = holders.get(target);
        if (holder == null) {
            return false;
        }
        synchronized (holder) {
            return holder.session != null && holder.session.isConnected();
        }
    }

    /** True the first time it is asked for {@code key}: a warning is given once per run. */
    boolean firstWarning(String key) {
        return warned.add(key);
    }

    @Override
    public void close() {
        connections.values().forEach(SshConnection::closeChannels);
        List<Session> all;
        synchronized (opened) {
            all = new ArrayList<>(opened);
        }
        Collections.reverse(all);
        for (Session s : all) {
            s.disconnect();
        }
    }
}
