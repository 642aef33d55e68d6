package io.runbook.cli;

import io.runbook.engine.inventory.Host;
import io.runbook.engine.inventory.Inventory;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import io.runbook.modules.k8s.ClusterDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded lab for one run: hosts with {@code kubeconfig: lab} are lab clusters named by their
 * {@code kube_context}. The lab starts when a task first needs one of them (a run without Kubernetes tasks
 * never starts it) and stops when the run ends.
 */
final class EmbeddedLab implements ClusterDirectory, AutoCloseable {
    static final String MARKER = "lab";
    private final List<String> clusters;
    private Lab lab;

    private EmbeddedLab(List<String> clusters) {
        this.clusters = List.copyOf(clusters);
    }

    /** The lab the inventory's hosts ask for, or empty when no host uses it. */
    static Optional<EmbeddedLab> forInventory(Inventory inventory) {
        List<String> names = new ArrayList<>();
        for (Host h : inventory.hosts()) {
            Map<String, Object> vars = inventory.hostVars(h.name());
            if (MARKER.equals(vars.get("kubeconfig"))) {
                Object context = vars.getOrDefault("kube_context", h.name());
                String name = String.valueOf(context).contains("{{") ? h.name() : String.valueOf(context);
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(new EmbeddedLab(names));
    }

    List<String> clusters() {
        return clusters;
    }

    @Override
    public synchronized Optional<String> kubeconfigYaml(String marker) {
        if (!MARKER.equals(marker)) {
            return Optional.empty();
        }
        if (lab == null) {
            lab = Lab.start(LabOptions.builder().clusters(clusters).podReadyDelay(Duration.ofMillis(300)).build());
        }
        return Optional.of(lab.kubeconfigYaml());
    }

    @Override
    public synchronized void close() {
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }
}
