package io.runbook.modules.k8s;

import static io.runbook.modules.k8s.ReadinessTest.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * kubernetes.core 2.4.0's waiter's rules where the lab cannot show them to both tools alike (K8sCompatParityTest shows
 * the others): statuses that last only an instant, a Succeeded pod, conditions that are Unknown.
 */
class CoreReadinessTest {
    @Test
    void aDeploymentScaledDownWaitsUntilItsStatusCountsOnlyTheReplicasWanted() {
        // the controller observed the scale-down, the ReplicaSet has not yet removed its pods: rollout status says done
        assertTrue(Readiness.of(deployment(1, 3, 3)).ready(), "the kind's own rules (kubectl rollout status) take it as rolled out");
        assertEquals("3 replicas, 1 wanted", CoreReadiness.of(deployment(1, 3, 3)).reason());
        assertTrue(CoreReadiness.of(deployment(1, 1, 1)).ready());
    }

    @Test
    void aDeploymentsFirstStatusAfterATemplateChangeIsNotReady() {
        Readiness.Verdict v = CoreReadiness.of(deployment(2, 2, 0));
        assertEquals("0 of 2 replicas updated", v.reason());
        assertFalse(v.hopeless(), "kubernetes.core gives up only at its timeout");
    }

    /** A Deployment whose controller observed its generation: {@code replicas} all ready and available. */
    private static java.util.Map<String, Object> deployment(int wanted, int replicas, int updated) {
        return yaml("kind: Deployment\nmetadata: {generation: 2}\nspec: {replicas: " + wanted + "}\nstatus: {observedGeneration: 2, replicas: "
                + replicas + ", updatedReplicas: " + updated + ", readyReplicas: " + replicas + ", availableReplicas: " + replicas + "}\n");
    }

    @Test
    void aPodIsReadyWhenEveryContainerIsSoASucceededOneNever() {
        assertTrue(CoreReadiness.of(yaml("""
                kind: Pod
                metadata: {deletionTimestamp: "2026-01-01T00:00:00Z"}
                status: {phase: Running, containerStatuses: [{name: app, ready: true}]}
                """)).ready(), "terminating, its containers still ready");
        Readiness.Verdict done = CoreReadiness.of(yaml("""
                kind: Pod
                status:
                  phase: Succeeded
                  containerStatuses: [{name: job, ready: false, state: {terminated: {reason: Completed, exitCode: 0}}}]
                """));
        assertEquals("containers not ready: job", done.reason());
        assertFalse(CoreReadiness.of(yaml("""
                kind: Pod
                status: {phase: Pending}
                """)).ready());
    }

    @Test
    void otherKindsAreReadyAsSoonAsTheyExist() {
        assertTrue(CoreReadiness.of(yaml("""
                kind: Job
                status: {conditions: [{type: Failed, status: "True"}]}
                """)).ready());
    }

    @Test
    void conditionsFollowKubernetesCoresRules() {
        String unknown = """
                kind: Widget
                status: {conditions: [{type: Synced, status: Unknown, reason: Pending}]}
                """;
        assertFalse(CoreReadiness.condition(yaml(unknown), "Synced", "Unknown", null).ready(), "Unknown needs its reason");
        assertTrue(CoreReadiness.condition(yaml(unknown), "Synced", "Unknown", "Pending").ready());
        assertFalse(CoreReadiness.condition(yaml(unknown), "Synced", "False", null).ready());
        String no = """
                kind: Widget
                status: {conditions: [{type: Synced, status: "False", reason: Failing}]}
                """;
        assertTrue(CoreReadiness.condition(yaml(no), "Synced", "False", null).ready());
        assertTrue(CoreReadiness.condition(yaml(no), "Synced", "Unknown", null).ready(), "kubernetes.core reads Unknown as false here");
        assertFalse(CoreReadiness.condition(yaml(no), "Synced", "False", "Other").ready());
        assertEquals("no condition Ready yet (has: Synced)", CoreReadiness.condition(yaml(no), "Ready", "True", null).reason());
    }
}
