package io.runbook.engine.playbook;

/** A task's {@code async} (seconds) and {@code poll} (seconds between checks; 0: start it and go on), as written. */
public record AsyncSetting(Object seconds, Object poll) {
}
