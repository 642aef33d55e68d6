package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.ClosedPort;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UriModuleTest {
    private static TestHttpServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = TestHttpServer.plain();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
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
    void uriGetReturnsStatusHeadersAndParsedJsonWithoutChange() throws Exception {
        Result r = run(Map.of("url", base + "/json"));
        assertFalse(r.isFailed(), r.msg());
        assertFalse(r.isChanged());
        assertEquals(200, r.data().get("status"));
        assertEquals(base + "/json", r.data().get("url"));
        assertEquals(Map.of("status", "ready", "clusters", List.of("cp-1", "cp-2")), r.data().get("json"));
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) r.data().get("headers");
        assertEquals("test", headers.get("x-served-by"));
        assertEquals("application/json", headers.get("content-type"));
        // each header under its own name too, as Ansible's uri registers them (r.x_served_by); the result's own keys win
        assertEquals("test", r.data().get("x_served_by"));
        assertEquals("application/json", r.data().get("content_type"));
        assertFalse(r.data().containsKey("content"), "content only when return_content is set");
        assertEquals(false, r.data().get("redirected"));
    }

    @Test
    void uriReturnContentGivesTheBodyText() throws Exception {
        Result r = run(Map.of("url", base + "/hello", "return_content", true));
        assertEquals("hello from /hello", r.data().get("content"));
    }

    @Test
    void uriStatusNotInStatusCodeFailsLikeAnsible() throws Exception {
        Result r = run(Map.of("url", base + "/unavailable"));
        assertTrue(r.isFailed());
        assertEquals("Status code was 503 and not [200]: upstream connect error or disconnect", r.msg());
        assertEquals(503, r.data().get("status"));
    }

    @Test
    void uriStatusCodeListAcceptsEveryListedStatus() throws Exception {
        Result list = run(Map.of("url", base + "/unavailable", "status_code", List.of(200, 503)));
        assertFalse(list.isFailed(), list.msg());
        Result text = run(Map.of("url", base + "/unavailable", "status_code", "200, 503"));
        assertFalse(text.isFailed(), text.msg());
        Result single = run(Map.of("url", base + "/created", "method", "POST", "status_code", 201));
        assertFalse(single.isFailed(), single.msg());
    }

    @Test
    void uriPostsAJsonBodyAndReportsChanged() throws Exception {
        Result r = run(Map.of("url", base + "/created", "method", "post", "body_format", "json",
                "body", Map.of("cluster", "cp-1"), "status_code", 201));
        assertTrue(r.isChanged());
        assertEquals("POST", server.lastRequest.get("method"));
        assertEquals("{\"cluster\":\"cp-1\"}", server.lastRequest.get("body"));
        assertEquals("application/json", server.lastRequest.get("content-type"));
        assertEquals(Map.of("id", 7), r.data().get("json"));
    }

    @Test
    void uriSendsAFormBody() throws Exception {
        run(Map.of("url", base + "/form", "method", "PUT", "body_format", "form-urlencoded", "body", Map.of("name", "a b&c")));
        assertEquals("name=a+b%26c", server.lastRequest.get("body"));
        assertEquals("application/x-www-form-urlencoded", server.lastRequest.get("content-type"));
    }

    @Test
    void uriMappingBodyWithoutFormatSaysWhatToSet() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> run(Map.of("url", base + "/x", "method", "POST", "body", Map.of("a", 1))));
        assertEquals("body is a mapping; set body_format: json (or form-urlencoded) to send it", e.getMessage());
    }

    @Test
    void uriBasicAuthSendsCredentialsButNeverShowsThem() throws Exception {
        DirectRun direct = DirectRun.of(new UriModule());
        Result r = direct.run(patient(Map.of("url", base + "/private", "url_username", "admin", "url_password", "s3cr3t-pw")));
        String token = Base64.getEncoder().encodeToString("admin:s3cr3t-pw".getBytes());
        assertEquals("Basic " + token, server.lastRequest.get("authorization"));
        assertFalse(r.toString().contains("s3cr3t-pw"));
        assertFalse(r.toString().contains(token));
        assertTrue(direct.secrets().contains("s3cr3t-pw"));
        assertTrue(direct.secrets().contains(token), "the encoded header is registered for redaction too");
    }

    @Test
    void uriRegistersCredentialHeadersAsSecrets() throws Exception {
        DirectRun direct = DirectRun.of(new UriModule());
        direct.run(patient(Map.of("url", base + "/private", "headers", Map.of("Authorization", "Bearer abcdefgh12345", "Accept", "application/json"))));
        assertEquals("Bearer abcdefgh12345", server.lastRequest.get("authorization"));
        assertTrue(direct.secrets().contains("Bearer abcdefgh12345"));
        assertFalse(direct.secrets().contains("application/json"));
    }

    @Test
    void uriInvalidMethodIsNamed() {
        ModuleException e = assertThrows(ModuleException.class, () -> run(Map.of("url", base + "/x", "method", "GE T")));
        assertEquals("method 'GE T' is not a valid HTTP method", e.getMessage());
    }

    @Test
    void uriTimeoutNamesTheUrl() throws Exception {
        // /slow accepts the connection and never answers, so the timeout fires however loaded the machine is. The
        // JDK counts a timeout as "connect" until its own threads have marked the connection connected, which on a
        // loaded machine took seconds: the timeout leaves room for that, and a first request loads the client's
        // classes before, so the message can only be the response one.
        assertFalse(run(Map.of("url", base + "/hello", "timeout", 600)).isFailed());
        try {
            Result r = run(Map.of("url", base + "/slow", "timeout", "15"));
            assertTrue(r.isFailed());
            assertEquals("no response from " + base + "/slow within 15 s", r.msg());
            assertEquals(0, server.slowAnswered.get(), "gave up at the timeout, while the server had not answered yet");
        } finally {
            server.releaseSlow();
        }
    }

    @Test
    void uriConnectionRefusedIsOneClearLine() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            String url = "http://127.0.0.1:" + closed.port() + "/health";
            Result r = run(Map.of("url", url));
            assertTrue(r.isFailed());
            assertEquals("cannot connect to " + url + ": connection refused", r.msg());
            assertEquals(-1, r.data().get("status"), "Ansible's status for no answer, so until: r.status == 200 can retry");
        }
    }

    @Test
    void uriConnectionRefusedAtAPinnedAddressNamesBoth() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            int port = closed.port();
            String url = "https://tsb.example.test:" + port + "/health";
            Result r = run(Map.of("url", url, "resolve", List.of("tsb.example.test:" + port + ":127.0.0.1")));
            assertEquals("cannot connect to " + url + " (pinned to 127.0.0.1): connection refused", r.msg());
        }
    }

    @Test
    void uriCheckModeRunsGetButSkipsPost() throws Exception {
        Result get = DirectRun.of(new UriModule()).check(true).run(patient(Map.of("url", base + "/json")));
        assertEquals(200, get.data().get("status"));
        server.lastRequest.clear();
        Result post = DirectRun.of(new UriModule()).check(true).run(patient(Map.of("url", base + "/created", "method", "POST")));
        assertTrue(post.isSkipped());
        assertEquals("uri does not send POST " + base + "/created in check mode (only GET and HEAD run there)", post.msg());
        assertTrue(server.lastRequest.isEmpty(), "nothing was sent");
    }

    @Test
    void uriFollowsRedirectsForGet() throws Exception {
        Result r = run(Map.of("url", base + "/redirect"));
        assertEquals(200, r.data().get("status"));
        assertEquals(true, r.data().get("redirected"));
        assertEquals(base + "/json", r.data().get("url"));
    }

    @Test
    void uriDoesNotFollowARedirectAfterPostByDefault() throws Exception {
        Result r = run(Map.of("url", base + "/redirect", "method", "POST", "body", "x"));
        assertTrue(r.isFailed());
        assertEquals(302, r.data().get("status"));
        assertEquals("Status code was 302 and not [200]: (empty body)", r.msg());
    }

    @Test
    void uriHeadRunsWithoutBody() throws Exception {
        Result r = run(Map.of("url", base + "/json", "method", "head", "return_content", true));
        assertFalse(r.isFailed(), r.msg());
        assertFalse(r.isChanged());
        assertEquals("HEAD", server.lastRequest.get("method"));
        assertEquals("", r.data().get("content"));
    }

    @Test
    void uriDoesNotFollowRedirectsWhenToldNot() throws Exception {
        Result r = run(Map.of("url", base + "/redirect", "follow_redirects", "none", "status_code", 302));
        assertFalse(r.isFailed(), r.msg());
        assertEquals(302, r.data().get("status"));
        assertEquals("/json", ((Map<?, ?>) r.data().get("headers")).get("location"));
        assertEquals(base + "/json", r.data().get("location"), "made absolute, as Ansible's uri does");
    }

    @Test
    void uriPinnedPlainHttpConnectsToTheAddressAndSendsTheNameAsHost() throws Exception {
        server.hostHeaders.clear();
        String url = "http://tsb.example.test:" + server.port() + "/hello";
        Result r = run(Map.of("url", url, "resolve", Map.of("tsb.example.test", "127.0.0.1"), "return_content", true));
        assertEquals("hello from /hello", r.data().get("content"));
        assertEquals(url, r.data().get("url"));
        assertEquals("127.0.0.1", r.data().get("pinned_address"));
        assertEquals(List.of("tsb.example.test:" + server.port()), server.hostHeaders);
    }

    @Test
    void uriResolveEntryInTheWrongShapeShowsTheCurlForm() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> run(Map.of("url", base + "/x", "resolve", List.of("tsb.example.test=127.0.0.1"))));
        assertEquals("resolve entry 'tsb.example.test=127.0.0.1' is not host:port:address (like curl --resolve tsb.example.com:443:10.0.0.5)", e.getMessage());
    }

    @Test
    void uriRejectsANonHttpUrl() {
        ModuleException e = assertThrows(ModuleException.class, () -> run(Map.of("url", "ftp://example.test/x")));
        assertEquals("url must start with http:// or https://, got 'ftp://example.test/x'", e.getMessage());
    }
}
