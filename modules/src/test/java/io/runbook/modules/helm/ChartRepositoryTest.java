package io.runbook.modules.helm;

import static io.runbook.modules.helm.HelmLab.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chart: repo/chart} with {@code repo_url}, as the Tetrate docs install {@code tetrate-tsb-helm/managementplane}:
 * a chart repository served on loopback (index.yaml and the packaged chart).
 */
class ChartRepositoryTest {

    @Test
    void aRepositoryChartInstallsByNameAndVersionAndIsThenCurrent(@TempDir Path dir) throws Exception {
        Path chart = HelmLab.chartCopy(dir);
        Path site = Files.createDirectories(dir.resolve("site"));
        Path archive = site.resolve("demo-0.1.0.tgz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", chart.getParent().toString(), "demo").inheritIO().start();
        assertEquals(0, tar.waitFor());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/charts/";
        Files.writeString(site.resolve("index.yaml"), """
                apiVersion: v1
                entries:
                  demo:
                  - apiVersion: v2
                    name: demo
                    version: 0.1.0
                    appVersion: "1.0.0"
                    created: "2026-01-01T00:00:00Z"
                    digest: %s
                    urls: ["%sdemo-0.1.0.tgz"]
                generated: "2026-01-01T00:00:00Z"
                """.formatted(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive))), url));
        server.createContext("/charts/", exchange -> {
            Path file = site.resolve(exchange.getRequestURI().getPath().substring("/charts/".length()));
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "helm", "repository");
        List<Path> created = List.of(cache.resolve("runbook-test-repo-index.yaml"), cache.resolve("runbook-test-repo-charts.txt"),
                cache.resolve("demo-0.1.0.tgz")).stream().filter(p -> !Files.exists(p)).toList();
        String ns = HelmLab.namespace("repo");
        try (DirectRun run = HelmLab.run(ns)) {
            Map<String, Object> args = args("name", "mp", "chart", "runbook-test-repo/demo", "repo_url", url, "version", "0.1.0",
                    "values", Map.of("message", "from the repository"));
            Result installed = run.run(args);
            assertTrue(installed.isChanged() && !installed.isFailed(), installed.toString());
            assertEquals("demo-0.1.0", installed.data().get("chart"));
            assertEquals("from the repository", HelmLab.client().configMaps().inNamespace(ns).withName("mp-config").get()
                    .getData().get("message"));
            Result again = run.run(args);
            assertFalse(again.isChanged(), again.toString());

            Map<String, Object> unpinned = args("name", "mp", "chart", "runbook-test-repo/demo", "repo_url", url,
                    "values", Map.of("message", "from the repository"));
            Result latest = run.run(unpinned);
            assertFalse(latest.isChanged(), "an unpinned chart is pinned to the index's newest stable version: " + latest);
        } finally {
            server.stop(0);
            for (Path p : created) {
                Files.deleteIfExists(p); // Helm caches repository indexes and charts where the helm CLI does
            }
        }
    }
}
