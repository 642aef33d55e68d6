package io.runbook.modules.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.runbook.engine.module.ModuleException;
import java.nio.charset.StandardCharsets;

/**
 * Logs in to one SSH server with jsch: host key checked by {@link KnownHostsCheck} (never trust on first use
 * unless the policy says so), the keys of {@link KeyRing} offered, then a password if one is set;
 * through a jump host's session when {@code via} is given.
 */
final class SessionOpener {
    private static final int KEEPALIVE_MS = 15_000;

    private SessionOpener() {
    }

    static Session open(SshTarget target, Session via) throws ModuleException {
        Endpoint ep = target.endpoint();
        KnownHostsCheck keys = new KnownHostsCheck(target.hostKeys());
        Prompts prompts = new Prompts(target.credentials().password(), target.credentials().passphrase());
        try {
            JSch jsch = new JSch();
            jsch.setHostKeyRepository(keys);
            jsch.setIdentityRepository(KeyRing.of(ep, target.credentials()));
            Session session = jsch.getSession(ep.user(), ep.host(), ep.port());
            if (ep.hostKeyAlias() != null) {
                session.setHostKeyAlias(ep.hostKeyAlias());
            }
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", target.credentials().password() != null
                    ? "publickey,keyboard-interactive,password" : "publickey");
            session.setUserInfo(prompts);
            if (target.credentials().password() != null) {
                session.setPassword(target.credentials().password().getBytes(StandardCharsets.UTF_8));
            }
            session.setServerAliveInterval(KEEPALIVE_MS);
            session.setServerAliveCountMax(4);
            if (via != null) {
                session.setProxy(new ChannelProxy(via, target.jumps().get(target.jumps().size() - 1).describe()));
            }
            session.connect((int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis()));
            return session;
        } catch (JSchException e) {
            throw SshFailure.login(e, target, keys, prompts);
        }
    }
}
