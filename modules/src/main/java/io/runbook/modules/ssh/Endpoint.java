package io.runbook.modules.ssh;

import java.util.List;

/**
 * One SSH server to log in to: the target host or a jump host. {@code name} is how the user wrote it (for
 * messages), {@code host}/{@code port} where to connect, {@code hostKeyAlias} the name its key is filed under
 * in known_hosts when that differs from {@code [host]:port}. {@code notes} are what the user is warned of: ssh's words for
 * each key file named that does not exist (left out of {@code identityFiles}, as ssh leaves them out and logs in with the
 * others). {@code identitiesOnly}: ssh's IdentitiesOnly, of the agent's keys
 * only those of {@code identityFiles} are offered. {@code hostKeys}: how a ProxyJump hop's key is checked, from the ssh
 * config alone (ssh runs the hop as a second ssh given none of the command line's {@code -o} options); null: as the
 * target's.
 */
record Endpoint(String name, String user, String host, int port, List<String> identityFiles, boolean identitiesOnly, String hostKeyAlias,
               List<String> notes, HostKeyPolicy hostKeys) {
    Endpoint {
        identityFiles = List.copyOf(identityFiles);
        notes = List.copyOf(notes);
    }

    Endpoint(String name, String user, String host, int port, List<String> identityFiles, boolean identitiesOnly, String hostKeyAlias,
             List<String> notes) {
        this(name, user, host, port, identityFiles, identitiesOnly, hostKeyAlias, notes, null);
    }

    /** {@code user@host:port}, as messages name it. */
    String describe() {
        return user + "@" + host + ":" + port;
    }

    /** The name known_hosts files this server's key under: {@code host} on port 22, else {@code [host]:port}. */
    String knownHostsName() {
        if (hostKeyAlias != null) {
            return hostKeyAlias;
        }
        return port == 22 ? host : "[" + host + "]:" + port;
    }
}
