package io.runbook.engine.exec;

import io.runbook.engine.report.HostStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the executor tells the run journal about task instances, and asks it when a run resumes. A task instance
 * is a task on one host, named by the id {@link io.runbook.engine.report.RunListener#hostTaskStart} describes.
 * Called from worker threads: implementations synchronise themselves.
 */
public interface TaskJournal {
    /** A run without a journal. */
    TaskJournal NONE = new TaskJournal() {
    };

    /**
     * How a task instance ended: the recap's status, whether a failure was ignored, and the registered result
     * (with {@code ansible_facts} for {@code set_fact}), secrets and all: a journal must seal it.
     */
    record Finished(HostStatus status, boolean ignored, Map<String, Object> result) {
        /** Whether the run went past it: ok, changed, skipped, or a failure ignored. */
        public boolean done() {
            return ignored || status == HostStatus.OK || status == HostStatus.CHANGED || status == HostStatus.SKIPPED;
        }
    }

    /** A task instance ended on {@code host} in this session. */
    default void finished(String host, String taskId, Finished outcome) {
    }

    /** A module said that the task instance running on {@code host} has changed something, before it ended. */
    default void madeChange(String host, String taskId) {
    }

    /**
     * When resuming: whether an earlier session's attempt of this task instance changed something and never ended
     * (the engine was killed meanwhile): a run of it that finds nothing left to change counts as changed.
     */
    default boolean changedBefore(String host, String taskId) {
        return false;
    }

    /**
     * When resuming: how an earlier session of this run ended the task instance on {@code host}, if it got past it
     * ({@link Finished#done()}). Empty when not resuming.
     */
    default Optional<Finished> finishedBefore(String host, String taskId) {
        return Optional.empty();
    }

    /** Whether this session resumes an earlier one (hosts replay what {@link #finishedBefore} knows). */
    default boolean resuming() {
        return false;
    }

    /** When the run's first session began (this session, unless resuming); empty without a journal. */
    default Optional<Instant> firstStarted() {
        return Optional.empty();
    }
}
