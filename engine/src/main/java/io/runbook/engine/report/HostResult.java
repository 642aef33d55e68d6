package io.runbook.engine.report;

import io.runbook.engine.module.Diff;
import java.util.List;
import java.util.Map;

/**
 * One result line: a task (or one loop item of it) on one host. {@code result} is the registered form,
 * already censored when {@code no_log} applies; reporters redact secrets before printing.
 *
 * @param item       the loop item's label, or null for a whole task
 * @param loopEnd    true for the summary of a loop whose items were already reported
 * @param verbose    print the result even without -v (debug does)
 * @param replayed   the task finished in an earlier session of a resumed run: this is its journaled result,
 *                   shown and counted again, not run again
 */
public record HostResult(String host, String delegate, String task, String action, HostStatus status, String item,
                         boolean loopEnd, boolean ignored, boolean verbose, Map<String, Object> result,
                         List<Diff> diffs, List<String> warnings, boolean replayed) {

    /** A result of this session (not replayed). */
    public HostResult(String host, String delegate, String task, String action, HostStatus status, String item,
                      boolean loopEnd, boolean ignored, boolean verbose, Map<String, Object> result,
                      List<Diff> diffs, List<String> warnings) {
        this(host, delegate, task, action, status, item, loopEnd, ignored, verbose, result, diffs, warnings, false);
    }

    public String label() {
        return delegate == null ? host : host + " -> " + delegate;
    }
}
