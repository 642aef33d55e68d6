package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LineMaskTest {
    @Test
    void tokensPasswordsAndJwtsAreMasked() {
        assertEquals("login with password=******** ok", LineMask.mask("login with password=hunter22 ok"));
        assertEquals("Authorization: Bearer ********", LineMask.mask("Authorization: Bearer abcdef0123456789"));
        assertEquals("jwt ********", LineMask.mask("jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjcC0xIn0.c2lnbmF0dXJl"));
        assertEquals("{\"token\": \"********\"}", LineMask.mask("{\"token\": \"abc123def\"}"));
        assertEquals("key ********", LineMask.mask("key QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk="));
    }

    @Test
    void ordinaryDiagnosticsStayReadable() {
        String line = "token rotation failed, retrying in 15m0s: secret istio-system/cluster-service-account not found";
        assertEquals(line, LineMask.mask(line));
    }
}
