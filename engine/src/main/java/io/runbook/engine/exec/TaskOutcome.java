package io.runbook.engine.exec;

import io.runbook.engine.report.HostStatus;
import java.util.Map;

/** How one task ended on one host: the status the recap counts and the registered result. */
record TaskOutcome(HostStatus status, Map<String, Object> result, boolean ignored) {
    boolean unreachable() {
        return status == HostStatus.UNREACHABLE && !ignored;
    }

    boolean failed() {
        return status == HostStatus.FAILED && !ignored;
    }
}
