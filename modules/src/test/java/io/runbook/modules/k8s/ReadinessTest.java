package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class ReadinessTest {
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    @Test
    void deploymentIsReadyOnlyWhenObservedUpdatedAndAvailable() {
        assertTrue(Readiness.of(yaml("""
                kind: Deployment
                metadata: {generation: 2}
                spec: {replicas: 2}
                status: {observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2}
                """)).ready());
        Readiness.Verdict stale = Readiness.of(yaml("""
                kind: Deployment
                metadata: {generation: 3}
                spec: {replicas: 2}
                status: {observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2}
                """));
        assertFalse(stale.ready());
        Readiness.Verdict rolling = Readiness.of(yaml("""
                kind: Deployment
                metadata: {generation: 2}
                spec: {replicas: 2}
                status: {observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 2}
                """));
        assertEquals("1 old replicas pending termination", rolling.reason());
    }

    @Test
    void deploymentPastItsProgressDeadlineIsHopeless() {
        Readiness.Verdict v = Readiness.of(yaml("""
                kind: Deployment
                spec: {replicas: 1}
                status:
                  conditions: [{type: Progressing, status: "False", reason: ProgressDeadlineExceeded, message: "ReplicaSet x has timed out progressing."}]
                """));
        assertTrue(v.hopeless());
    }

    @Test
    void statefulSetWaitsForReadyReplicasAndRevision() {
        assertFalse(Readiness.of(yaml("""
                kind: StatefulSet
                spec: {replicas: 3}
                status: {readyReplicas: 2}
                """)).ready());
        assertFalse(Readiness.of(yaml("""
                kind: StatefulSet
                spec: {replicas: 1}
                status: {readyReplicas: 1, currentRevision: a, updateRevision: b}
                """)).ready());
        assertTrue(Readiness.of(yaml("""
                kind: StatefulSet
                spec: {replicas: 1}
                status: {readyReplicas: 1, currentRevision: b, updateRevision: b}
                """)).ready());
    }

    @Test
    void daemonSetNeedsEveryScheduledPodUpdatedAndAvailable() {
        assertFalse(Readiness.of(yaml("kind: DaemonSet\nstatus: {desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2}")).ready());
        assertTrue(Readiness.of(yaml("kind: DaemonSet\nstatus: {desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3}")).ready());
    }

    @Test
    void jobIsReadyWhenCompleteAndHopelessWhenFailed() {
        assertTrue(Readiness.of(yaml("kind: Job\nstatus: {conditions: [{type: Complete, status: \"True\"}]}")).ready());
        Readiness.Verdict failed = Readiness.of(yaml("kind: Job\nstatus: {conditions: [{type: Failed, status: \"True\", message: BackoffLimitExceeded}]}"));
        assertTrue(failed.hopeless());
        assertTrue(failed.reason().contains("BackoffLimitExceeded"));
    }

    @Test
    void namespaceCrdClaimAndLoadBalancerHaveTheirOwnRules() {
        assertTrue(Readiness.of(yaml("kind: Namespace\nstatus: {phase: Active}")).ready());
        assertFalse(Readiness.of(yaml("kind: Namespace\nstatus: {phase: Terminating}")).ready());
        assertTrue(Readiness.of(yaml("kind: CustomResourceDefinition\nstatus: {conditions: [{type: Established, status: \"True\"}]}")).ready());
        assertFalse(Readiness.of(yaml("kind: PersistentVolumeClaim\nstatus: {phase: Pending}")).ready());
        assertFalse(Readiness.of(yaml("kind: Service\nspec: {type: LoadBalancer}\nstatus: {loadBalancer: {}}")).ready());
        assertTrue(Readiness.of(yaml("kind: Service\nspec: {type: LoadBalancer}\nstatus: {loadBalancer: {ingress: [{ip: 10.0.0.1}]}}")).ready());
        assertTrue(Readiness.of(yaml("kind: Service\nspec: {type: ClusterIP}")).ready());
    }

    @Test
    void otherKindsFollowTheirReadyConditionOrExistence() {
        assertFalse(Readiness.of(yaml("kind: ManagementPlane\nstatus: {conditions: [{type: Ready, status: \"False\", message: installing}]}")).ready());
        assertTrue(Readiness.of(yaml("kind: ConfigMap\ndata: {}")).ready());
    }

    @Test
    void aMissingConditionSaysWhichConditionsExist() {
        Readiness.Verdict v = Readiness.condition(yaml("kind: Namespace\nstatus: {phase: Active}"), "Ready", "True");
        assertEquals("no condition Ready yet (the object has no conditions)", v.reason());
    }

    @Test
    void podReasonNamesTheWaitingReasonAndRestarts() {
        Map<String, Object> pod = yaml("""
                kind: Pod
                metadata: {name: central-6f7d9c-x2x9k, labels: {pod-template-hash: 6f7d9c}}
                status:
                  phase: Pending
                  conditions: [{type: Ready, status: "False", reason: ContainersNotReady}]
                  containerStatuses:
                  - name: central
                    ready: false
                    restartCount: 3
                    state: {waiting: {reason: CrashLoopBackOff, message: back-off 40s restarting failed container}}
                    lastState: {terminated: {reason: Error, exitCode: 1}}
                  - name: sidecar
                    ready: true
                """);
        Readiness.Verdict v = Readiness.of(pod);
        assertFalse(v.ready());
        assertEquals("container central waiting: CrashLoopBackOff (back-off 40s restarting failed container), 3 restarts (last: Error)", v.reason());
        assertEquals("central", PodDiagnosis.shortName(pod));
    }

    @Test
    void succeededPodsCountAsDone() {
        assertTrue(Readiness.of(yaml("kind: Pod\nstatus: {phase: Succeeded}")).ready());
        assertEquals(List.of(), Readiness.conditions(yaml("kind: Pod")));
    }
}
