package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaitSpecTest {
    final Map<String, Object> service = ReadinessTest.yaml("""
            kind: Service
            metadata: {name: envoy, labels: {app.kubernetes.io/name: envoy}}
            spec: {type: LoadBalancer}
            status: {loadBalancer: {ingress: [{ip: 10.1.2.3}]}}
            """);

    @Test
    void fieldPredicatesReadPathsIndexesAndQuotedKeys() {
        assertTrue(FieldPredicate.parse("status.loadBalancer.ingress[0]").test(service));
        assertTrue(FieldPredicate.parse("{.status.loadBalancer.ingress[0].ip}").test(service));
        assertTrue(FieldPredicate.parse("status.loadBalancer.ingress[0].ip == 10.1.2.3").test(service));
        assertTrue(FieldPredicate.parse("metadata.labels['app.kubernetes.io/name'] == \"envoy\"").test(service));
        assertFalse(FieldPredicate.parse("status.loadBalancer.ingress[1]").test(service));
        assertTrue(FieldPredicate.parse("spec.type != ClusterIP").test(service));
    }

    @Test
    void waitAcceptsBooleansPredicatesAndMappings() {
        assertFalse(WaitSpec.parse(false).enabled());
        assertEquals("ready", WaitSpec.parse("yes").describe());
        assertEquals("status.phase == Active", WaitSpec.parse("status.phase == Active").describe());
        WaitSpec m = WaitSpec.parse(Map.of("condition", "Available", "timeout", "5m"));
        assertEquals("condition Available=True", m.describe());
        assertEquals(Duration.ofMinutes(5), m.timeout());
    }

    @Test
    void waitMistakesSayWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WaitSpec.parse(Map.of("conditon", "Ready")));
        assertTrue(e.getMessage().contains("unknown key 'conditon'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WaitSpec.parse(Map.of("timeout", "soon")));
        assertThrows(IllegalArgumentException.class, () -> FieldPath.parse("status..x[z"));
    }
}
