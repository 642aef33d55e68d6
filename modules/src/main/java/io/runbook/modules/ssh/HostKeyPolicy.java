package io.runbook.modules.ssh;

import java.util.List;

/**
 * How host keys are checked: {@code STRICT} (an unknown or changed key refuses the host), {@code ACCEPT_NEW}
 * (an unknown key is added to the first file; a changed one refuses), {@code OFF} (nothing is checked:
 * {@code host_key_checking = False}). {@code files} are the known_hosts files, the first being the one a
 * user edits; {@code reason} says where an OFF came from, for the warning.
 */
record HostKeyPolicy(Mode mode, List<String> files, String reason) {
    enum Mode { STRICT, ACCEPT_NEW, OFF }

    HostKeyPolicy {
        files = List.copyOf(files);
    }
}
