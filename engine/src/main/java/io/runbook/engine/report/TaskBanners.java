package io.runbook.engine.report;

/**
 * The default callback's task banners as its options make them: printed as the task starts, or, when ok or skipped
 * results are hidden, before the task's first line shown (never when none is); {@code [CHECK MODE]} with
 * check_mode_markers; the {@code [started TASK: … on HOST]} lines of show_per_host_start; a failure's task path with
 * show_task_path_on_failure. Under the free strategy, as Ansible's callback: no banner as a task starts, and a result
 * of another task than the last banner's has its task's banner printed (again) before it.
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
    /** A free play: each task's banner and -vv path by its position, the task each host runs, the last banner's task. */
    private boolean free;
    private final java.util.Map<String, String[]> freeBanners = new java.util.HashMap<>();
    private final java.util.Map<String, String> hostTasks = new java.util.HashMap<>();
    private String shownTask;

    TaskBanners(ConsoleLines lines, CallbackOptions options, int verbosity) {
        this.lines = lines;
        this.options = options;
        this.verbosity = verbosity;
    }

    String checkMarker(boolean check) {
        return check && options.checkMarkers() ? " [CHECK MODE]" : "";
    }

    /** A play's banner: a task banner held back is dropped. */
    void play(String name, boolean check, boolean free) {
        pending = null;
        this.free = free;
        freeBanners.clear();
        hostTasks.clear();
        shownTask = null;
        lines.banner((name == null ? "PLAY" : "PLAY [" + name + "]") + checkMarker(check));
    }

    void task(String name, String action, String position, boolean handler, boolean check) {
        pending = (handler ? "RUNNING HANDLER [" : "TASK [") + name + "]" + checkMarker(check);
        pendingPath = verbosity >= 2 ? position : null;
        this.position = position;
        // Ansible's workers never start a meta task: no start line for it
        started = "meta".equals(action) || "ansible.builtin.meta".equals(action) ? null
                : (handler ? "HANDLER: " : "TASK: ") + name;
        if (free) {
            freeBanners.put(position, new String[] {pending, pendingPath});
        } else if (options.skippedHosts() && options.okHosts()) {
            show();
        }
    }

    void hostStart(String host, String position) {
        if (free && position != null) {
            hostTasks.put(host, position);
        } else if (free) {
            hostTasks.remove(host);  // an include's or a meta task's: its results go under the last banner printed
        }
        if (options.perHostStart() && started != null) {
            lines.closeProgress();
            lines.print(" [started " + started + " on " + host + "]", Colour.GREEN);
        }
    }

    /** The task's banner if it is not printed yet. */
    void show() {
        if (pending != null) {
            print(pending, pendingPath);
            shownTask = position;
        }
    }

    /** Before a result of the host: under free, its task's banner unless the last banner was that task's. */
    void show(String host) {
        String task = free ? hostTasks.get(host) : null;
        String[] banner = task == null ? null : freeBanners.get(task);
        if (banner == null) {
            show();
        } else if (!task.equals(shownTask)) {
            print(banner[0], banner[1]);
            shownTask = task;
        }
    }

    private void print(String banner, String path) {
        lines.banner(banner);
        if (path != null) {
            lines.print("task path: " + path, null);
        }
        pending = null;
    }

    /** Before a task's failure line: its path, with show_task_path_on_failure below -vv (where its banner has it). */
    void failed() {
        if (options.taskPathOnFailure() && verbosity < 2 && position != null) {
            lines.print("task path: " + position, null);
        }
    }
}
