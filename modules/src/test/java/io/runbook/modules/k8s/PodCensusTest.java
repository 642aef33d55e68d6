package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodCensusTest {
    static Map<String, Object> pod(String name, String hash, boolean ready) {
        return ReadinessTest.yaml("""
                kind: Pod
                metadata: {name: %s, labels: {pod-template-hash: "%s"}}
                status:
                  phase: Running
                  conditions: [{type: Ready, status: "%s"}]
                  containerStatuses: [{name: main, ready: %s, state: {waiting: {reason: ImagePullBackOff}}}]
                """.formatted(name, hash, ready ? "True" : "False", ready));
    }

    final PodCensus census = PodCensus.of(List.of(pod("central-abc12-xxxxx", "abc12", false), pod("oap-def34-yyyyy", "def34", false),
            pod("web-aaa11-zzzzz", "aaa11", true)), List.of(), List.of());

    @Test
    void progressLineNamesTheWorkloadsStillWaiting() {
        assertEquals("tsb: 1/3 ready (37 s) — waiting: central, oap", census.progress("tsb", 37));
    }

    @Test
    void minReadyAndExpectedDecideWhenTheWaitIsOver() {
        assertTrue(census.satisfied(1, null, true));
        assertFalse(census.satisfied(2, null, true));
        assertFalse(census.satisfied(null, 3, true));
        assertFalse(census.satisfied(null, null, true));
    }

    @Test
    void nothingMatchingIsReportedAsSuch() {
        PodCensus empty = PodCensus.of(List.of(), List.of(), List.of());
        assertTrue(empty.nothingMatches(true));
        assertFalse(empty.satisfied(null, null, true));
    }

    @Test
    void unreadyReportGivesEachPodAndItsReason() {
        assertEquals(List.of("central-abc12-xxxxx: container main waiting: ImagePullBackOff",
                "oap-def34-yyyyy: container main waiting: ImagePullBackOff"), census.unreadyReport());
    }
}
