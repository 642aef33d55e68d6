package io.runbook.modules.connection;

/**
 * How a program ended: its exit code ({@code -1} when a signal ended it, named in {@code signal}) and its
 * whole output as UTF-8 text.
 */
public record Execution(int rc, String stdout, String stderr, String signal) {
}
