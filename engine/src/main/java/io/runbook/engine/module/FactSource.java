package io.runbook.engine.module;

import java.util.Map;
import java.util.Set;

/**
 * Gathers the facts of hosts of one kind, for the {@code setup} and {@code gather_facts} actions (and the implicit
 * "Gathering Facts" task of a play). Found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.runbook.engine.module.FactSource}. The engine gathers local facts itself (for
 * {@code ansible_connection: local} and localhost); a module package adds a source for its kind of host, such as
 * a Kubernetes cluster or an SSH host.
 *
 * <p>Contract: {@link #gather} may be called from many threads at once, for different hosts; it must be cheap (a
 * couple of requests per host: every play gathers unless it says {@code gather_facts: false}) and use the run's
 * long-lived clients ({@link ModuleContext#shared}).
 */
public interface FactSource {
    /** Whether this source gathers the facts of the host {@code ctx} runs for (e.g. the host stands for a cluster). */
    boolean handles(ModuleContext ctx);

    /**
     * The host's facts, named as in {@code ansible_facts} (without the {@code ansible_} prefix): the engine makes
     * each also a variable {@code ansible_<name>}.
     *
     * @param subsets the names of Ansible's fact collectors {@code gather_subset} selects (with those they require),
     *                such as {@code platform}, {@code env}, {@code hardware}, {@code network}, {@code local}; a source
     *                may give more (the engine leaves out the facts of the collectors not selected)
     */
    Map<String, Object> gather(ModuleContext ctx, Set<String> subsets) throws ModuleException, InterruptedException;
}
