package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code k8s_apply} lets its first request's answer prove that the server is a Kubernetes API instead of asking
 * {@code GET /api/v1} first; a server whose answers prove nothing (a web server's 404 page, which would otherwise read as
 * "the object is absent", or its 200 page) makes the host unreachable with the message the separate check gives, and a
 * real API server's answers (the object, or its NotFound Status) are taken as they are.
 */
class K8sApplyServerCheckTest {
    private static final String SECRET = "{apiVersion: v1, kind: Secret, metadata: {name: oap-token, namespace: default},"
            + " stringData: {token: t}}";

    /** What every other Kubernetes module does first: the check of {@link ClusterConnection#of}. */
    static final class CheckedFirst implements Module {
        @Override
        public String name() {
            return "checked_first";
        }

        @Override
        public ArgSpec spec() {
            return ArgSpec.builder().build();
        }

        @Override
        public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
            ClusterConnection.of(ctx);
            return Result.ok();
        }
    }

    @Test
    void aWebServerAnswering404PagesIsNotAnApiNotAnAbsentObject(@TempDir Path dir) throws Exception {
        assertUnreachableAsTheCheckSays(dir, 404, Map.of("definition", SECRET, "state", "absent"));
        assertUnreachableAsTheCheckSays(dir, 404, Map.of("definition", SECRET));
    }

    @Test
    void aWebServerAnsweringPagesWith200IsNotAnApi(@TempDir Path dir) throws Exception {
        assertUnreachableAsTheCheckSays(dir, 200, Map.of("definition", SECRET));
    }

    @Test
    void aKindOutsideTheCoreGroupIsLookedUpOnlyAfterTheCheck(@TempDir Path dir) throws Exception {
        // discovery of apps/v1 on a web server would answer 404: "kind not served" instead of "not a Kubernetes API"
        assertUnreachableAsTheCheckSays(dir, 404, Map.of("definition",
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d, namespace: default}, spec: {}}"));
    }

    @Test
    void aRealApiServersAnswersAreTakenAsTheyAre() throws Exception {
        String ns = LabHost.namespace("proof");
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            // the first answer is the API's NotFound Status for the Secret: absent, nothing to delete
            Result absent = run.run(Map.of("definition", SECRET.replace("default", ns), "state", "absent"));
            assertEquals(false, absent.isChanged(), absent.toString());
            assertEquals("1 unchanged", absent.msg(), absent.toString());
            Result created = run.run(Map.of("definition", SECRET.replace("default", ns)));
            assertEquals(true, created.isChanged(), created.toString());
        }
    }

    private static void assertUnreachableAsTheCheckSays(Path dir, int code, Map<String, Object> args) throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] page = "<html><body>Welcome to the intranet</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(code, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        web.start();
        try {
            Path kubeconfig = kubeconfig(dir, web.getAddress().getPort());
            Map<String, Object> vars = Map.of("kubeconfig", kubeconfig.toString(), "kube_context", "web");
            ModuleException expected;
            try (DirectRun check = DirectRun.of(new CheckedFirst()).host("web").vars(vars)) {
                expected = assertThrows(ModuleException.class, () -> check.run(Map.of()));
            }
            assertTrue(expected.isUnreachable() && expected.getMessage().contains("is not a Kubernetes API"), expected.getMessage());
            try (DirectRun apply = DirectRun.of(new K8sApply()).host("web").vars(vars)) {
                ModuleException e = assertThrows(ModuleException.class, () -> apply.run(args));
                assertTrue(e.isUnreachable(), e.getMessage());
                assertEquals(expected.getMessage(), e.getMessage());
            }
        } finally {
            web.stop(0);
        }
    }

    private static Path kubeconfig(Path dir, int port) throws IOException {
        Path file = dir.resolve("web-" + port + ".yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: web, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: web, user: {token: t}}]
                contexts: [{name: web, context: {cluster: web, user: web, namespace: default}}]
                current-context: web
                """.formatted(port));
        return file;
    }
}
