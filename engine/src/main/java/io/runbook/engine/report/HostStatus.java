package io.runbook.engine.report;

/** How a task ended on a host, as the recap counts it. */
public enum HostStatus {
    OK, CHANGED, SKIPPED, FAILED, UNREACHABLE
}
