package io.runbook.engine.vars;

import io.runbook.engine.module.ModuleContext;
import java.util.List;
import java.util.Map;

/**
 * A lookup that lives outside the engine (such as {@code k8s}, through the run's cluster clients), found with
 * {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/io.runbook.engine.vars.LookupPlugin}).
 * It runs with a context like a module's for the host whose variables are being rendered (its variables, the
 * run's shared clients and services); its arguments are empty. Throw an exception with a one-line message for
 * what went wrong; the engine adds where.
 */
public interface LookupPlugin {
    /** The lookup's name as playbooks write it after any collection prefix: {@code k8s} for kubernetes.core.k8s. */
    String name();

    /** The lookup's results for these terms and keyword options. */
    List<Object> run(List<Object> terms, Map<String, Object> options, ModuleContext context) throws Exception;

    /** Refuses an option of {@code options} that is not one of {@code known}, naming those the lookup takes. */
    static void checkOptions(String lookup, Map<String, Object> options, java.util.Set<String> known) {
        for (String option : options.keySet()) {
            if (!known.contains(option)) {
                throw new IllegalArgumentException("the " + lookup + " lookup has no option '" + option + "' (it takes "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    /**
     * Thrown by a plugin for a call that ansible-core's own lookup of the same name answers and the engine's does not
     * (the config lookup asked for a Python plugin's options): the engine runs {@code ansible.builtin.<name>} in the
     * run's Python plugin host instead, with the same terms, options and the host's variables.
     */
    final class InAnsible extends RuntimeException {
        public InAnsible() {
            super(null, null, false, false);
        }
    }

    /** Finds the plugins of a run by name, and gives them their context. */
    interface Registry {
        Registry NONE = new Registry() {
            @Override
            public LookupPlugin find(String name) {
                return null;
            }

            @Override
            public ModuleContext context(Map<String, Object> vars) {
                throw new IllegalStateException("no lookup plugins in this run");
            }
        };

        /** The plugin called name, or null. */
        LookupPlugin find(String name);

        /** What a plugin sees while the variables {@code vars} (of one host) are rendered. */
        ModuleContext context(Map<String, Object> vars);
    }
}
