package io.runbook.engine.exec;

import io.runbook.engine.report.HostStatus;
import java.util.Map;

/**
 * How one task ended on one host: the status the recap counts, the registered result and the facts it returned (null
 * when it returned none), which run_once gives to the other hosts too.
 */
record TaskOutcome(HostStatus status, Map<String, Object> result, boolean ignored, TaskFacts facts) {
    /** An outcome without facts (a task that did not run its action). */
    TaskOutcome(HostStatus status, Map<String, Object> result, boolean ignored) {
        this(status, result, ignored, null);
    }

    boolean unreachable() {
        return status == HostStatus.UNREACHABLE && !ignored;
    }

    boolean failed() {
        return status == HostStatus.FAILED && !ignored;
    }
}
