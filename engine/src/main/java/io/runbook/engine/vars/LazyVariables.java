package io.runbook.engine.vars;

/**
 * Marks a map of variables whose values are rendered when they are read (such as the variables a task sees,
 * or {@code hostvars}). {@link Templar#isTemplate} does not look inside it: scanning would render every
 * variable of every host.
 */
public interface LazyVariables {
}
