package io.runbook.engine.module;

import java.nio.file.Path;

/**
 * Settings of the machine the engine runs on that modules may need, from ansible.cfg, ANSIBLE_* variables and
 * runbook.yml (see the README's "Configuration"). Available to modules as {@code ctx.service(ControllerSettings.class)}.
 *
 * @param hostKeyChecking whether SSH host keys are checked against known_hosts (Ansible's host_key_checking)
 * @param configFile      the ansible.cfg in force, or null
 */
public record ControllerSettings(boolean hostKeyChecking, Path configFile) {
    public static final ControllerSettings DEFAULTS = new ControllerSettings(true, null);
}
