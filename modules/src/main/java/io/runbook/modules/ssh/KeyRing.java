package io.runbook.modules.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import io.runbook.engine.module.ModuleException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Vector;

/**
 * The keys one login offers, in ssh 9.2's order (its {@code pubkey_prepare}): the ssh-agent's keys first — with
 * {@code IdentitiesOnly} only those that are one of the key files named, as ssh offers them — then the key files the agent
 * does not hold. Read only: a key file is never added to the agent (jsch's own {@code addIdentity}, with the agent as its
 * key store, would hand it the private key, as {@code ssh-add} does).
 */
final class KeyRing implements IdentityRepository {
    private final List<Identity> identities;

    private KeyRing(List<Identity> identities) {
        this.identities = identities;
    }

    static KeyRing of(Endpoint endpoint, Credentials credentials) throws ModuleException {
        JSch files = new JSch();
        for (String key : endpoint.identityFiles()) {
            file(files, key, credentials.passphrase());
        }
        List<Identity> fromFiles = new ArrayList<>(files.getIdentityRepository().getIdentities());
        List<Identity> out = new ArrayList<>();
        for (Identity agentKey : agent(credentials.agentSocket())) {
            boolean named = fromFiles.removeIf(f -> Arrays.equals(f.getPublicKeyBlob(), agentKey.getPublicKeyBlob()));
            if (named || !endpoint.identitiesOnly()) {
                out.add(agentKey);
            }
        }
        out.addAll(fromFiles);
        return new KeyRing(out);
    }

    /** The agent's keys; an agent that cannot be reached is simply not used. */
    private static List<Identity> agent(String socket) {
        if (socket == null) {
            return List.of();
        }
        try {
            SSHAgentConnector connector = new SSHAgentConnector(Path.of(socket));
            return connector.isAvailable() ? new AgentIdentityRepository(connector).getIdentities() : List.of();
        } catch (AgentProxyException | RuntimeException e) {
            return List.of();
        }
    }

    /** A key file; an encrypted one without a passphrase is offered only if the agent has it (jsch then skips it). */
    private static void file(JSch jsch, String file, String passphrase) throws ModuleException {
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

    @Override
    public String getName() {
        return "runbook key ring";
    }

    @Override
    public int getStatus() {
        return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
        return new Vector<>(identities);
    }

    @Override
    public boolean add(byte[] identity) {
        return false;
    }

    @Override
    public boolean remove(byte[] blob) {
        return false;
    }

    @Override
    public void removeAll() {
        // read only
    }
}
