package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** uri over TLS against a server whose certificate is for tsb.example.test, reached at 127.0.0.1. */
class UriTlsTest {
    private static Path dir;
    private static TestPki pki;
    private static TestHttpServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("uri-tls");
        pki = TestPki.create(dir);
        server = TestHttpServer.tls(pki.serverContext());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void forget() {
        server.hostHeaders.clear();
        server.serverNames.clear();
    }

    private static String url(String host) {
        return "https://" + host + ":" + server.port() + "/json";
    }

    private static Result run(Map<String, Object> args) throws Exception {
        return DirectRun.of(new UriModule()).run(patient(args));
    }

    /** Unless a test sets its own, a timeout that only bounds a hang: a busy machine may take longer than the default 30 s. */
    static Map<String, Object> patient(Map<String, Object> args) {
        Map<String, Object> out = new java.util.HashMap<>(args);
        out.putIfAbsent("timeout", 600);
        return out;
    }

    @Test
    void uriPinsHostNameToAddressLikeCurlResolve() throws Exception {
        String pin = TestPki.NAME + ":" + server.port() + ":127.0.0.1";
        Result r = run(Map.of("url", url(TestPki.NAME), "resolve", List.of(pin), "ca_path", pki.caPem.toString()));
        assertFalse(r.isFailed(), r.msg());
        assertEquals(200, r.data().get("status"));
        assertEquals(Map.of("status", "ready", "clusters", List.of("cp-1", "cp-2")), r.data().get("json"));
        assertEquals(List.of(TestPki.NAME), server.serverNames, "TLS SNI carries the host name");
        assertEquals(List.of(TestPki.NAME + ":" + server.port()), server.hostHeaders, "Host carries the host name");
        assertEquals(url(TestPki.NAME), r.data().get("url"));
    }

    @Test
    void uriPinWithAMappingAppliesToAnyPort() throws Exception {
        Result r = run(Map.of("url", url(TestPki.NAME), "resolve", Map.of(TestPki.NAME, "127.0.0.1"), "ca_path", pki.caPem.toString()));
        assertEquals(200, r.data().get("status"));
    }

    @Test
    void uriPinnedToAWrongNameFailsWithAClearTlsMessage() throws Exception {
        String name = "wrong.example.test";
        Result r = run(Map.of("url", url(name), "resolve", Map.of(name, "127.0.0.1"), "ca_path", pki.caPem.toString()));
        assertTrue(r.isFailed());
        assertEquals("TLS handshake with " + url(name) + " (pinned to 127.0.0.1) failed: the certificate is for ["
                + TestPki.NAME + "], not for " + name, r.msg());
    }

    @Test
    void uriPinnedToAServerWithAnUntrustedCaFails() throws Exception {
        Result r = run(Map.of("url", url(TestPki.NAME), "resolve", Map.of(TestPki.NAME, "127.0.0.1")));
        assertTrue(r.isFailed());
        assertTrue(r.msg().startsWith("TLS handshake with " + url(TestPki.NAME) + " (pinned to 127.0.0.1) failed: the certificate of "
                + TestPki.NAME + " is not trusted by the JDK's default CAs"), r.msg());
    }

    @Test
    void uriWithoutPinChecksTheCertificateAgainstTheUrlAddress() throws Exception {
        // the certificate names tsb.example.test, not 127.0.0.1: the JDK's own check refuses it
        Result r = run(Map.of("url", url("127.0.0.1"), "ca_path", pki.caPem.toString()));
        assertTrue(r.isFailed());
        assertEquals("TLS handshake with " + url("127.0.0.1") + " failed: No subject alternative names matching IP address 127.0.0.1 found", r.msg());
    }

    @Test
    void uriValidateCertsFalseAcceptsAnyCertificate() throws Exception {
        Result r = run(Map.of("url", url("127.0.0.1"), "validate_certs", false));
        assertEquals(200, r.data().get("status"));
    }

    @Test
    void uriMissingCaPathIsNamed() {
        ModuleException e = assertThrows(ModuleException.class, () -> run(Map.of("url", url(TestPki.NAME),
                "resolve", Map.of(TestPki.NAME, "127.0.0.1"), "ca_path", dir.resolve("nope.pem").toString())));
        assertEquals("ca_path not found: " + dir.resolve("nope.pem"), e.getMessage());
    }

    @Test
    void aRelativeCaPathIsInThePlaybooksFolderNotTheTaskFilesAsAnsiblesLocalConnectionReadsIt() throws Exception {
        Path taskFiles = Files.createDirectories(dir.resolve("roles/r/tasks"));
        Result r = DirectRun.of(new UriModule()).baseDir(taskFiles).workDir(dir).run(patient(Map.of("url", url(TestPki.NAME),
                "resolve", Map.of(TestPki.NAME, "127.0.0.1"), "ca_path", dir.relativize(pki.caPem).toString())));
        assertEquals(200, r.data().get("status"));
    }
}
