package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LogClassificationTest {
    static final String TLS_SAN = "warn\tstream\terror getting stream. retrying in 21.72809085s: rpc error: code = Unavailable desc = connection error: "
            + "desc = \"transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate is valid for xcp.tetrate.io, not tsb.tetrate.io\"\tname=configs-4d116fd6";
    static final String UNKNOWN_CA = "error\tcontrolplane\ttoken rotation failed, retrying in 1.661766738s: generate tokens: rpc error: code = Unavailable "
            + "desc = connection error: desc = \"transport: authentication handshake failed: x509: certificate signed by unknown authority\" [scope=\"controlplane\"]";
    static final String DNS = "warn\tstream\terror getting stream. retrying in 12s: rpc error: code = Unavailable desc = connection error: "
            + "desc = \"transport: Error while dialing: dial tcp: lookup tsb.example.com on 10.96.0.10:53: no such host\"";
    static final String SA_MISSING = "error\tcontrolplane\ttoken rotation failed, retrying in 15m0s: secret istio-system/cluster-service-account not found: "
            + "Secret \"cluster-service-account\" not found [scope=\"controlplane\"]";
    static final String UNAUTHENTICATED = "warn\tstream\terror: rpc error: code = Unauthenticated desc = invalid token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjcC0xIn0.c2lnbmF0dXJl";

    LogClassification classify(String... lines) {
        LogClassification c = new LogClassification(LogCategory.defaults(), List.of(Pattern.compile("connected to management plane")), 3);
        for (String l : lines) {
            c.add("edge-1/edge", l);
        }
        return c;
    }

    @Test
    void theTetrateErrorLinesLandInTheirCategories() {
        LogClassification c = classify(TLS_SAN, UNKNOWN_CA, DNS, SA_MISSING, UNAUTHENTICATED, "info\tstream\tconnected to management plane");
        assertEquals(2, c.count(LogCategory.TLS));
        assertEquals(1, c.count(LogCategory.MP_UNREACHABLE));
        assertEquals(2, c.count(LogCategory.TOKEN));
        assertEquals(5, c.matched());
        assertEquals(6, c.lines());
        assertEquals(1, c.healthyLines());
    }

    @Test
    void aRejectedTokenInsideAStreamErrorIsATokenProblemNotConnectivity() {
        String rejected = "warn\tstream\terror getting stream. retrying in 16.5s: rpc error: code = Unauthenticated "
                + "desc = token signed by unknown key kid-2025-old\tname=configs-4d116fd6";
        String refusedRotation = "error\tcontrolplane\ttoken rotation failed, retrying in 7s: generate tokens: rpc error: "
                + "code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial tcp 127.0.1.200:9443: connect: connection refused\"";
        LogClassification c = classify(rejected, refusedRotation);
        assertEquals(1, c.count(LogCategory.TOKEN));
        assertEquals(1, c.count(LogCategory.MP_UNREACHABLE));
        assertEquals(2, c.asResult().size(), "each category reported once: " + c.asResult().keySet());
    }

    @Test
    void failureMessageNamesTheCategoryAndTheRemedy() {
        String msg = classify(DNS).failureMessage("deployment edge logs in istio-system");
        assertTrue(msg.startsWith("deployment edge logs in istio-system show mp_unreachable (1 lines)"), msg);
        assertTrue(msg.contains("DNS record") && msg.contains("9443"), msg);
        assertTrue(classify(UNAUTHENTICATED).failureMessage("x").contains("delete otel-token oap-token ngac-token xcp-edge-central-auth-token"));
        assertTrue(classify(TLS_SAN).failureMessage("x").contains("root CA"));
    }

    @Test
    void examplesAreMaskedAndNamedByPodAndContainer() {
        Map<String, Object> result = classify(UNAUTHENTICATED).asResult();
        String example = String.valueOf(((Map<?, ?>) result.get(LogCategory.TOKEN)).get("examples"));
        assertTrue(example.contains("edge-1/edge: "), example);
        assertFalse(example.contains("eyJhbGciOiJSUzI1NiJ9"), example);
        assertTrue(example.contains(LineMask.MASK), example);
    }

    @Test
    void ordinaryLinesMatchNothing() {
        LogClassification c = classify("info\txcp\tstarting edge with centralAuthModes jwt", "info\tconfig\tapplied 12 resources at 12:00:01.401");
        assertEquals(0, c.matched());
    }
}
