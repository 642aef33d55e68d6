package io.runbook.engine.report;

import io.runbook.engine.module.Deprecation;
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
 * @param text       the result as compact JSON, made when first asked for ({@link #resultJson})
 * @param delegateAddress the delegate's {@code ansible_host} when the inventory gives it one, shown after its name
 * @param deprecations the result's deprecations to show (none under no_log, as Ansible's callbacks)
 */
public record HostResult(String host, String delegate, String task, String action, HostStatus status, String item,
                         boolean loopEnd, boolean ignored, boolean verbose, Map<String, Object> result,
                         List<Diff> diffs, List<String> warnings, boolean replayed, ResultText text,
                         String delegateAddress, List<Deprecation> deprecations) {

    public HostResult(String host, String delegate, String task, String action, HostStatus status, String item,
                      boolean loopEnd, boolean ignored, boolean verbose, Map<String, Object> result,
                      List<Diff> diffs, List<String> warnings, boolean replayed) {
        this(host, delegate, task, action, status, item, loopEnd, ignored, verbose, result, diffs, warnings, replayed,
                new ResultText(), null, List.of());
    }

    /** A result of this session (not replayed). */
    public HostResult(String host, String delegate, String task, String action, HostStatus status, String item,
                      boolean loopEnd, boolean ignored, boolean verbose, Map<String, Object> result,
                      List<Diff> diffs, List<String> warnings) {
        this(host, delegate, task, action, status, item, loopEnd, ignored, verbose, result, diffs, warnings, false);
    }

    /** A result of this session with the deprecations it brought. */
    public HostResult(String host, String delegate, String task, String action, HostStatus status, String item,
                      boolean loopEnd, boolean ignored, boolean verbose, Map<String, Object> result,
                      List<Diff> diffs, List<String> warnings, List<Deprecation> deprecations) {
        this(host, delegate, task, action, status, item, loopEnd, ignored, verbose, result, diffs, warnings, false,
                new ResultText(), null, deprecations);
    }

    /** This result with its delegate's address ({@code ansible_host}) to show. */
    public HostResult withDelegateAddress(String address) {
        return new HostResult(host, delegate, task, action, status, item, loopEnd, ignored, verbose, result, diffs,
                warnings, replayed, text, address, deprecations);
    }

    /**
     * The host as Ansible's callbacks name it: {@code host -> delegate}, with the delegate's address in brackets when
     * it has another ({@code web2 -> bastion(10.0.0.5)}); a task delegated to its own host shows the host alone, and so
     * does a skipped one (Ansible's skipping lines name the host only).
     */
    public String label() {
        if (delegate == null || delegate.equals(host) || status == HostStatus.SKIPPED) {
            return host;
        }
        return host + " -> " + delegate + (delegateAddress == null || delegateAddress.equals(delegate) ? "" : "(" + delegateAddress + ")");
    }

    /** A skipped loop's own line: without its items; without {@code changed} for a debug, as Ansible's callback. */
    Map<String, Object> loopSummary() {
        Map<String, Object> m = new java.util.LinkedHashMap<>(result);
        m.keySet().removeAll(List.of("results", "skipped"));
        if (verbose) {
            m.remove("changed");
        }
        return m;
    }

    /**
     * The result of an ok or changed item with its warnings, as Ansible's callback shows it (-v): it takes a result's
     * warnings out to print them only for a failed item or a whole task.
     */
    Map<String, Object> itemWarningsKept() {
        if (item == null || warnings.isEmpty()) {
            return result;
        }
        Map<String, Object> shown = new java.util.LinkedHashMap<>(result);
        shown.put("warnings", warnings);
        return shown;
    }

    /**
     * The result as {@link Json#compact} writes it, made once however many sinks write it (the journal and the event
     * log each put it in a line of their own), as JSON to put in such a line. Not redacted: each line is redacted whole.
     */
    public Json.Raw resultJson() {
        return text.of(result);
    }

    /** The result's JSON once made; derived from the result, so it plays no part in equality. */
    public static final class ResultText {
        private volatile Json.Raw json;

        Json.Raw of(Map<String, Object> result) {
            Json.Raw j = json;
            if (j == null) {
                j = new Json.Raw(Json.compact(result));
                json = j;
            }
            return j;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ResultText;
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            return "ResultText";
        }
    }
}
