package io.runbook.engine.playbook;

import io.runbook.engine.module.Deprecation;

/**
 * The deprecations ansible-core 2.14 shows for the legacy {@code include:} of task files, in its words: one when a
 * task file that holds one is read ({@code playbook/helpers.py}), one when a dynamic one runs
 * ({@code playbook/included_file.py}). Each is shown once per run.
 */
public final class LegacyInclude {
    /** Shown when the task list holding the include is read: before the run, or when an include_tasks reads it. */
    public static final Deprecation READ = Deprecation.inVersion("\"include\" is deprecated, use include_tasks/import_tasks"
            + " instead. See https://docs.ansible.com/ansible-core/2.14/user_guide/playbooks_reuse_includes.html for details",
            "2.16", null);
    /** Shown when a dynamic include ran on the play's hosts (skipped or not), before its {@code included:} lines. */
    public static final Deprecation RAN = Deprecation.inVersion("\"include\" is deprecated, use"
            + " include_tasks/import_tasks/import_playbook instead", "2.16", null);

    private LegacyInclude() {
    }

    /** Whether an include task's action, as written, is the legacy {@code include}. */
    public static boolean is(String writtenAction) {
        return "include".equals(writtenAction) || "ansible.builtin.include".equals(writtenAction)
                || "ansible.legacy.include".equals(writtenAction);
    }
}
