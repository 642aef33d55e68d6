package io.runbook.engine.exec;

import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TemplatedFlag;
import java.util.Map;

/**
 * A task's {@code no_log} on one host, as Ansible decides it: the keyword of the nearest level that sets it (a template
 * rendered with the task's variables, for each loop item), else the run's default (Ansible's DEFAULT_NO_LOG,
 * {@code ANSIBLE_NO_LOG}). A loop's result is hidden when any item's was; before the keyword is rendered (a failure
 * rendering the loop or the keyword itself) a template counts as on, so nothing is shown that it might have hidden.
 */
final class NoLog {
    private final RunState run;
    private final Task task;
    private boolean on;
    private boolean rendered;

    NoLog(RunState run, Task task) {
        this.run = run;
        this.task = task;
        this.on = written(run, task);
    }

    /** The task's no_log as written, for a result reported without rendering it (a template counts as on). */
    static boolean written(RunState run, Task task) {
        Object value = task.keywords().noLog();
        return value instanceof TemplatedFlag || (value == null ? run.options.noLog() : (Boolean) value);
    }

    /** Whether a no_log keyword ({@code value} as written, null when unset: the run's setting) holds with {@code vars}. */
    static boolean holds(RunState run, Object value, Map<String, Object> vars) {
        Boolean rendered = KeywordFlag.of(run, "no_log", value, vars);
        return rendered != null ? rendered : run.options.noLog();
    }

    /** Renders the keyword for one item (or the whole task) with {@code vars}: whether this item's result is hidden. */
    boolean item(Map<String, Object> vars) {
        boolean hide = holds(run, task.keywords().noLog(), vars);
        on = rendered ? on || hide : hide;
        rendered = true;
        return hide;
    }

    /** Whether the task's result (a loop's: any item's) is hidden. */
    boolean on() {
        return on;
    }
}
