package io.runbook.modules.ssh;

import java.time.Duration;
import java.util.List;

/**
 * Everything needed to reach one host over SSH: the host, the jump hosts in order (first is connected to
 * directly), how to authenticate, how to check host keys and how long connecting may take. Equal targets
 * share one session for the run.
 */
record SshTarget(Endpoint endpoint, List<Endpoint> jumps, Credentials credentials, HostKeyPolicy hostKeys, Duration connectTimeout) {
    SshTarget {
        jumps = List.copyOf(jumps);
    }

    /** The target and how it is reached: {@code deploy@10.0.0.5:22 (via ops@bastion:22)}. */
    String describe() {
        if (jumps.isEmpty()) {
            return endpoint.describe();
        }
        return endpoint.describe() + " (via " + String.join(", ", jumps.stream().map(Endpoint::describe).toList()) + ")";
    }

    /** The same target reached through one jump fewer: the session a hop is tunnelled through. */
    SshTarget hop(int index) {
        Endpoint jump = jumps.get(index);
        return new SshTarget(jump, jumps.subList(0, index), credentials, jump.hostKeys() != null ? jump.hostKeys() : hostKeys, connectTimeout);
    }
}
