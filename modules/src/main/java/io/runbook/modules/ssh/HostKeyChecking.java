package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleContext;

/**
 * Ansible's {@code host_key_checking} as the run was given it: the application reads it with its other settings
 * ({@code ANSIBLE_HOST_KEY_CHECKING}, else {@code host_key_checking} in the ansible.cfg in force) and registers it
 * as a run service ({@code RunOptions.Builder#service}); without one, host keys are checked.
 */
public final class HostKeyChecking {
    /** Whether checking is on, and if it is off, what turned it off (for the warning). */
    public record Setting(boolean on, String source) {
        /** Checking on: Ansible's default. */
        public static final Setting ON = new Setting(true, null);
    }

    private HostKeyChecking() {
    }

    /** The run's setting. */
    static Setting of(ModuleContext ctx) {
        return ctx.service(Setting.class).orElse(Setting.ON);
    }
}
