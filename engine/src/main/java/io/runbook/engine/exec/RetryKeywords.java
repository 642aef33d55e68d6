package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.KeywordValues;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.vars.VarScope;

/** A task's {@code retries} and {@code delay} keywords as an until loop reads them (templates rendered per host). */
final class RetryKeywords {
    private RetryKeywords() {
    }

    /** {@code retries}, rendered: as written, 3 for an {@code until} without it, else none. */
    static int retries(Templar templar, Task task, VarScope vars) {
        if (task.retries() == null) {
            return task.until() != null ? 3 : 0;
        }
        Object v = templar.render(task.retries(), vars, task.position());
        Integer n = KeywordValues.retries(v);
        if (n == null) {
            throw new UserError(task.position(), KeywordValues.retriesError(v));
        }
        return n;
    }

    /** {@code delay} between attempts in milliseconds, rendered: 5 s unless written. */
    static long delayMillis(Templar templar, Task task, VarScope vars) {
        if (task.delay() == null) {
            return 5000;
        }
        Object v = templar.render(task.delay(), vars, task.position());
        var d = KeywordValues.delay(v);
        if (d == null) {
            throw new UserError(task.position(), KeywordValues.delayError(v));
        }
        return d.toMillis();
    }
}
