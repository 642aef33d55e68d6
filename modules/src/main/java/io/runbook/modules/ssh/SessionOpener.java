package io.runbook.modules.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import io.runbook.engine.module.ModuleException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Logs in to one SSH server with jsch: host key checked by {@link KnownHostsCheck} (never trust on first use
 * unless the policy says so), the ssh-agent's keys and the key files offered, then a password if one is set;
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
            agent(jsch, target.credentials().agentSocket());
            for (String key : ep.identityFiles()) {
                identity(jsch, key, target.credentials().passphrase());
            }
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

    /** The agent's keys first, as ssh does; an agent that cannot be reached is simply not used. */
    private static void agent(JSch jsch, String socket) {
        if (socket == null) {
            return;
        }
        try {
            SSHAgentConnector connector = new SSHAgentConnector(Path.of(socket));
            if (connector.isAvailable()) {
                jsch.setIdentityRepository(new AgentIdentityRepository(connector));
            }
        } catch (AgentProxyException | RuntimeException e) {
            // no agent at that socket: key files and passwords still work
        }
    }

    /** A key file; an encrypted one without a passphrase is offered only if the agent has it (jsch then skips it). */
    private static void identity(JSch jsch, String file, String passphrase) throws ModuleException {
        try {
            if (passphrase != null) {
                jsch.addIdentity(file, passphrase.getBytes(StandardCharsets.UTF_8));
            } else {
                jsch.addIdentity(file);
            }
        } catch (JSchException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("passphrase")) {
                throw ModuleException.unreachable("the passphrase given for key " + file + " (ansible_ssh_private_key_passphrase) does not open it", null);
            }
            throw ModuleException.unreachable("cannot use SSH key " + file + ": " + SshFailure.cause(e)
                    + " (an OpenSSH or PEM private key is expected)", null);
        }
    }
}
