package io.runbook.modules.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.runbook.engine.module.ModuleException;

/**
 * Logs in to one SSH server with jsch: host key checked by {@link KnownHostsCheck} (never trust on first use
 * unless the policy says so), the keys of {@link KeyRing} offered, then a password if one is set;
 * through a jump host's session when {@code via} is given. As Ansible's sshpass answers one password prompt of the
 * whole ssh command (jump hosts' and target's alike), {@code passwordSpent} says a jump host of the chain logged in
 * with the password: a second prompt for it fails the login as Ansible's does.
 */
final class SessionOpener {
    private static final int KEEPALIVE_MS = 15_000;

    private SessionOpener() {
    }

    /** A session logged in, and whether the password was what logged it in. */
    record Login(Session session, boolean byPassword) {
    }

    static Login open(SshTarget target, Session via, boolean passwordSpent) throws ModuleException {
        Endpoint ep = target.endpoint();
        KnownHostsCheck keys = new KnownHostsCheck(target.hostKeys());
        Prompts prompts = new Prompts(target.credentials().password(), target.credentials().passphrase(), passwordSpent);
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
            // no session password: jsch asks the prompts for it, which know whether it was given
            session.setUserInfo(prompts);
            session.setServerAliveInterval(KEEPALIVE_MS);
            session.setServerAliveCountMax(4);
            if (via != null) {
                session.setProxy(new ChannelProxy(via, target.jumps().get(target.jumps().size() - 1).describe()));
            }
            session.connect((int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis()));
            return new Login(session, prompts.passwordGiven());
        } catch (JSchException e) {
            throw SshFailure.login(e, target, keys, prompts);
        }
    }
}
