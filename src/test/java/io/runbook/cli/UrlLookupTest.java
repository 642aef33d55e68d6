package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The url lookup, run the way a user runs a playbook, against a local HTTP server. */
class UrlLookupTest {
    @Test
    void linesWholeBodyHeadersAndAnErrorStatus() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String text = switch (path) {
                case "/lines" -> "line one\nline two\n";
                case "/echo" -> "probe=" + exchange.getRequestHeaders().getFirst("X-Probe") + " auth="
                        + exchange.getRequestHeaders().getFirst("Authorization");
                default -> null;
            };
            byte[] body = (text == null ? "not here" : text).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(text == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        try {
            String base = "http://127.0.0.1:" + web.getAddress().getPort();
            RunResult r = EngineRun.cli(EngineRun.fixture("lookups/url.yml"), "-e", "base_url=" + base);
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("\"msg\": \"line one,line two | ['line one', 'line two']\""), r.out());
            assertTrue(r.out().contains("\"msg\": \"line one\\nline two\\n\""), r.out());
            // ops:secret-pw in base64, sent up front as Ansible's force_basic_auth does, is a secret: masked in the output
            assertTrue(r.out().contains("\"msg\": \"probe=yes auth=Basic ********\""), r.out());
            assertFalse(r.out().contains("b3BzOnNlY3JldC1wdw=="), r.out());
            assertTrue(r.out().contains("Received HTTP error for " + base + "/missing : HTTP Error 404"), r.out());
            assertTrue(r.out().contains("the url lookup has no option 'split_line' (it takes "), r.out());
            assertTrue(r.recapLine("localhost").contains("ignored=2"), r.out());
        } finally {
            web.stop(0);
        }
    }
}
