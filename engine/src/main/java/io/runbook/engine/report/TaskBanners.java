package io.runbook.engine.report;

/**
 * The default callback's task banners as its options make them: printed as the task starts, or, when ok or skipped
 * results are hidden, before the task's first line shown (never when none is); {@code [CHECK MODE]} with
 * check_mode_markers; the {@code [started TASK: … on HOST]} lines of show_per_host_start; a failure's task path with
 * show_task_path_on_failure.
 */
final class TaskBanners {
    private final ConsoleLines lines;
    private final CallbackOptions options;
    private final int verbosity;
    /** The banner not printed yet and its -vv path. */
    private String pending;
    private String pendingPath;
    /** The task that started last: its position, and how its start line names it (null for a meta task). */
    private String position;
    private String started;

    TaskBanners(ConsoleLines lines, CallbackOptions options, int verbosity) {
        this.lines = lines;
        this.options = options;
        this.verbosity = verbosity;
    }

    String checkMarker(boolean check) {
        return check && options.checkMarkers() ? " [CHECK MODE]" : "";
    }

    /** A play's banner: a task banner held back is dropped. */
    void play(String name, boolean check) {
        pending = null;
        lines.banner((name == null ? "PLAY" : "PLAY [" + name + "]") + checkMarker(check));
    }

    void task(String name, String action, String position, boolean handler, boolean check) {
        pending = (handler ? "RUNNING HANDLER [" : "TASK [") + name + "]" + checkMarker(check);
        pendingPath = verbosity >= 2 ? position : null;
        this.position = position;
        // Ansible's workers never start a meta task: no start line for it
        started = "meta".equals(action) || "ansible.builtin.meta".equals(action) ? null
                : (handler ? "HANDLER: " : "TASK: ") + name;
        if (options.skippedHosts() && options.okHosts()) {
            show();
        }
    }

    void hostStart(String host) {
        if (options.perHostStart() && started != null) {
            lines.closeProgress();
            lines.print(" [started " + started + " on " + host + "]", Colour.GREEN);
        }
    }

    /** The task's banner if it is not printed yet. */
    void show() {
        if (pending != null) {
            lines.banner(pending);
            if (pendingPath != null) {
                lines.print("task path: " + pendingPath, null);
            }
            pending = null;
        }
    }

    /** Before a task's failure line: its path, with show_task_path_on_failure below -vv (where its banner has it). */
    void failed() {
        if (options.taskPathOnFailure() && verbosity < 2 && position != null) {
            lines.print("task path: " + position, null);
        }
    }
}
