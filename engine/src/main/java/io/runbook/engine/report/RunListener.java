package io.runbook.engine.report;

import java.util.List;
import java.util.Map;

/**
 * Receives the events of a run as they happen. Called from the engine's worker threads: implementations
 * synchronise themselves. Every method has an empty default so a listener implements what it needs.
 */
public interface RunListener {
    default void playbookStart(String file, boolean check) {
    }

    default void playStart(String name, List<String> hosts) {
    }

    default void noHostsMatched() {
    }

    default void warning(String message) {
    }

    default void taskStart(String name, String action, String position, boolean handler) {
    }

    default void included(String file, List<String> hosts) {
    }

    /** An {@code include_tasks} instance; {@code item} is the loop item's label, or null when it does not loop. */
    default void included(String file, List<String> hosts, String item) {
        included(file, hosts);
    }

    default void hostResult(HostResult result) {
    }

    default void retrying(String host, String task, int retriesLeft) {
    }

    default void progress(String host, String status) {
    }

    default void progressLine(String host, String text) {
    }

    default void noMoreHosts() {
    }

    default void recap(Map<String, HostStats> stats) {
    }

    default void interrupted(String reason) {
    }

    default void playbookEnd(int exitCode) {
    }
}
