package io.runbook.engine.exec;

/**
 * Whether the task debugger is on for the whole run (Ansible's ENABLE_TASK_DEBUGGER: {@code ANSIBLE_ENABLE_TASK_DEBUGGER},
 * ansible.cfg's {@code enable_task_debugger}): a failed task or an unreachable host opens it. Given to the engine as a
 * {@link RunOptions#services()} entry; off when absent.
 */
public record TaskDebuggerSetting(boolean on) {
}
