package io.runbook.lab.tetrate;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.runbook.lab.Lab;
import io.runbook.lab.LabCluster;
import io.runbook.lab.dns.LabDns;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Before a run sees the estate, it settles into its state: the lab DNS secondary serves what the primary holds (so a
 * control plane resolves the scenario's record, not the empty zone of a moment ago), every workload at rest (each pod Ready, or held by the
 * scenario's fault, e.g. CrashLoopBackOff; nothing starting), the management plane's operator done creating
 * components and then a full reconcile pass on every cluster that started after that (so what the front envoy
 * serves follows what runs), and only then do the control planes probe and log, for two ticks each. So what a run sees first is the
 * estate's real state, however slow the machine: never a half-started management plane, nor log lines of a
 * moment that is over (a run that looks at once, such as triage.yml, names the right scenario). Conditions are
 * waited for, never fixed times; the bound only keeps a broken estate from hanging a run (it then sees whatever
 * the estate shows).
 */
final class EstateSettling {
    private static final Duration BOUND = Duration.ofMinutes(5);
    private static final String CP_NAMESPACE = "istio-system";

    private EstateSettling() {
    }

    /**
     * Settles the estate; its control planes must be held ({@link TetrateLab#startHeld}) until now. A fresh estate
     * also waits until its front envoy serves what the scenario says (a resumed one may have been recovered since).
     */
    static void settle(TetrateEstate.Settings s, Lab lab, LabDns dns, TetrateLab tetrate, boolean fresh) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        BooleanSupplier atRest = () -> !tetrate.managementPlaneInstalling() && dns.secondaryInSync() && lab.clusters().stream()
                .allMatch(c -> workloadsAtRest(c, c.name().equals(s.managementCluster()) ? s.mesh() : CP_NAMESPACE))
                && (!fresh || servesAsTheScenarioSays(s.scenario(), s.variants(), tetrate.managementPlaneServing()));
        try {
            do {
                await(deadline, atRest);
                // passes run one at a time: the second one completed after this point started after the first
                // one completed, so it saw the estate at rest
                for (int round = 0; round < 2; round++) {
                    Map<String, Long> passes = new HashMap<>();
                    lab.clusters().forEach(c -> {
                        passes.put(c.name(), c.reconcilePasses());
                        c.reconcileSoon();
                    });
                    await(deadline, () -> lab.clusters().stream().allMatch(c -> c.reconcilePasses() > passes.get(c.name())));
                }
            } while (!atRest.getAsBoolean() && System.nanoTime() < deadline);
        } finally {
            tetrate.holdControlPlanes(false);
        }
        long ticked = tetrate.controlPlaneTicks();
        if (ticked != Long.MAX_VALUE) {  // MAX_VALUE: no control planes
            await(deadline, () -> tetrate.controlPlaneTicks() >= ticked + 2);
        }
    }

    /** A fresh scenario's front envoy: none (or 503) where the MP is gone or broken, central down, or all healthy. */
    private static boolean servesAsTheScenarioSays(Scenario scenario, Variants variants,
                                                   ManagementPlaneEndpoint.Serving serving) {
        if (scenario.managementPlaneAlive() && !variants.stores().usable()) {
            // its API server, IAM or oap cannot use their database: front envoy has no healthy upstream
            return !serving.healthy();
        }
        return switch (scenario) {
            case MANAGEMENT_CLUSTER_LOST, MANAGEMENT_PLANE_FAILED -> !serving.healthy();
            case CENTRAL_CONTROL_PLANE_FAILED -> serving.healthy() && !serving.xcpReady();
            default -> serving.healthy() && serving.xcpReady();
        };
    }

    /** Every Deployment of the namespace rolled out, every pod at rest; a cluster whose API is down counts as at rest. */
    private static boolean workloadsAtRest(LabCluster cluster, String namespace) {
        if (!cluster.available()) {
            return true;
        }
        try {
            var client = cluster.client();
            for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
                int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                var st = d.getStatus();
                if (st == null || !Objects.equals(st.getObservedGeneration(), d.getMetadata().getGeneration())
                        || count(st.getReplicas()) != want || count(st.getUpdatedReplicas()) != want) {
                    return false;
                }
            }
            return client.pods().inNamespace(namespace).list().getItems().stream().allMatch(cluster::podAtRest);
        } catch (KubernetesClientException e) {
            return e.getCode() == 503;
        }
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    private static void await(long deadline, BooleanSupplier condition) {
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
