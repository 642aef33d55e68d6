package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.runbook.engine.module.ModuleContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code cluster_probe} Jobs of one cluster whose Job and Secret (the checks' credentials) are not deleted yet. A
 * probe deletes its own when its wait ends, however it ends; one whose delete the run's end came before (a Ctrl-C,
 * the run's pools closing) or that failed is deleted when the run closes, before the cluster's connection (made
 * before this, so closed after it). What a killed run leaves the cluster removes: the Job ends at its deadline and is
 * deleted after its TTL, and the Secret, owned by the Job, goes with it.
 */
final class ProbeJobs implements AutoCloseable {
    private record Probe(String namespace, String name) {
    }

    private final ClusterConnection conn;
    private final Set<Probe> left = ConcurrentHashMap.newKeySet();

    private ProbeJobs(ClusterConnection conn) {
        this.conn = conn;
    }

    /** The run's probes on {@code conn}'s cluster. */
    static ProbeJobs of(ModuleContext ctx, ClusterConnection conn) {
        return ctx.shared(List.of(ProbeJobs.class, conn), ProbeJobs.class, () -> new ProbeJobs(conn));
    }

    /** Remembers a probe before anything of it is created. */
    void started(String namespace, String name) {
        left.add(new Probe(namespace, name));
    }

    /** Deletes the probe's Job (its pod goes with it) and its Secret; when that fails, the run's end tries again. */
    void delete(String namespace, String name) {
        Probe probe = new Probe(namespace, name);
        delete(probe);
        left.remove(probe);
    }

    private void delete(Probe probe) {
        conn.client().batch().v1().jobs().inNamespace(probe.namespace()).withName(probe.name())
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        conn.client().secrets().inNamespace(probe.namespace()).withName(probe.name()).delete();
    }

    @Override
    public void close() {
        for (Probe probe : List.copyOf(left)) {
            try {
                delete(probe);
                left.remove(probe);
            } catch (RuntimeException ignored) {
                // the cluster is gone or refuses: the Job's own TTL removes the Job, and the Secret with it
            }
        }
    }
}
