package io.runbook.engine.vars;

import java.util.List;
import java.util.Map;

/**
 * A lookup that lives outside the engine (such as {@code k8s}, through the run's cluster clients): the modules
 * package implements it and the run hands it to its {@link Templar}. Throw an exception with a one-line message
 * for what went wrong; the engine adds where.
 */
public interface LookupPlugin {
    String name();

    /** The lookup's results for these terms and keyword options, with the task's variables. */
    List<Object> run(List<Object> terms, Map<String, Object> options, Map<String, Object> vars);

    /** Finds the plugins of a run by name. */
    @FunctionalInterface
    interface Registry {
        Registry NONE = name -> null;

        /** The plugin called name, or null. */
        LookupPlugin find(String name);
    }
}
