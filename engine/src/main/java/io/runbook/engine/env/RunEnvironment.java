package io.runbook.engine.env;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment of one run: the variables ansible-playbook would have inherited, read once by the CLI (the
 * process's, or the one a test gives {@code Main.execute}) and handed to everything that reads the environment —
 * settings, lookups ({@code lookup('env', …)}, {@code expandvars}), facts ({@code ansible_env}), modules and the
 * processes they start, vault password scripts, {@code ~} on the controller. Nothing in the engine or the modules
 * reads {@link System#getenv}: a run started in this JVM with another environment sees that one throughout.
 * Immutable.
 * <p>
 * What is the process's and not a run's keeps the JVM's: {@code DirectRun} (one module embedded in this process) starts
 * from {@link System#getenv} unless given an environment; and the probes of the machine whose answers are kept for the
 * whole process (the hardware facts' commands, the controller Python's facts and its ansible-core, a terminal's
 * {@code stty}) start with the JVM's.
 */
public final class RunEnvironment {
    /** No variables at all: for code that runs outside a run (a parser's checks) and for tests that set none. */
    public static final RunEnvironment EMPTY = new RunEnvironment(Map.of());

    private final Map<String, String> variables;

    private RunEnvironment(Map<String, String> variables) {
        this.variables = variables;
    }

    /** The given variables, copied (sorted by name, as Ansible shows {@code ansible_env}). */
    public static RunEnvironment of(Map<String, String> variables) {
        return new RunEnvironment(Collections.unmodifiableMap(new TreeMap<>(variables)));
    }

    /** The value of {@code name}, or null when it is not set. */
    public String get(String name) {
        return variables.get(name);
    }

    public String getOrDefault(String name, String otherwise) {
        return variables.getOrDefault(name, otherwise);
    }

    /** Every variable, sorted by name; unmodifiable. */
    public Map<String, String> asMap() {
        return variables;
    }

    /** This environment with {@code overrides} over it (a task's {@code environment}); unmodifiable. */
    public Map<String, String> with(Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return variables;
        }
        Map<String, String> all = new TreeMap<>(variables);
        all.putAll(overrides);
        return Collections.unmodifiableMap(all);
    }

    /**
     * Makes {@code builder}'s environment this one with {@code overrides} over it, instead of the JVM's that a
     * {@link ProcessBuilder} starts with.
     */
    public ProcessBuilder applyTo(ProcessBuilder builder, Map<String, String> overrides) {
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(variables);
        env.putAll(overrides);
        return builder;
    }

    /** As {@link #applyTo(ProcessBuilder, Map)} with no overrides. */
    public ProcessBuilder applyTo(ProcessBuilder builder) {
        return applyTo(builder, Map.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunEnvironment other && other.variables.equals(variables);
    }

    @Override
    public int hashCode() {
        return variables.hashCode();
    }

    @Override
    public String toString() {
        return "RunEnvironment" + variables.keySet();  // names only: values may be secrets
    }
}
